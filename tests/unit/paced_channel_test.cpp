// PacedChannel: a UART's byte time on an in-memory line with a manual clock.
#include "emulator/port/paced_channel.h"

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"

namespace cellemu::port {
namespace {
using std::chrono::microseconds;
using std::chrono::milliseconds;

struct PacedRecorder final : core::ByteChannel::Listener {
  void on_input(std::string_view bytes) override { input.append(bytes); }
  void on_output_drained() override { ++drained; }
  std::string input;
  int drained = 0;
};

struct PacedLine {
  explicit PacedLine(PacedChannel::RateSource rate, double scale = 1.0)
      : inner(std::make_shared<core::MemoryChannel>()),
        paced(inner, timers, std::move(rate), scale) {
    paced.start(modem);
  }
  core::ManualTimerService timers;
  std::shared_ptr<core::MemoryChannel> inner;
  PacedChannel paced;
  PacedRecorder modem;
};

// 9600 baud: 10 bits per byte, 1.0417 ms a byte, 960 bytes a second.
TEST(PacedChannel, OutputLeavesAtTheByteRate) {
  PacedLine line(PacedChannel::fixed(9600));
  const std::string data(960, 'x');
  line.paced.write(data);
  EXPECT_EQ(line.inner->output(), "");
  EXPECT_EQ(line.paced.queued_output(), 960u);
  line.timers.advance(milliseconds(1));
  EXPECT_EQ(line.inner->output().size(), 0u) << "the first byte is not complete before 1.04 ms";
  line.timers.advance(milliseconds(99));  // 100 ms: 96 bytes
  EXPECT_EQ(line.inner->output().size(), 96u);
  line.timers.advance(milliseconds(400));  // 500 ms: 480 bytes
  EXPECT_EQ(line.inner->output().size(), 480u);
  line.timers.advance(milliseconds(500));  // exactly one second
  EXPECT_EQ(line.inner->output(), data);
  EXPECT_EQ(line.timers.pending(), 0u);
}

// Bytes are handed over in batches at least kMinTick (2 ms) apart: each check below sits on a tick.
TEST(PacedChannel, WritesDuringABurstQueueBehindIt) {
  PacedLine line(PacedChannel::fixed(9600));
  line.paced.write("AT\r");
  line.timers.advance(milliseconds(2));  // 1.92 byte times: one byte has arrived
  EXPECT_EQ(line.inner->output(), "A");
  line.paced.write("\r\nOK\r\n");
  line.timers.advance(milliseconds(6));  // 8 ms: 7 bytes
  EXPECT_EQ(line.inner->output(), "AT\r\r\nOK");
  line.timers.advance(milliseconds(2));  // 10 ms: all 9
  EXPECT_EQ(line.inner->output(), "AT\r\r\nOK\r\n");
}

TEST(PacedChannel, AnIdleLineStartsFromNow) {
  PacedLine line(PacedChannel::fixed(9600));
  line.timers.advance(std::chrono::seconds(5));
  line.paced.write("AB");
  line.timers.advance(milliseconds(2));
  EXPECT_EQ(line.inner->output(), "A");
  line.timers.advance(milliseconds(2));
  EXPECT_EQ(line.inner->output(), "AB");
}

TEST(PacedChannel, ReleasesInSmallBatchesWithoutDrift) {
  PacedLine line(PacedChannel::fixed(115200));  // 86.8 us a byte: about 23 bytes per 2 ms tick
  line.paced.write(std::string(11520, 'y'));
  EXPECT_EQ(line.timers.pending(), 1u);
  line.timers.advance(milliseconds(2));
  EXPECT_EQ(line.inner->output().size(), 23u);
  line.timers.advance(milliseconds(998));
  EXPECT_EQ(line.inner->output().size(), 11520u);
}

TEST(PacedChannel, TimeScaleKeepsRealByteTimes) {
  // Emulated time runs 10x faster: a real 1.04 ms byte is 10.4 ms of emulated time.
  PacedLine line(PacedChannel::fixed(9600), 10.0);
  line.paced.write(std::string(10, 'z'));
  line.timers.advance(milliseconds(60));  // 6 real ms
  EXPECT_EQ(line.inner->output().size(), 5u);
  line.timers.advance(milliseconds(60));
  EXPECT_EQ(line.inner->output().size(), 10u);
}

TEST(PacedChannel, InputReachesTheModemAtTheByteRate) {
  PacedLine line(PacedChannel::fixed(9600));
  line.inner->host_send("AT+CSQ\r");
  EXPECT_EQ(line.modem.input, "");
  line.timers.advance(milliseconds(4));
  EXPECT_EQ(line.modem.input, "AT+");
  line.timers.advance(milliseconds(4));
  EXPECT_EQ(line.modem.input, "AT+CSQ\r");
}

TEST(PacedChannel, ModemPauseHoldsInputAndLargeBacklogsPauseTheFrontEnd) {
  PacedLine line(PacedChannel::fixed(9600));
  line.paced.pause_input();
  EXPECT_TRUE(line.inner->input_paused());
  line.inner->host_send("AT\r");
  line.timers.advance(milliseconds(100));
  EXPECT_EQ(line.modem.input, "");
  line.paced.resume_input();
  EXPECT_FALSE(line.inner->input_paused());
  line.timers.advance(milliseconds(2));
  EXPECT_EQ(line.modem.input, "AT\r") << "bytes received while paused are delivered on resume";

  line.inner->host_send(std::string(PacedChannel::kInputLimit + 1, 'a'));
  EXPECT_TRUE(line.inner->input_paused());
  line.timers.advance(milliseconds(100));
  EXPECT_FALSE(line.inner->input_paused());
}

TEST(PacedChannel, UnpacedPassesThrough) {
  PacedLine line([]() -> std::optional<unsigned> { return std::nullopt; });
  line.paced.write("OK");
  EXPECT_EQ(line.inner->output(), "OK");
  line.inner->host_send("AT\r");
  EXPECT_EQ(line.modem.input, "AT\r");
  EXPECT_EQ(line.timers.pending(), 0u);
}

TEST(PacedChannel, FollowsARateThatChangesBetweenBursts) {
  unsigned baud = 0;  // --baud auto before the host set a speed it can observe
  PacedLine line([&]() -> std::optional<unsigned> { return baud; });
  line.paced.write("ab");
  EXPECT_EQ(line.inner->output(), "ab");
  baud = 1200;  // the host called tcsetattr: 8.33 ms a byte
  line.paced.write("cd");
  line.timers.advance(milliseconds(10));
  EXPECT_EQ(line.inner->output(), "abc");
  line.timers.advance(milliseconds(8));
  EXPECT_EQ(line.inner->output(), "abcd");
}

TEST(PacedChannel, ReportsDrainedOnceTheBacklogIsGone) {
  PacedLine line(PacedChannel::fixed(115200));
  line.paced.write(std::string(core::ByteChannel::low_water() + 100, 'q'));
  EXPECT_EQ(line.modem.drained, 0);
  line.timers.advance(std::chrono::seconds(2));
  EXPECT_EQ(line.modem.drained, 1);
}

}  // namespace
}  // namespace cellemu::port
