// ChannelMux: one modem on the pty and a TCP port at once.
#include "emulator/port/channel_mux.h"

#include <gtest/gtest.h>

#include "emulator/core/memory_channel.h"

namespace cellemu::port {
namespace {

struct MuxRecorder final : core::ByteChannel::Listener {
  void on_input(std::string_view bytes) override { input.append(bytes); }
  void on_output_drained() override { ++drained; }
  std::string input;
  int drained = 0;
};

struct TwoFrontEnds {
  TwoFrontEnds()
      : pty(std::make_shared<core::MemoryChannel>()),
        tcp(std::make_shared<core::MemoryChannel>()),
        mux({pty, tcp}) {
    mux.start(modem);
  }
  std::shared_ptr<core::MemoryChannel> pty;
  std::shared_ptr<core::MemoryChannel> tcp;
  ChannelMux mux;
  MuxRecorder modem;
};

TEST(ChannelMux, OutputGoesToEveryFrontEndAndInputComesFromEither) {
  TwoFrontEnds line;
  line.tcp->host_send("AT\r");
  line.mux.write("AT\r\r\nOK\r\n");
  line.pty->host_send("ATI\r");
  EXPECT_EQ(line.modem.input, "AT\rATI\r");
  EXPECT_EQ(line.pty->output(), "AT\r\r\nOK\r\n");
  EXPECT_EQ(line.tcp->output(), "AT\r\r\nOK\r\n");
}

TEST(ChannelMux, BackpressureFollowsTheFrontEndTheHostLastUsed) {
  TwoFrontEnds line;
  line.pty->hold_output(true);  // nobody reads the pty
  line.tcp->host_send("AT\r");
  EXPECT_EQ(line.mux.primary(), 1u);
  line.mux.write(std::string(1000, 'x'));
  EXPECT_EQ(line.mux.queued_output(), 0u) << "the TCP client reads everything";
  line.tcp->hold_output(true);
  EXPECT_EQ(line.mux.queued_output(), 1000u);
}

TEST(ChannelMux, AnUnreadFrontEndStopsGettingCopiesBeyondTheLimit) {
  TwoFrontEnds line;
  line.pty->hold_output(true);
  line.tcp->host_send("AT\r");
  const std::string chunk(16 * 1024, 'y');
  for (int i = 0; i < 8; ++i) line.mux.write(chunk);
  EXPECT_EQ(line.tcp->output().size(), 8 * chunk.size());
  EXPECT_LE(line.pty->output().size(), ChannelMux::kMirrorLimit + chunk.size());
}

TEST(ChannelMux, SwitchingAwayFromABackedUpPrimaryReportsDrained) {
  TwoFrontEnds line;
  line.pty->hold_output(true);
  line.mux.write(std::string(core::ByteChannel::low_water() + 1, 'z'));
  EXPECT_GT(line.mux.queued_output(), core::ByteChannel::low_water());
  line.tcp->host_send("AT\r");
  EXPECT_EQ(line.modem.drained, 1);
  EXPECT_EQ(line.modem.input, "AT\r");
}

// A host that stopped reading holds the modem paused (ModemSession::kOutputLimit); another front
// end can still take over, and is paused in turn after its first read while the pause lasts.
TEST(ChannelMux, PauseStopsTheFrontEndInUseAndAnyThatSpeaksWhilePaused) {
  TwoFrontEnds line;
  line.mux.pause_input();
  EXPECT_TRUE(line.pty->input_paused());
  EXPECT_FALSE(line.tcp->input_paused()) << "a newcomer can still speak";
  line.tcp->host_send("AT\r");
  EXPECT_EQ(line.mux.primary(), 1u);
  EXPECT_TRUE(line.tcp->input_paused());
  EXPECT_EQ(line.modem.input, "AT\r");
  line.mux.resume_input();
  EXPECT_FALSE(line.pty->input_paused());
  EXPECT_FALSE(line.tcp->input_paused());
  line.mux.close();
  EXPECT_TRUE(line.pty->closed());
  EXPECT_TRUE(line.tcp->closed());
  EXPECT_EQ(line.mux.describe(), "memory memory");
}

}  // namespace
}  // namespace cellemu::port
