#include "emulator/app/app_options.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include <fmt/format.h>

#include "emulator/app/option_checks.h"
#include "emulator/control/fault_help.h"
#include "emulator/control/fault_table.h"
#include "emulator/port/tcp_port.h"
#include "models/model_factory.h"

namespace cellemu::app {
namespace {

std::string check_baud(const std::string& value) {
  if (value == "off" || value == "auto") return {};
  unsigned n = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || ptr != value.data() + value.size() || n < 50 || n > 4000000) {
    return "expected off, auto or a rate from 50 to 4000000 bits/s, e.g. 9600";
  }
  return {};
}

using namespace std::chrono_literals;

// --time-scale: a thousandth of real time up to a thousand times faster (the emulated clock
// counts nanoseconds in 64 bits: at 1000x it lasts 106 days of real time).
constexpr core::NumberRange kTimeScale{0.001, 1000};
// --connect-timeout: up to a day; a bare number counts seconds as it always did.
constexpr core::DurationRange kConnectTimeout{.max = 24h, .bare_unit = 1s};
constexpr core::DurationRange kListenIdle{.max = 24h, .bare_unit = 1s};

constexpr const char* kExamples =
    "Examples:\n"
    "  cellemu                                   # Air780EP; prints its pty, e.g. /dev/pts/5\n"
    "  cellemu --model nm28 --link /tmp/ttyNM28  # NM28, reachable at /tmp/ttyNM28\n"
    "  picocom -b 115200 /tmp/ttyNM28            # then type: AT, ATI, AT+CSQ ...\n"
    "  cellemu --listen 127.0.0.1:7000           # also on TCP: telnet 127.0.0.1 7000,\n"
    "                                            #   pyserial "
    "serial_for_url('socket://127.0.0.1:7000')\n"
    "  cellemu --count 50 --link /tmp/ttyCELL    # 50 modems: /tmp/ttyCELL0 ... /tmp/ttyCELL49\n"
    "  cellemu --trace at.log --baud 9600        # a readable serial log, a 9600-baud line\n"
    "  cellemu --config bench.yaml --log-level debug   # a file, with the command line on top\n"
    "  cellemu --dns static --host tcplab.openluat.com=127.0.0.1 \\\n"
    "          --route 112.125.89.8:37076=127.0.0.1:9000   # firmware servers -> local ones\n"
    "  cellemu probe 127.0.0.1:7000              # exit 0 if the modem answers AT with OK\n"
    "  cellemu --control /tmp/c.sock --time-scale 60   # then, from another shell:\n"
    "  cellemu ctl --control /tmp/c.sock pdp-deact     #   the network drops the data context\n"
    "  cellemu ctl --control /tmp/c.sock link 0 reset  #   the server resets link 0\n"
    "  cellemu --scenario faults.yaml            # scripted faults (see README)\n";

constexpr const char* kStdout =
    "stdout: one line per modem, in order: its pty path, then with --listen a space and its\n"
    "TCP address (\"/dev/pts/5 tcp://127.0.0.1:7000\"). Logs go to stderr. Stop with Ctrl-C or\n"
    "SIGTERM (or SIGHUP, SIGQUIT: links and the control socket are removed all the same). A\n"
    "host may close and re-open the port any number of times.";

}  // namespace

unsigned AppOptions::effective_threads() const {
  if (threads > 0) return threads;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
}

namespace {

void add_module_options(CLI::App& app, AppOptions& o) {
  const std::string module = "Module";
  app.add_option("-m,--model", o.model, "Module to emulate")
      ->check(CLI::IsMember(models::model_names()))
      ->capture_default_str()
      ->group(module);
  app.add_option("--timing", o.timing,
                 "fast: answer at once (CI); real: add module-like delays (10 ms per command, "
                 "100 ms connects, 12 s DNS failures)")
      ->check(CLI::IsMember({"fast", "real"}))
      ->capture_default_str()
      ->group(module);
  add_number_option(app, "--time-scale", o.time_scale, kTimeScale,
                    "Run emulated time X times faster than real time (timeouts, keepalives, "
                    "guard times), from 0.001 to 1000; 60 turns a 10-minute NAT timeout into 10 s")
      ->group(module);
  app.add_option("--fs-dir", o.fs_dir,
                 "Keep the module's file system (AT+FSWRITE certificates, NM28 cacert paths) in "
                 "this host folder: it survives restarts and can be preloaded. Names cannot "
                 "reach outside it. Every modem of a fleet shares it. Default: in memory")
      ->type_name("DIR")
      ->check(CLI::ExistingDirectory)
      ->group(module);
  app.add_option("--sms-log", o.sms_log,
                 "Append every SMS that passes the emulated SMS centre (between modems, to other "
                 "numbers, injected) to FILE, one JSON object per line: time, route, from, to, "
                 "parts and text (or the PDUs of 8-bit data)")
      ->type_name("FILE")
      ->group(module);
  app.add_option("--ca-bundle", o.ca_bundle,
                 "The modules' built-in root store: the CA certificates (PEM) a TLS link with "
                 "seclevel 1 or 2 and no cacert verifies the server against. Default: the host's "
                 "system bundle (" +
                     std::string(kSystemCaBundle) + ")")
      ->type_name("FILE")
      ->check(CLI::ExistingFile)
      ->group(module);
  app.add_option("--urc-timing", o.urc_timing,
                 "When URCs reach the host. held: after the line being typed or the command "
                 "running (default); immediate: as they happen, even inside an echo or an answer; "
                 "race: held URCs placed at the worst moments (after an echo, between an answer's "
                 "text and its result, before a prompt). Never inside a send window or data mode")
      ->type_name("MODE")
      ->check(CLI::IsMember({"held", "immediate", "race"}))
      ->group(module);
}

void add_front_end_options(CLI::App& app, AppOptions& o) {
  const std::string front = "Front ends and fleets";
  app.add_option("-l,--link", o.link,
                 "Also create a symlink to the pty at PATH (replaces a stale link; removed on "
                 "exit), e.g. /tmp/ttyCELL0. With --count N > 1 the links are PATH0 ... PATH<N-1>")
      ->group(front);
  app.add_option("--listen", o.listen,
                 "Also serve the AT channel on TCP at [HOST:]PORT (HOST defaults to 127.0.0.1; "
                 "0.0.0.0 in a container, with a warning). The pty keeps working: output goes to "
                 "both, input comes from either. One client at a time: a second one gets "
                 "\"\\r\\nBUSY\\r\\n\" and is closed. Port 0 picks a free port (printed on "
                 "stdout). With --count the ports count up from PORT")
      ->type_name("HOST:PORT")
      ->check([](const std::string& v) {
        return port::ListenAddress::parse(v) ? std::string()
                                             : "expected [HOST:]PORT with HOST an IP address or "
                                               "localhost, e.g. 127.0.0.1:7000";
      })
      ->group(front);
  add_duration_option(app, "--listen-idle", o.listen_idle, kListenIdle,
                      "Disconnect a --listen client that has sent nothing for this long (emulated "
                      "time), so a forgotten connection does not hold the only slot; 0 = never")
      ->group(front);
  app.add_option("-n,--count", o.count,
                 "Run N independent modems in one process, each with its own pty (and TCP port)")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str()
      ->group(front);
  app.add_option("--threads", o.threads,
                 "Threads the modems are spread over (each modem lives on one); default "
                 "min(2, cores)")
      ->check(CLI::Range(1, 256))
      ->group(front);
}

void add_serial_options(CLI::App& app, AppOptions& o) {
  const std::string line = "Serial line";
  app.add_option("--baud", o.baud,
                 "Pace both directions to a real UART at N bits/s (10 bits a byte: 960 bytes/s at "
                 "9600); auto: follow the speed the host sets on the pty (tcsetattr / pyserial "
                 "baudrate; 115200 until it sets one); off: as fast as possible")
      ->type_name("N|auto|off")
      ->check(check_baud)
      ->capture_default_str()
      ->group(line);
  app.add_option(
         "--trace", o.trace,
         "Write every byte both ways to FILE, like a serial tool: \"[hh:mm:ss.mmm] → AT\\r\" "
         "(host to module), \"← \" (module to host); control bytes escaped; modem name "
         "after the time when --count > 1")
      ->type_name("FILE")
      ->group(line);
  app.add_option("--trace-json", o.trace_json,
                 "The same as JSON lines: {\"t\":<unix s.ms>,\"modem\":\"modem0\",\"dir\":\"rx\"|"
                 "\"tx\",\"data\":\"...\"}; rx is host to module; data.encode(\"latin-1\") gives "
                 "the exact bytes")
      ->type_name("FILE")
      ->group(line);
}

// The module's DNS and where its connections go.
void add_routing_options(CLI::App& app, AppOptions& o, const std::string& group) {
  app.add_option("--host", o.hosts,
                 "Module DNS entry NAME=IP[,IP...]: what AT+CDNSGIP / AT+IPDNSR answer and where "
                 "a connect to NAME goes (repeatable), e.g. --host tcplab.openluat.com=127.0.0.1")
      ->type_name("NAME=IP")
      ->group(group);
  app.add_option("--route", o.routes,
                 "Send traffic for a server the firmware has hard-coded to a real one while the "
                 "module keeps reporting the original address (repeatable; port optional), e.g. "
                 "--route 112.125.89.8:37076=127.0.0.1:9000")
      ->type_name("HOST[:PORT]=TARGET[:PORT]")
      ->group(group);
  app.add_option("--dns", o.dns,
                 "system: names not given with --host go to this machine's resolver; static: "
                 "they fail (no network needed, deterministic)")
      ->check(CLI::IsMember({"system", "static"}))
      ->capture_default_str()
      ->group(group);
  add_duration_option(app, "--connect-timeout", o.connect_timeout, kConnectTimeout,
                      "Emulated time before an unanswered connect fails (seconds, or 500ms, "
                      "2m; up to 1d); 0 = as long as the host kernel tries (a real module may "
                      "wait forever)")
      ->group(group);
  app.add_option("--module-listen-address", o.listen_address,
                 "Host address the module's own listeners bind (NM28 TCP LISTENER / UDP SERVICE)")
      ->capture_default_str()
      ->group(group);
}

// What the module may reach, and the carrier NAT in between.
void add_filter_options(CLI::App& app, AppOptions& o, const std::string& group) {
  app.add_option("--allow", o.allow,
                 "Only let the module connect to these destinations: address blocks or names "
                 "(repeatable), e.g. --allow 127.0.0.0/8 --allow '*.example.com'. Checked after "
                 "DNS, so a name cannot smuggle another address in")
      ->type_name("CIDR|NAME")
      ->group(group);
  app.add_option("--deny", o.deny,
                 "Never let the module connect there (repeatable; wins over --allow), e.g. "
                 "--deny 169.254.169.254 --deny 10.0.0.0/8")
      ->type_name("CIDR|NAME")
      ->group(group);
  add_duration_option(app, "--nat-idle", o.nat_idle, control::kNatIdleRange,
                      "Carrier NAT: drop a link's mapping after this much silence (TCP and UDP); "
                      "afterwards the module still says SEND OK but nothing gets through, as on "
                      "a real network (seed FAQ 3). Default 10m for TCP, 2m for UDP; 0 = never; "
                      "up to 30d")
      ->group(group);
  add_duration_option(app, "--nat-idle-tcp", o.nat_idle_tcp, control::kNatIdleRange,
                      "As --nat-idle, TCP links only")
      ->group(group);
  add_duration_option(app, "--nat-idle-udp", o.nat_idle_udp, control::kNatIdleRange,
                      "As --nat-idle, UDP links only")
      ->group(group);
}

void add_fault_options(CLI::App& app, AppOptions& o) {
  const std::string faults = "Faults";
  app.add_option("--control", o.control,
                 "Open a local Unix socket (mode 0600) for live fault injection with "
                 "`cellemu ctl --control PATH VERB ...`, e.g. /tmp/cellemu.ctl (refused while "
                 "another emulator answers on PATH); the verbs are listed below")
      ->type_name("PATH")
      ->group(faults);
  app.add_option("--scenario", o.scenario_file,
                 "Play scripted faults from a YAML file: events with 'at: 30s' or 'after: "
                 "\"AT+CIPSEND\"' (+ 'delay:') and 'do: VERB ARGS' (the ctl verbs). Invalid "
                 "files are refused at start with the line and the reason")
      ->type_name("FILE")
      ->check(CLI::ExistingFile)
      ->group(faults);
}

void add_log_options(CLI::App& app, AppOptions& o) {
  const std::string logs = "Logs and configuration";
  app.add_option("--log-level", o.log_level, "trace, debug, info, warn, error, critical or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str()
      ->group(logs);
  app.add_option("--log-format", o.log_format,
                 "text, or json: one JSON object per line (time, level, logger, msg; connection "
                 "events also modem, link, proto, peer, event, result)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str()
      ->group(logs);
  app.add_option("-c,--config", o.config,
                 "YAML file holding any option above (same names without the dashes: "
                 "\"count: 5\", \"host: [a=1.2.3.4]\"), per-model profile overrides "
                 "(profiles: {air780ep: {identity: {product: X}, max_links: 8}}) and a "
                 "scenario: key; options on the command line win. See README \"Config file\"")
      ->type_name("FILE")
      ->group(logs);
  app.add_option("--report", o.report,
                 "At exit, write what the host exercised: every AT command and URC seen per "
                 "modem with counts, the errors returned, time in each IP state and bytes per "
                 "peer, as JSON to FILE and as text to FILE.txt")
      ->type_name("FILE")
      ->group(logs);
}

}  // namespace

void add_emulator_options(CLI::App& app, AppOptions& o) {
  app.description(
      "cellemu - an emulated LTE Cat.1 cellular module (AirM2M Air780EP or Yuge NM28) behind a\n"
      "pseudo-terminal. Point firmware, a pyserial script or a terminal at the printed pty path\n"
      "and talk AT to it; socket commands open real host sockets.");
  add_module_options(app, o);
  add_front_end_options(app, o);
  add_serial_options(app, o);
  const std::string net = "Network the module sees";
  add_routing_options(app, o, net);
  add_filter_options(app, o, net);
  add_fault_options(app, o);
  add_log_options(app, o);
  // Hidden (no group): fault-injection hook of the test suite, see SessionConfig.
  app.add_option("--test-throw-on", o.test_throw_on, "Tests only")->group("");
  app.footer(std::string(kExamples) +
             "\nFault verbs (cellemu ctl --control PATH VERB, or 'do: VERB' in a scenario; "
             "details: cellemu ctl --help):\n" +
             control::verbs_summary(control::fault_verbs()) + "\n" + kStdout);
}

}  // namespace cellemu::app
