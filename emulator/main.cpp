// cellemu: an emulated LTE Cat.1 module behind a pseudo-terminal.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "emulator/app/app_options.h"
#include "emulator/app/config_file.h"
#include "emulator/app/emulator_app.h"
#include "emulator/app/probe.h"
#include "emulator/control/control_server.h"
#include "emulator/core/logging.h"
#include "emulator/replay/replay_runner.h"
#include "models/model_factory.h"

int main(int argc, char** argv) {
  using namespace cellemu;
  CLI::App app;
  app.name("cellemu");
  app.set_version_flag("--version", std::string("cellemu ") + CELLEMU_VERSION);
  app::AppOptions options;
  app::add_emulator_options(app, options);
  app::ProbeOptions probe_options;
  auto* probe = app::add_probe_command(app, probe_options);

  std::string control_path;
  int modem = 0;
  std::vector<std::string> verb;
  auto* ctl = app.add_subcommand(
      "ctl",
      "Inject a fault into a running emulator (started with --control PATH) or read its status");
  ctl->add_option("--control", control_path, "The emulator's control socket")
      ->required()
      ->type_name("PATH");
  ctl->add_option("--modem", modem, "Which modem of a fleet (default 0)")->capture_default_str();
  ctl->add_option("verb", verb, "VERB [ARGS...], e.g. status | pdp-deact | link 0 reset")
      ->required();
  ctl->footer(
      "Verbs:\n"
      "  status                          the modem's state as JSON\n"
      "  pdp-deact                       the network deactivates the data context\n"
      "  sim remove|insert               SIM card pulled / put back\n"
      "  signal RSSI [BER]               +CSQ values (RSSI 0-31 or 99)\n"
      "  register STAT                   0-5 or home|roaming|searching|denied|none|unknown\n"
      "  link ID close|reset|blackhole   the server closes/resets link ID, or packets vanish\n"
      "  net delay MS|jitter MS|loss PCT|rate BYTES_PER_S|clear\n"
      "  nat-idle DURATION [tcp|udp]     carrier NAT idle timeout (0 = never)\n"
      "  dns fail|ok                     every lookup fails / works again\n"
      "  connect refuse|timeout|ok       new connects are refused / never answered\n"
      "  reset-after BYTES|off           the peer resets a link after BYTES crossed it\n"
      "  serial garbage N | serial drop N   noise on / bytes lost from the UART\n"
      "  reboot                          the module restarts (the pty stays)\n"
      "  urc TEXT                        an arbitrary unsolicited line\n"
      "Example: cellemu ctl --control /tmp/cellemu.ctl net delay 300");
  ctl->allow_extras(false);
  ctl->positionals_at_end();

  std::string replay_file;
  replay::ReplayOptions replay_options;
  auto* replay = app.add_subcommand(
      "replay",
      "Replay the host side of a serial log (LLCOM format of the seed, or cellemu --trace) "
      "against a fresh emulator and diff what the module side said; exit 0 when they agree");
  replay->add_option("log", replay_file, "The log file")->required()->check(CLI::ExistingFile);
  replay->add_option("-m,--model", replay_options.model, "Module the log comes from")
      ->check(CLI::IsMember(models::model_names()))
      ->capture_default_str();
  replay
      ->add_option("--ignore", replay_options.ignore,
                   "Also ignore text matching this regular expression (repeatable); times, "
                   "IPv4 addresses, IMEI/IMSI/ICCID, +NITZ and firmware names are by default")
      ->type_name("REGEX");
  replay->add_flag("--echo-peers", replay_options.echo_peers,
                   "The servers the log connects to echo what they get (default: they listen)");
  replay->add_flag("--show-all", replay_options.show_all, "Print matching steps too");
  replay->footer(
      "A log line \"#! VERB ARGS\" injects a fault at that point (the cellemu ctl verbs) and\n"
      "\"#> AT...\" sends a host line whose answer is not compared: together they restore what a\n"
      "spliced log does not show. Example: cellemu replay tests/data/air780ep-seed-trace.log");

  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  if (probe->parsed()) return app::run_probe(probe_options);
  if (ctl->parsed()) return control::run_ctl(control_path, modem, verb);
  if (replay->parsed()) {
    core::configure_logging("warn");
    return replay::run_replay(replay_file, replay_options);
  }
  if (!options.config.empty()) {
    if (auto error = app::ConfigFile::apply(app, options)) {
      std::fprintf(stderr, "cellemu: %s\n", error->c_str());
      return 2;
    }
  }
  core::configure_logging(options.log_level, options.log_format == "json" ? core::LogFormat::Json
                                                                          : core::LogFormat::Text);
  return app::run_emulator(options);
}
