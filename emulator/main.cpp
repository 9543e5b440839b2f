// cellemu: an emulated LTE Cat.1 module behind a pseudo-terminal.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "emulator/app/app_options.h"
#include "emulator/app/config_file.h"
#include "emulator/app/emulator_app.h"
#include "emulator/app/probe.h"
#include "emulator/core/logging.h"

int main(int argc, char** argv) {
  using namespace cellemu;
  CLI::App app;
  app.name("cellemu");
  app.set_version_flag("--version", std::string("cellemu ") + CELLEMU_VERSION);
  app::AppOptions options;
  app::add_emulator_options(app, options);
  app::ProbeOptions probe_options;
  auto* probe = app::add_probe_command(app, probe_options);
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  if (probe->parsed()) return app::run_probe(probe_options);
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
