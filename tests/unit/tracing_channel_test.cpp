// TracingChannel and TraceLog: every byte both ways, one entry per chunk.
#include "emulator/port/tracing_channel.h"

#include <unistd.h>

#include <ctime>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"

namespace cellemu::port {
namespace {
using std::chrono::milliseconds;

struct TracingRecorder final : core::ByteChannel::Listener {
  void on_input(std::string_view bytes) override { input.append(bytes); }
  void on_output_drained() override {}
  std::string input;
};

// 2024-07-23 08:35:01.408 UTC
const TraceLog::WallTime kT0{milliseconds(1721723701408)};

std::string clock_text(TraceLog::WallTime t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  ::localtime_r(&secs, &tm);
  const auto ms = std::chrono::duration_cast<milliseconds>(t.time_since_epoch()).count() % 1000;
  return fmt::format("[{:02}:{:02}:{:02}.{:03}]", tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(TraceLog, TextEntriesEscapeControlBytes) {
  EXPECT_EQ(TraceLog::format_text(kT0, "", TraceDirection::Rx, "AT+CIPSEND\r"),
            clock_text(kT0) + " → AT+CIPSEND\\r\n");
  EXPECT_EQ(TraceLog::format_text(kT0, "", TraceDirection::Tx, "hi\x1A\r\n\\\xff"),
            clock_text(kT0) + " ← hi\\x1A\\r\\n\\\\\\xFF\n");
  EXPECT_EQ(TraceLog::format_text(kT0, "modem3", TraceDirection::Tx, "\r\nOK\r\n"),
            clock_text(kT0) + " modem3 ← \\r\\nOK\\r\\n\n");
}

TEST(TraceLog, JsonEntriesAreExactBytes) {
  EXPECT_EQ(TraceLog::format_json(kT0, "modem0", TraceDirection::Rx, "AT\r"),
            R"({"t":1721723701.408,"modem":"modem0","dir":"rx","data":"AT\r"})"
            "\n");
  EXPECT_EQ(TraceLog::format_json(kT0 + milliseconds(2), "modem1", TraceDirection::Tx,
                                  std::string("\"\\\x00\x1a\xe4", 5)),
            R"({"t":1721723701.410,"modem":"modem1","dir":"tx","data":"\"\\\u0000\u001a\u00e4"})"
            "\n");
}

class TracingChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = "/tmp/cellemu-trace-test-" + std::to_string(::getpid());
    std::error_code ec;
    auto text = TraceLog::open(path_ + ".txt", TraceLog::Format::Text, false, ec);
    auto json = TraceLog::open(path_ + ".jsonl", TraceLog::Format::Json, true, ec);
    ASSERT_TRUE(text && json) << ec.message();
    inner_ = std::make_shared<core::MemoryChannel>();
    channel_ = std::make_unique<TracingChannel>(inner_, timers_, "modem0", std::vector{text, json},
                                                [this] { return now_; });
    channel_->start(modem_);
  }
  void TearDown() override {
    channel_.reset();
    ::unlink((path_ + ".txt").c_str());
    ::unlink((path_ + ".jsonl").c_str());
  }

  std::string path_;
  core::ManualTimerService timers_;
  TraceLog::WallTime now_ = kT0;
  std::shared_ptr<core::MemoryChannel> inner_;
  std::unique_ptr<TracingChannel> channel_;
  TracingRecorder modem_;
};

TEST_F(TracingChannelTest, OneEntryPerInputChunkAndPerOutputBurst) {
  inner_->host_send("AT\r");
  EXPECT_EQ(modem_.input, "AT\r");
  now_ += milliseconds(2);
  channel_->write("AT\r");  // echo, then the answer, while handling the same input
  now_ += milliseconds(1);
  channel_->write("\r\nOK\r\n");
  EXPECT_EQ(inner_->output(), "AT\r\r\nOK\r\n") << "bytes pass through at once";
  timers_.run_due();  // the burst ends
  now_ += milliseconds(1000);
  channel_->write("\r\n+CSQ: 23,0\r\n");
  inner_->host_send("ATI\r");  // new input closes the previous burst first

  const auto t1 = kT0 + milliseconds(2);
  const auto t2 = kT0 + milliseconds(1003);
  EXPECT_EQ(read_file(path_ + ".txt"),
            clock_text(kT0) + " → AT\\r\n" + clock_text(t1) + " ← AT\\r\\r\\nOK\\r\\n\n" +
                clock_text(t2) + " ← \\r\\n+CSQ: 23,0\\r\\n\n" + clock_text(t2) + " → ATI\\r\n");
  EXPECT_EQ(read_file(path_ + ".jsonl"),
            R"({"t":1721723701.408,"modem":"modem0","dir":"rx","data":"AT\r"}
{"t":1721723701.410,"modem":"modem0","dir":"tx","data":"AT\r\r\nOK\r\n"}
{"t":1721723702.411,"modem":"modem0","dir":"tx","data":"\r\n+CSQ: 23,0\r\n"}
{"t":1721723702.411,"modem":"modem0","dir":"rx","data":"ATI\r"}
)");
}

TEST_F(TracingChannelTest, CloseRecordsTheLastBurst) {
  channel_->write("\r\n+CPIN: READY\r\n");
  channel_->close();
  EXPECT_TRUE(inner_->closed());
  EXPECT_EQ(read_file(path_ + ".txt"), clock_text(kT0) + " ← \\r\\n+CPIN: READY\\r\\n\n");
  EXPECT_EQ(timers_.pending(), 0u);
}

}  // namespace
}  // namespace cellemu::port

namespace cellemu::port {
namespace {

TEST_F(TracingChannelTest, AnnotatorLinesFollowTheirEntryInTextTracesOnly) {
  channel_->set_annotators(
      [](std::string_view b) {
        return std::vector<std::string>{"in " + std::string(b.substr(0, 2))};
      },
      [](std::string_view) {
        return std::vector<std::string>{"out 1", "out 2"};
      });
  inner_->host_send("AT\r");
  channel_->write("\r\nOK\r\n");
  channel_->flush();
  EXPECT_EQ(read_file(path_ + ".txt"), clock_text(kT0) + " → AT\\r\n# → in AT\n" + clock_text(kT0) +
                                           " ← \\r\\nOK\\r\\n\n# ← out 1\n# ← out 2\n");
  EXPECT_EQ(read_file(path_ + ".jsonl"),
            R"({"t":1721723701.408,"modem":"modem0","dir":"rx","data":"AT\r"}
{"t":1721723701.408,"modem":"modem0","dir":"tx","data":"\r\nOK\r\n"}
)");
}

}  // namespace
}  // namespace cellemu::port
