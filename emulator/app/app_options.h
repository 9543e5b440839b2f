#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace cellemu::app {

// Everything `cellemu` (the emulator itself, no subcommand) can be told on its command line.
struct AppOptions {
  std::string model = "air780ep";
  std::string link;
  std::string log_level = "info";
  std::string timing = "fast";
  double time_scale = 1.0;
  std::vector<std::string> hosts;   // NAME=IP[,IP]
  std::vector<std::string> routes;  // HOST[:PORT]=TARGET[:PORT]
  std::string dns = "system";
  double connect_timeout_s = 0;  // 0: as long as the host kernel tries
  std::string listen_address = "127.0.0.1";
};

// Registers the emulator's options, with help text and examples, on the top-level app.
void add_emulator_options(CLI::App& app, AppOptions& options);

}  // namespace cellemu::app
