// --config files: arbitrary YAML is refused with FILE:LINE and a reason, never a crash.
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "emulator/app/app_options.h"
#include "emulator/app/config_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  CLI::App app;
  cellemu::app::AppOptions options;
  cellemu::app::add_emulator_options(app, options);
  try {
    std::vector<std::string> no_args;
    app.parse(no_args);
  } catch (const CLI::ParseError&) {
    return 0;
  }
  (void)cellemu::app::ConfigFile::apply_text(std::string(reinterpret_cast<const char*>(data), size),
                                             "fuzz.yaml", app, options);
  return 0;
}
