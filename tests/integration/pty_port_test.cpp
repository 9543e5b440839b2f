// PtyPort on a real pty, its host end opened as a host program does: answers written while
// input is handled, output from other events, a host that does not read (partial writes,
// EAGAIN, drain notices), input held back by pause_input, input larger than one read.
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "emulator/port/pty_port.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono_literals;

std::string pattern(std::size_t n) {
  std::string out(n, '\0');
  std::uint32_t x = 7;
  for (auto& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

// One thread: the port's io_context and the host's non-blocking fd are served in turn.
class PortHarness final : public core::ByteChannel::Listener {
 public:
  PortHarness() {
    std::error_code ec;
    port = port::PtyPort::open(io, ec);
    EXPECT_TRUE(port) << ec.message();
    host_ = ::open(port->slave_path().c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    termios t{};
    ::tcgetattr(host_, &t);
    ::cfmakeraw(&t);
    ::tcsetattr(host_, TCSANOW, &t);
    port->start(*this);
  }
  ~PortHarness() {
    ::close(host_);
    port->close();
    io.restart();
    io.poll();
  }

  void on_input(std::string_view bytes) override {
    input.append(bytes);
    if (on_input_hook) on_input_hook(bytes);
  }
  void on_output_drained() override { ++drained; }

  // Serves the port (and, with `reading`, the host's reads) until `done` or the deadline.
  bool pump_until(const std::function<bool()>& done, bool reading = true,
                  std::chrono::milliseconds deadline = 5s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io.run_one_for(2ms);
      if (reading) host_read();
    }
    return true;
  }

  void host_read() {
    char buf[65536];
    ssize_t n = 0;
    while ((n = ::read(host_, buf, sizeof buf)) > 0)
      received.append(buf, static_cast<std::size_t>(n));
  }

  // Writes everything, serving the port while the pty is full.
  void host_write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(host_, bytes.data(), bytes.size());
      if (n > 0) bytes.remove_prefix(static_cast<std::size_t>(n));
      io.run_one_for(1ms);
    }
  }

  int host_fd() const { return host_; }

  boost::asio::io_context io{1};
  // As in the program's shards: the loop runs while the port has nothing pending (paused).
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::shared_ptr<port::PtyPort> port;
  std::function<void(std::string_view)> on_input_hook;
  std::string input;     // what the port delivered
  std::string received;  // what the host read
  int drained = 0;

 private:
  int host_ = -1;
};

TEST(PtyPort, AnswersWrittenWhileHandlingInputReachTheHostTogether) {
  PortHarness h;
  h.on_input_hook = [&](std::string_view) {
    h.port->write("\r\n");
    h.port->write("OK");
    h.port->write("\r\n");
  };
  h.host_write("AT\r");
  ASSERT_TRUE(h.pump_until([&] { return h.received.size() >= 6; }));
  EXPECT_EQ(h.input, "AT\r");
  EXPECT_EQ(h.received, "\r\nOK\r\n");
  EXPECT_EQ(h.port->queued_output(), 0u);
}

TEST(PtyPort, OutputFromOtherEventsArrivesWholeAndInOrder) {
  PortHarness h;
  const std::string out = pattern(2 * 1024 * 1024);
  for (std::size_t off = 0; off < out.size(); off += 1460) h.port->write(out.substr(off, 1460));
  EXPECT_GT(h.port->queued_output(), core::ByteChannel::low_water());
  ASSERT_TRUE(h.pump_until([&] { return h.received.size() >= out.size(); }));
  EXPECT_TRUE(h.received == out) << "output differs";
  EXPECT_EQ(h.port->queued_output(), 0u);
  EXPECT_EQ(h.drained, 1);
}

// A raw pty holds only some KiB: the rest waits in the port (EAGAIN), nothing is lost, and the
// drain notice comes once the host has read it down to the low-water mark.
TEST(PtyPort, HostThatDoesNotReadHoldsOutputBackWithoutLoss) {
  PortHarness h;
  const std::string out = pattern(256 * 1024);
  h.port->write(out);
  // The pty fills up and the port waits for it: progress stops with most of the data queued.
  std::size_t last = out.size() + 1;
  ASSERT_TRUE(h.pump_until(
      [&] {
        const std::size_t now = h.port->queued_output();
        const bool stuck = now == last;
        last = now;
        return stuck && now > 0;
      },
      false));
  EXPECT_GT(h.port->queued_output(), out.size() / 2);
  EXPECT_EQ(h.drained, 0);
  ASSERT_TRUE(h.pump_until([&] { return h.received.size() >= out.size(); }));
  EXPECT_TRUE(h.received == out) << "output differs";
  EXPECT_EQ(h.drained, 1);
}

TEST(PtyPort, InputSentWhilePausedArrivesAfterResume) {
  PortHarness h;
  h.pump_until([] { return false; }, true, 20ms);  // the port waits for input
  h.port->pause_input();
  h.host_write("AT+CSQ\r");
  h.pump_until([] { return false; }, true, 50ms);
  EXPECT_EQ(h.input, "");
  h.port->resume_input();
  ASSERT_TRUE(h.pump_until([&] { return h.input.size() >= 7; }));
  EXPECT_EQ(h.input, "AT+CSQ\r");
}

// After bulk input the reactor reads the pty itself: what it reads once input is paused is kept,
// not delivered, and comes first after the resume.
TEST(PtyPort, BulkInputReadWhilePausedArrivesAfterResume) {
  PortHarness h;
  const std::string bulk = pattern(4000);
  h.host_write(bulk);
  ASSERT_TRUE(h.pump_until([&] { return h.input.size() >= bulk.size(); }));
  h.port->pause_input();
  h.host_write("tail\r");
  h.pump_until([] { return false; }, true, 50ms);
  EXPECT_EQ(h.input.size(), bulk.size());
  h.port->resume_input();
  ASSERT_TRUE(h.pump_until([&] { return h.input.size() >= bulk.size() + 5; }));
  EXPECT_TRUE(h.input == bulk + "tail\r") << "input differs";
}

// The listener pauses from inside on_input (as the uplink does when its socket backs up): no
// input comes while paused, even with the host still writing, and after each resume it goes on
// where it stopped.
TEST(PtyPort, InputPausedFromTheHandlerResumesWhereItStopped) {
  PortHarness h;
  const std::string in = pattern(96 * 1024);
  h.on_input_hook = [&](std::string_view) { h.port->pause_input(); };
  std::size_t written = 0;
  int pauses = 0;
  while (h.input.size() < in.size()) {
    // The host writes what the pty takes; the port delivers one read and pauses.
    const std::size_t before = h.input.size();
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (h.input.size() == before && std::chrono::steady_clock::now() < until) {
      if (written < in.size()) {
        const std::size_t chunk = std::min<std::size_t>(4096, in.size() - written);
        const ssize_t n = ::write(h.host_fd(), in.data() + written, chunk);
        if (n > 0) written += static_cast<std::size_t>(n);
      }
      h.io.run_one_for(1ms);
    }
    ASSERT_GT(h.input.size(), before) << "no input after " << pauses << " pauses";
    ++pauses;
    const std::size_t held = h.input.size();
    h.pump_until([] { return false; }, false, 5ms);
    ASSERT_EQ(h.input.size(), held) << "input arrived while paused";
    h.port->resume_input();
  }
  EXPECT_TRUE(h.input == in) << "input differs";
  EXPECT_GT(pauses, 1);
}

TEST(PtyPort, InputLargerThanOneReadArrivesWholeAndInOrder) {
  PortHarness h;
  const std::string in = pattern(200 * 1024);
  h.host_write(in);
  ASSERT_TRUE(h.pump_until([&] { return h.input.size() >= in.size(); }));
  EXPECT_TRUE(h.input == in) << "input differs";
}

TEST(PtyPort, ClosingWhileWaitingToWriteIsQuiet) {
  PortHarness h;
  h.port->write(pattern(256 * 1024));
  std::size_t last = 0;
  ASSERT_TRUE(h.pump_until(
      [&] {
        const std::size_t now = h.port->queued_output();
        const bool stuck = now == last;
        last = now;
        return stuck;
      },
      false));
  h.port->close();
  h.port->write("more");
  h.io.restart();
  h.io.poll();
  EXPECT_EQ(h.drained, 0);
}

}  // namespace
}  // namespace cellemu::testing
