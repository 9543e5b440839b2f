#include "emulator/app/app_options.h"

#include "models/model_factory.h"

namespace cellemu::app {

void add_emulator_options(CLI::App& app, AppOptions& o) {
  app.description(
      "cellemu - an emulated LTE Cat.1 cellular module (AirM2M Air780EP or Yuge NM28) behind a\n"
      "pseudo-terminal. Point firmware, a pyserial script or a terminal at the printed pty path\n"
      "and talk AT to it; socket commands open real host sockets.");
  app.add_option("-m,--model", o.model, "Module to emulate")
      ->check(CLI::IsMember(models::model_names()))
      ->capture_default_str();
  app.add_option("-l,--link", o.link,
                 "Also create a symlink to the pty at PATH (replaces a stale link; removed on "
                 "exit), e.g. /tmp/ttyCELL0");
  app.add_option("--log-level", o.log_level, "trace, debug, info, warn, error, critical or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  app.add_option("--timing", o.timing,
                 "fast: answer at once (CI); real: add module-like delays (10 ms per command, "
                 "100 ms connects, 12 s DNS failures)")
      ->check(CLI::IsMember({"fast", "real"}))
      ->capture_default_str();
  app.add_option("--time-scale", o.time_scale,
                 "Run emulated time X times faster than real time (timeouts, keepalives, guard "
                 "times); 60 turns a 10-minute NAT timeout into 10 s")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--host", o.hosts,
                 "Module DNS entry NAME=IP[,IP...]: what AT+CDNSGIP / AT+IPDNSR answer and where "
                 "a connect to NAME goes (repeatable), e.g. --host tcplab.openluat.com=127.0.0.1")
      ->type_name("NAME=IP");
  app.add_option("--route", o.routes,
                 "Send traffic for a server the firmware has hard-coded to a real one while the "
                 "module keeps reporting the original address (repeatable; port optional), e.g. "
                 "--route 112.125.89.8:37076=127.0.0.1:9000")
      ->type_name("HOST[:PORT]=TARGET[:PORT]");
  app.add_option("--dns", o.dns,
                 "system: names not given with --host go to this machine's resolver; static: "
                 "they fail (no network needed, deterministic)")
      ->check(CLI::IsMember({"system", "static"}))
      ->capture_default_str();
  app.add_option("--connect-timeout", o.connect_timeout_s,
                 "Seconds (emulated) before an unanswered connect fails; 0 = as long as the "
                 "host kernel tries (a real module may wait forever)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--module-listen-address", o.listen_address,
                 "Host address the module's own listeners bind (NM28 TCP LISTENER / UDP SERVICE)")
      ->capture_default_str();
  app.footer(
      "Examples:\n"
      "  cellemu                                   # Air780EP; prints e.g. /dev/pts/5\n"
      "  cellemu --model nm28 --link /tmp/ttyNM28  # NM28, reachable at /tmp/ttyNM28\n"
      "  picocom -b 115200 /tmp/ttyNM28            # then type: AT, ATI, AT+CSQ ...\n"
      "  cellemu --dns static --host tcplab.openluat.com=127.0.0.1 \\\n"
      "          --route 112.125.89.8:37076=127.0.0.1:9000   # firmware servers -> local ones\n"
      "\n"
      "The pty path is printed on stdout (one line per modem); logs go to stderr.\n"
      "Stop with Ctrl-C or SIGTERM.");
}

}  // namespace cellemu::app
