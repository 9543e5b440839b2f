#include "emulator/app/probe.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace cellemu::app {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point until) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
  return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}

// A non-blocking connected socket, or -1 with `why` set.
int connect_tcp(std::string target, Clock::time_point until, std::string& why) {
  if (target.rfind("tcp://", 0) == 0) target.erase(0, 6);
  const auto colon = target.rfind(':');
  if (colon == std::string::npos) {
    why = "expected HOST:PORT or a pty path";
    return -1;
  }
  std::string host = target.substr(0, colon);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), target.substr(colon + 1).c_str(), &hints, &found);
      rc != 0) {
    why = std::string("cannot resolve: ") + ::gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
      why = std::strerror(errno);
      ::close(fd);
      fd = -1;
      continue;
    }
    pollfd p{fd, POLLOUT, 0};
    int err = ETIMEDOUT;
    socklen_t len = sizeof err;
    if (::poll(&p, 1, remaining_ms(until)) == 1) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) {
      why = std::strerror(err);
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  return fd;
}

int open_pty(const std::string& path, std::string& why) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    why = std::strerror(errno);
    return -1;
  }
  termios t{};
  if (::tcgetattr(fd, &t) == 0) {
    ::cfmakeraw(&t);
    ::tcsetattr(fd, TCSANOW, &t);
  }
  ::tcflush(fd, TCIFLUSH);
  return fd;
}

enum class Answer { None, Ok, Busy, Error };

Answer classify(const std::string& got) {
  if (got.find("\nOK\r\n") != std::string::npos) return Answer::Ok;
  if (got.find("\r\nBUSY\r\n") != std::string::npos) return Answer::Busy;
  if (got.find("\nERROR\r\n") != std::string::npos) return Answer::Error;
  return Answer::None;
}

Answer ask(int fd, Clock::time_point until, std::string& got) {
  constexpr std::string_view kAt = "AT\r";
  if (::write(fd, kAt.data(), kAt.size()) != static_cast<ssize_t>(kAt.size())) {
    // A refused TCP client may already be closed for writing; its BUSY is still readable.
  }
  Answer answer = Answer::None;
  while (answer == Answer::None) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0) break;
    char buf[512];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
    answer = classify(got);
  }
  return answer;
}

}  // namespace

CLI::App* add_probe_command(CLI::App& app, ProbeOptions& o) {
  auto* probe = app.add_subcommand(
      "probe",
      "Check that a running emulator answers: send AT to HOST:PORT (--listen) or a pty path and "
      "wait for OK. Exit 0 on OK (or BUSY: another client is connected), 1 otherwise. "
      "Example: cellemu probe 127.0.0.1:7000");
  probe->add_option("target", o.target, "HOST:PORT, tcp://HOST:PORT or a pty path")->required();
  probe->add_option("-t,--timeout", o.timeout_s, "Seconds to wait for the answer")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return probe;
}

int run_probe(const ProbeOptions& o) {
  const auto until =
      Clock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(o.timeout_s * 1000));
  std::string why;
  const bool is_path = o.target.find('/') != std::string::npos && o.target.rfind("tcp://", 0) != 0;
  const int fd = is_path ? open_pty(o.target, why) : connect_tcp(o.target, until, why);
  if (fd < 0) {
    std::fprintf(stderr, "probe %s: %s\n", o.target.c_str(), why.c_str());
    return 1;
  }
  std::string got;
  const Answer answer = ask(fd, until, got);
  ::close(fd);
  switch (answer) {
    case Answer::Ok:
      std::printf("OK\n");
      return 0;
    case Answer::Busy:
      std::printf("BUSY (another client holds the AT channel; the emulator is answering)\n");
      return 0;
    case Answer::Error:
      std::fprintf(stderr, "probe %s: AT answered ERROR\n", o.target.c_str());
      return 1;
    case Answer::None:
      break;
  }
  std::fprintf(stderr, "probe %s: no OK within %.1f s (got %zu bytes)\n", o.target.c_str(),
               o.timeout_s, got.size());
  return 1;
}

}  // namespace cellemu::app
