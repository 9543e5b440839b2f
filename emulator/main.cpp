// cellemu: an emulated LTE Cat.1 module behind a pseudo-terminal.
#include <CLI/CLI.hpp>

#include "emulator/app/app_options.h"
#include "emulator/app/emulator_app.h"
#include "emulator/core/logging.h"

int main(int argc, char** argv) {
  CLI::App app;
  app.name("cellemu");
  app.set_version_flag("--version", std::string("cellemu ") + CELLEMU_VERSION);
  cellemu::app::AppOptions options;
  cellemu::app::add_emulator_options(app, options);
  CLI11_PARSE(app, argc, argv);
  cellemu::core::configure_logging(options.log_level);
  return cellemu::app::run_emulator(options);
}
