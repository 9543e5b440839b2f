#include "tests/support/emulator_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/serial_bytes.h"

namespace cellemu::testing {
namespace {
int remaining_ms(std::chrono::steady_clock::time_point until) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      until - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}
}  // namespace

EmulatorProcess::EmulatorProcess(std::vector<std::string> args, std::size_t pty_lines) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return;
  char log_template[] = "/tmp/cellemu-test-log-XXXXXX";
  const int log_fd = ::mkstemp(log_template);
  log_path_ = log_template;
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], 1);
    ::dup2(log_fd, 2);
    std::vector<char*> argv;
    static std::string binary = CELLEMU_BINARY;
    argv.push_back(binary.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(log_fd);
  out_fd_ = out[0];
  const auto until = std::chrono::steady_clock::now() + 10s;
  std::string buffer;
  while (lines_.size() < pty_lines) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0) break;
    char chunk[4096];
    const ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::size_t nl;
    while ((nl = buffer.find('\n')) != std::string::npos) {
      lines_.push_back(buffer.substr(0, nl));
      buffer.erase(0, nl + 1);
    }
  }
  if (lines_.size() < pty_lines) ADD_FAILURE() << "cellemu did not print its pty:\n" << logs();
}

EmulatorProcess::~EmulatorProcess() {
  if (pid_ > 0 && terminate() == -1) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (::testing::Test::HasFailure())
    std::fprintf(stderr, "--- cellemu log ---\n%s", logs().c_str());
  ::unlink(log_path_.c_str());
}

int EmulatorProcess::terminate(std::chrono::milliseconds deadline) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  return wait(deadline);
}

int EmulatorProcess::wait(std::chrono::milliseconds deadline) {
  if (pid_ <= 0) return -1;
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    ::usleep(5000);
  }
  return -1;
}

bool EmulatorProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

std::string EmulatorProcess::logs() const {
  std::ifstream in(log_path_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult run_cellemu(std::vector<std::string> args, std::chrono::milliseconds deadline) {
  CommandResult result;
  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) return result;
  const int pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    std::vector<char*> argv;
    static std::string binary = CELLEMU_BINARY;
    argv.push_back(binary.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  const auto until = std::chrono::steady_clock::now() + deadline;
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0) {
    if (::poll(fds, 2, remaining_ms(until)) <= 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) ::close(f.fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

PtyClient::PtyClient(const std::string& path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0) {
    ADD_FAILURE() << "cannot open " << path;
    return;
  }
  termios t{};
  ::tcgetattr(fd_, &t);
  ::cfmakeraw(&t);
  ::tcsetattr(fd_, TCSANOW, &t);
}

PtyClient::~PtyClient() {
  close();
}

void PtyClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void PtyClient::send(std::string_view bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        pollfd p{fd_, POLLOUT, 0};
        ::poll(&p, 1, 1000);
        continue;
      }
      ADD_FAILURE() << "write to pty failed: " << std::strerror(errno);
      return;
    }
    off += static_cast<std::size_t>(n);
  }
}

std::string PtyClient::read_exact(std::size_t n, std::chrono::milliseconds deadline) {
  std::string out;
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (out.size() < n) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0) break;
    char chunk[65536];
    const ssize_t got = ::read(fd_, chunk, std::min(sizeof chunk, n - out.size()));
    if (got <= 0) break;
    out.append(chunk, static_cast<std::size_t>(got));
  }
  return out;
}

std::string PtyClient::read_until(std::string_view marker, std::chrono::milliseconds deadline) {
  std::string out;
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (out.find(marker) == std::string::npos) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0) break;
    char chunk[4096];
    const ssize_t got = ::read(fd_, chunk, sizeof chunk);
    if (got <= 0) break;
    out.append(chunk, static_cast<std::size_t>(got));
  }
  return out;
}

void PtyClient::expect(std::string_view bytes, std::chrono::milliseconds deadline) {
  const std::string got = read_exact(bytes.size(), deadline);
  std::string extra;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, 0) > 0) {
    char chunk[4096];
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n > 0) extra.assign(chunk, static_cast<std::size_t>(n));
  }
  EXPECT_TRUE(same_bytes(got + extra, bytes));
}

void PtyClient::discard_input() {
  ::tcflush(fd_, TCIFLUSH);
  while (true) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return;
    char chunk[4096];
    if (::read(fd_, chunk, sizeof chunk) <= 0) return;
  }
}

}  // namespace cellemu::testing
