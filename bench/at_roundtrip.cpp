// Measures the AT round trip on a pty: write "AT\r", wait for "\r\nOK\r\n" (echo off), many
// times; prints "median_us p99_us" for the run. Usage: at_roundtrip PTY [ITERATIONS]
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {
bool read_until(int fd, const std::string& marker, int timeout_ms) {
  std::string got;
  while (got.find(marker) == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[512];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) return false;
    got.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PTY [ITERATIONS]\n", argv[0]);
    return 2;
  }
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int fd = ::open(argv[1], O_RDWR | O_NOCTTY);
  if (fd < 0) return 1;
  termios t{};
  ::tcgetattr(fd, &t);
  ::cfmakeraw(&t);
  ::tcsetattr(fd, TCSAFLUSH, &t);
  // Echo off (the raw responder ignores it and answers OK).
  if (::write(fd, "ATE0\r", 5) != 5 || !read_until(fd, "OK\r\n", 2000)) return 1;
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(iterations));
  for (int i = 0; i < iterations + 100; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (::write(fd, "AT\r", 3) != 3 || !read_until(fd, "\r\nOK\r\n", 2000)) return 1;
    const auto end = std::chrono::steady_clock::now();
    if (i >= 100) us.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  std::sort(us.begin(), us.end());
  std::printf("%.2f %.2f\n", us[us.size() / 2], us[us.size() * 99 / 100]);
  return 0;
}
