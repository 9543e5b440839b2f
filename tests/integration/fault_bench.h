// The real cellemu started with a control socket, the host side of its pty, and `cellemu ctl`
// against it: the way a user injects faults into a running emulator.
#pragma once

#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {

class FaultBench {
 public:
  // `args` are the emulator's options besides --control; the power-up output is discarded and
  // echo is switched off.
  FaultBench(std::vector<std::string> args, const std::string& tag)
      : control_(temp_path(tag) + ".ctl") {
    ::unlink(control_.c_str());
    args.insert(args.end(), {"--control", control_});
    emu_ = std::make_unique<EmulatorProcess>(args);
    EXPECT_TRUE(emu_->started()) << emu_->logs();
    if (!emu_->started()) return;
    host_ = std::make_unique<PtyClient>(emu_->pty());
    host_->discard_input();
    host_->exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  }

  bool ready() const { return host_ != nullptr; }
  PtyClient& host() { return *host_; }
  EmulatorProcess& emulator() { return *emu_; }
  const std::string& control() const { return control_; }

  // `cellemu ctl --control PATH <words>`: must succeed; returns what it printed.
  std::string ctl(std::vector<std::string> words) {
    std::vector<std::string> args = {"ctl", "--control", control_};
    args.insert(args.end(), words.begin(), words.end());
    const CommandResult r = run_cellemu(args);
    EXPECT_EQ(r.exit_code, 0) << "ctl " << words.front() << ": " << r.err;
    return r.out;
  }

  nlohmann::json status() {
    const std::string out = ctl({"status"});
    const auto parsed = nlohmann::json::parse(out, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << out;
    return parsed;
  }

  // Asks `ctl status` until `done` holds or the real deadline passes (emulated time runs on).
  bool wait_status(const std::function<bool(const nlohmann::json&)>& done,
                   std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
      if (done(status())) return true;
    }
    return false;
  }

 private:
  std::string control_;
  std::unique_ptr<EmulatorProcess> emu_;
  std::unique_ptr<PtyClient> host_;
};

// The status entry of link `id` (null when the module has no such link in use).
inline nlohmann::json link_entry(const nlohmann::json& status, int id) {
  for (const auto& l : status["links"]) {
    if (l["id"] == id) return l;
  }
  return nullptr;
}

}  // namespace cellemu::testing
