#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "emulator/replay/replay_runner.h"

namespace cellemu::app {

// `cellemu replay LOG [--model M] [--ignore REGEX] ...`: replays the host side of a serial log
// against a fresh emulator and diffs the module side. CLI11 keeps references to the members:
// keep the object where it is once added.
class ReplayCommand {
 public:
  void add_to(CLI::App& app);
  bool parsed() const { return command_ != nullptr && command_->parsed(); }
  int run() const;

 private:
  CLI::App* command_ = nullptr;
  std::string file_;
  replay::ReplayOptions options_;
};

}  // namespace cellemu::app
