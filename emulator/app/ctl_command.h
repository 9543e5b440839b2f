#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace cellemu::app {

// `cellemu ctl --control PATH [--modem N] VERB [ARGS...]`: the client of a running emulator's
// control socket. Its help lists every verb of the fault table with what each argument accepts.
// CLI11 keeps references to the members: keep the object where it is once added.
class CtlCommand {
 public:
  void add_to(CLI::App& app);
  bool parsed() const { return command_ != nullptr && command_->parsed(); }
  int run() const;

 private:
  CLI::App* command_ = nullptr;
  std::string control_path_;
  int modem_ = 0;
  std::vector<std::string> words_;
};

}  // namespace cellemu::app
