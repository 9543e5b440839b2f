#include "tests/support/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace cellemu::testing {

Subprocess::Subprocess(std::vector<std::string> argv, bool merge_stderr) {
  int out[2];
  if (argv.empty() || ::pipe2(out, O_CLOEXEC) != 0) return;
  char err_template[] = "/tmp/cellemu-sub-err-XXXXXX";
  const int err_fd = ::mkostemp(err_template, O_CLOEXEC);
  err_path_ = err_template;
  // Built before fork: the child of a threaded test program must not allocate.
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], 1);
    ::dup2(merge_stderr ? out[1] : err_fd, 2);
    ::setpgid(0, 0);  // a group of its own: signals from the terminal do not reach it
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err_fd);
  out_fd_ = out[0];
  ::fcntl(out_fd_, F_SETFL, ::fcntl(out_fd_, F_GETFL) | O_NONBLOCK);
}

Subprocess::~Subprocess() {
  if (pid_ > 0 && running()) {
    ::kill(pid_, SIGCONT);
    ::kill(pid_, SIGTERM);
    if (wait(3s) == -1 && running()) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (!err_path_.empty()) ::unlink(err_path_.c_str());
}

bool Subprocess::running() {
  if (pid_ <= 0 || exited_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return false;
  }
  return true;
}

void Subprocess::signal(int sig) {
  if (pid_ > 0 && !exited_) ::kill(pid_, sig);
}

int Subprocess::wait(std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (running()) {
    if (std::chrono::steady_clock::now() >= until) return -1;
    read_available(5);
  }
  read_available(0);
  return exit_code_;
}

void Subprocess::read_available(int timeout_ms) {
  if (out_fd_ < 0) return;
  pollfd p{out_fd_, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return;
  char buf[8192];
  ssize_t n;
  while ((n = ::read(out_fd_, buf, sizeof buf)) > 0) out_.append(buf, static_cast<std::size_t>(n));
}

const std::string& Subprocess::output() {
  read_available(0);
  return out_;
}

bool Subprocess::wait_output(std::string_view text, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (out_.find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() >= until) return false;
    read_available(10);
  }
  return true;
}

std::vector<std::string> Subprocess::lines() {
  read_available(0);
  std::vector<std::string> out;
  std::size_t start = 0, nl;
  while ((nl = out_.find('\n', start)) != std::string::npos) {
    out.push_back(out_.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string Subprocess::errors() const {
  std::ifstream in(err_path_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

RunResult run_program(std::vector<std::string> argv, std::chrono::milliseconds deadline) {
  Subprocess p(std::move(argv), true);
  RunResult r;
  r.exit_code = p.wait(deadline);
  r.output = p.output();
  return r;
}

}  // namespace cellemu::testing
