#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::testing {

using namespace std::chrono_literals;

// The real cellemu binary, started by a test. Reads the pty path(s) it prints on stdout; its
// stderr (logs) goes to a file shown when a test fails.
class EmulatorProcess {
 public:
  explicit EmulatorProcess(std::vector<std::string> args, std::size_t pty_lines = 1);
  ~EmulatorProcess();
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  bool started() const { return !lines_.empty(); }
  const std::string& pty(std::size_t i = 0) const { return lines_.at(i); }
  const std::vector<std::string>& stdout_lines() const { return lines_; }
  int pid() const { return pid_; }
  // Sends SIGTERM and waits up to `deadline`; returns the exit status or -1 on timeout.
  int terminate(std::chrono::milliseconds deadline = 5s);
  // Waits for the process to exit by itself; returns the exit status or -1 on timeout.
  int wait(std::chrono::milliseconds deadline = 5s);
  bool running();
  std::string logs() const;

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  std::string log_path_;
  std::vector<std::string> lines_;
};

// Runs cellemu with `args` to completion (e.g. "ctl ..."): exit status and what it printed.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult run_cellemu(std::vector<std::string> args, std::chrono::milliseconds deadline = 10s);

// The host side of a pty, opened the way a serial program does (raw, no controlling tty).
class PtyClient {
 public:
  explicit PtyClient(const std::string& path);
  ~PtyClient();
  PtyClient(const PtyClient&) = delete;
  PtyClient& operator=(const PtyClient&) = delete;

  void send(std::string_view bytes);
  // Reads exactly bytes.size() bytes (up to the deadline) and compares them; also fails if more
  // bytes are already waiting.
  void expect(std::string_view bytes, std::chrono::milliseconds deadline = 5s);
  void exchange(std::string_view in, std::string_view out) {
    send(in);
    expect(out);
  }
  std::string read_exact(std::size_t n, std::chrono::milliseconds deadline = 5s);
  // Reads until `marker` has been seen (returns everything read) or the deadline passes.
  std::string read_until(std::string_view marker, std::chrono::milliseconds deadline = 5s);
  // Drops whatever the modem already sent.
  void discard_input();
  void close();
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

}  // namespace cellemu::testing
