#pragma once

// What the end-to-end bench drivers share: child processes (the program under test), a raw pty
// client with deadlines, loopback TCP, reproducible payloads and their checksums. Header only,
// no cellemu code: the drivers see the emulator exactly as a user's program would.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

[[noreturn]] inline void die(const std::string& what) {
  std::fprintf(stderr, "bench: %s\n", what.c_str());
  std::exit(1);
}

inline int ms_left(Clock::time_point until) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Fletcher-style running sums over the bytes: order-sensitive, cheap enough to keep up with a
// pty, and the same on both ends of a path.
struct Checksum {
  std::uint64_t a = 1;
  std::uint64_t b = 0;
  std::uint64_t count = 0;
  void add(const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      a += static_cast<unsigned char>(p[i]);
      b += a;
    }
    count += n;
  }
  void add(std::string_view s) { add(s.data(), s.size()); }
  bool operator==(const Checksum&) const = default;
};

// Reproducible pseudo-random bytes (xorshift64); random data never holds a guarded "+++".
inline std::string pattern(std::size_t n, std::uint64_t seed) {
  std::string out(n, '\0');
  std::uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    out[i] = static_cast<char>(x >> 24);
  }
  return out;
}

// A program under test with its stdout on a pipe; killed (SIGTERM, then waited for) when the
// object goes.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv, bool quiet_stderr = true) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) die("pipe");
    pid_ = ::fork();
    if (pid_ < 0) die("fork");
    if (pid_ == 0) {
      // Ends with this driver whatever ends it (die(), a signal, timeout(1)): no subject may
      // outlive its benchmark.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() == 1) ::_exit(127);
      ::dup2(fds[1], STDOUT_FILENO);
      if (quiet_stderr) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDERR_FILENO);
      }
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~Child() { stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }

  // The next line of its stdout (without '\n'); nullopt at EOF or when the deadline passes.
  std::optional<std::string> read_line(int timeout_ms = 10000) {
    const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      if (const auto nl = buf_.find('\n'); nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return line;
      }
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, ms_left(until)) <= 0) return std::nullopt;
      char chunk[65536];
      const ssize_t n = ::read(out_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Resident set size in KiB (VmRSS), 0 when unreadable.
  long rss_kib() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string key;
    while (in >> key) {
      if (key == "VmRSS:") {
        long v = 0;
        in >> v;
        return v;
      }
      in.ignore(1 << 16, '\n');
    }
    return 0;
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    if (out_ >= 0) ::close(out_);
    out_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buf_;
};

// The host side of a serial port: a raw pty slave, with what was read but not consumed kept.
class Pty {
 public:
  explicit Pty(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0) die("cannot open " + path);
    termios t{};
    ::tcgetattr(fd_, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(fd_, TCSANOW, &t);
  }
  ~Pty() {
    if (fd_ >= 0) ::close(fd_);
  }
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  int fd() const { return fd_; }
  std::string& buffer() { return buf_; }

  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0) die("pty write failed");
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Reads once (waiting up to `timeout_ms`); false on timeout or error.
  bool fill(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char chunk[65536];
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  // Consumes everything up to and including `marker`; returns it, or nullopt on timeout.
  std::optional<std::string> read_until(std::string_view marker, int timeout_ms = 5000) {
    const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      if (const auto at = buf_.find(marker); at != std::string::npos) {
        std::string got = buf_.substr(0, at + marker.size());
        buf_.erase(0, at + marker.size());
        return got;
      }
      if (!fill(ms_left(until))) return std::nullopt;
    }
  }

  // Sends a command and waits for `marker`; dies with the transcript when it does not come.
  std::string command(std::string_view line, std::string_view marker, int timeout_ms = 5000) {
    send(line);
    auto got = read_until(marker, timeout_ms);
    if (!got)
      die("no \"" + std::string(marker) + "\" after " + std::string(line) + "; got: " + buf_);
    return *got;
  }

  // Drops whatever arrives until the line has been quiet for `quiet_ms`.
  void drain(int quiet_ms) {
    while (fill(quiet_ms)) {
    }
    buf_.clear();
  }

 private:
  int fd_ = -1;
  std::string buf_;
};

inline void set_nodelay(int fd) {
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// A loopback listener on a free port.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 1024) != 0) {
      die("cannot listen on loopback");
    }
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~Listener() { ::close(fd_); }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  int fd() const { return fd_; }
  std::uint16_t port() const { return port_; }

  // The next connection, or -1 when none comes in time.
  int accept(int timeout_ms = 10000) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return -1;
    const int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (c >= 0) set_nodelay(c);
    return c;
  }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

inline int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  set_nodelay(fd);
  return fd;
}

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace cellemu::bench
