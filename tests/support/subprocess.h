#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::testing {

using namespace std::chrono_literals;

// A helper program a test starts (mosquitto, mosquitto_sub, python3 ...): argv[0] is looked up
// in PATH; stdout is captured (stderr too with merge_stderr, else it goes to a log file shown on
// failure). Killed when destroyed. Waits have deadlines; nothing sleeps blindly.
class Subprocess {
 public:
  explicit Subprocess(std::vector<std::string> argv, bool merge_stderr = false);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  int pid() const { return pid_; }
  bool running();
  void signal(int sig);
  // Waits for the exit; the exit code, or -1 on timeout / death by a signal.
  int wait(std::chrono::milliseconds deadline = 5s);
  // Everything printed so far (reads what is waiting first).
  const std::string& output();
  // Reads until `text` appears in the output or the deadline passes.
  bool wait_output(std::string_view text, std::chrono::milliseconds deadline = 5s);
  // The complete lines printed so far.
  std::vector<std::string> lines();
  std::string errors() const;

 private:
  void read_available(int timeout_ms);

  int pid_ = -1;
  int out_fd_ = -1;
  int exit_code_ = -1;
  bool exited_ = false;
  std::string err_path_;
  std::string out_;
};

// Runs a program to completion: its exit code and stdout (+stderr).
struct RunResult {
  int exit_code = -1;
  std::string output;
};
RunResult run_program(std::vector<std::string> argv, std::chrono::milliseconds deadline = 10s);

}  // namespace cellemu::testing
