// --baud: the line is as slow as a real UART (10 bits per byte), measured on the real pty.
#include <termios.h>

#include <poll.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"

namespace cellemu::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Measurement {
  std::string bytes;
  double bytes_per_second = 0;  // after the first chunk, over the rest of the transfer
};

// Reads `n` bytes, timing the stream from the first chunk to the last byte.
Measurement measure(PtyClient& host, std::size_t n, std::chrono::milliseconds deadline) {
  Measurement m;
  const auto until = Clock::now() + deadline;
  Clock::time_point first{};
  Clock::time_point last{};
  std::size_t first_chunk = 0;
  while (m.bytes.size() < n && Clock::now() < until) {
    pollfd p{host.fd(), POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    const ssize_t got = ::read(host.fd(), buf, sizeof buf);
    if (got <= 0) break;
    last = Clock::now();
    if (m.bytes.empty()) {
      first = last;
      first_chunk = static_cast<std::size_t>(got);
    }
    m.bytes.append(buf, static_cast<std::size_t>(got));
  }
  const double seconds = std::chrono::duration<double>(last - first).count();
  if (seconds > 0) m.bytes_per_second = static_cast<double>(m.bytes.size() - first_chunk) / seconds;
  return m;
}

// `count` AT commands in one write; every answer (echo and OK) is 9 bytes.
std::string commands(int count, std::string& answers) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    out += "AT\r";
    answers += "AT\r\r\nOK\r\n";
  }
  return out;
}

TEST(FixtureBaud, Paces9600BaudWithinFivePercent) {
  EmulatorProcess emu({"--baud", "9600", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();  // the power-up burst (paced too) is in the pty before its name is printed
  std::string answers;
  host.send(commands(250, answers));  // 2,250 bytes back: 2.34 s at 960 bytes/s
  const auto m = measure(host, answers.size(), 10s);
  ASSERT_EQ(m.bytes, answers);
  EXPECT_NEAR(m.bytes_per_second, 960.0, 960.0 * 0.05);
  std::printf("measured %.1f bytes/s at 9600 baud (ideal 960)\n", m.bytes_per_second);
}

TEST(FixtureBaud, AutoFollowsTheSpeedTheHostSets) {
  EmulatorProcess emu({"--baud", "auto", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();
  termios t{};
  ASSERT_EQ(::tcgetattr(host.fd(), &t), 0);
  ::cfsetispeed(&t, B4800);
  ::cfsetospeed(&t, B4800);
  ASSERT_EQ(::tcsetattr(host.fd(), TCSANOW, &t), 0);
  std::string answers;
  host.send(commands(60, answers));  // 540 bytes: 1.1 s at 480 bytes/s
  const auto m = measure(host, answers.size(), 10s);
  ASSERT_EQ(m.bytes, answers);
  EXPECT_NEAR(m.bytes_per_second, 480.0, 480.0 * 0.05);
}

}  // namespace
}  // namespace cellemu::testing
