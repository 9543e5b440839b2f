// cellemu: an emulated LTE Cat.1 module behind a pseudo-terminal.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "emulator/app/app_options.h"
#include "emulator/app/config_file.h"
#include "emulator/app/ctl_command.h"
#include "emulator/app/emulator_app.h"
#include "emulator/app/probe.h"
#include "emulator/app/replay_command.h"
#include "emulator/core/logging.h"

namespace {

using namespace cellemu;

// The emulator itself (no subcommand): the config file under the command line, then the logs.
int start_emulator(CLI::App& app, app::AppOptions& options) {
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app;
  app.name("cellemu");
  app.set_version_flag("--version", std::string("cellemu ") + CELLEMU_VERSION);
  app::AppOptions options;
  app::add_emulator_options(app, options);
  app::ProbeOptions probe_options;
  auto* probe = app::add_probe_command(app, probe_options);
  app::CtlCommand ctl;
  ctl.add_to(app);
  app::ReplayCommand replay;
  replay.add_to(app);
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  if (probe->parsed()) return app::run_probe(probe_options);
  if (ctl.parsed()) return ctl.run();
  if (replay.parsed()) return replay.run();
  return start_emulator(app, options);
}
