#include <gtest/gtest.h>

#include <map>

#include "emulator/at/at_interpreter.h"
#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"
#include "emulator/port/cmux_multiplexer.h"
#include "tests/unit/ppp_test_peer.h"

namespace cellemu::port {
namespace {
using testing::hex;

std::string frame(std::uint8_t dlci, bool cr, CmuxType type, bool pf, std::string info = {}) {
  std::string out;
  encode_cmux(CmuxFrame{dlci, cr, type, pf, std::move(info)}, out);
  return out;
}

TEST(CmuxFrame, SpecExamplesByteForByte) {
  // services.md §7.3 table.
  EXPECT_EQ(frame(0, true, CmuxType::Sabm, true), hex("F9 03 3F 01 1C F9"));
  EXPECT_EQ(frame(0, true, CmuxType::Ua, true), hex("F9 03 73 01 D7 F9"));
  EXPECT_EQ(frame(1, true, CmuxType::Sabm, true), hex("F9 07 3F 01 DE F9"));
  EXPECT_EQ(frame(1, true, CmuxType::Ua, true), hex("F9 07 73 01 15 F9"));
  EXPECT_EQ(frame(2, true, CmuxType::Sabm, true), hex("F9 0B 3F 01 59 F9"));
  EXPECT_EQ(frame(2, true, CmuxType::Ua, true), hex("F9 0B 73 01 92 F9"));
  EXPECT_EQ(frame(2, false, CmuxType::Uih, false, "AT\r"), hex("F9 09 EF 07 41 54 0D 35 F9"));
  EXPECT_EQ(frame(2, false, CmuxType::Uih, false, "\r\nOK\r\n"),
            hex("F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
  EXPECT_EQ(frame(0, true, CmuxType::Uih, false, hex("C3 01")), hex("F9 03 EF 05 C3 01 F2 F9"));
  EXPECT_EQ(frame(0, true, CmuxType::Uih, false, hex("C1 01")), hex("F9 03 EF 05 C1 01 F2 F9"));
  EXPECT_EQ(frame(1, true, CmuxType::Disc, true), hex("F9 07 53 01 3F F9"));
  EXPECT_EQ(frame(1, true, CmuxType::Dm, true), hex("F9 07 1F 01 F4 F9"));
}

TEST(CmuxFrame, LongFramesUseTwoLengthOctetsAndUiCoversItsInformation) {
  const std::string big = frame(1, false, CmuxType::Uih, false, std::string(200, 'x'));
  EXPECT_EQ(big.substr(0, 5), hex("F9 05 EF 90 01"));  // 200 = 0x48<<1 | EA 0, then 200>>7
  const std::string ui = frame(1, false, CmuxType::Ui, false, "abc");
  EXPECT_EQ(cmux_crc(ui.substr(1, ui.size() - 2)), kCmuxFcsGood);
  CmuxControl control;
  ASSERT_TRUE(CmuxControl::parse(hex("E3 05 07 0D 01"), control));  // MSC DLCI1, V.24 signals
  EXPECT_EQ(control.type, kCmuxMsc);
  EXPECT_TRUE(control.command);
  EXPECT_EQ(control.value, hex("07 0D"));
}

std::vector<CmuxFrame> decode(CmuxDecoder& d, std::string_view bytes) {
  std::vector<CmuxFrame> frames;
  d.feed(bytes, [&](const CmuxFrame& f) { frames.push_back(f); });
  return frames;
}

TEST(CmuxDecoder, DecodesAtEveryReadBoundaryWithF9InsideData) {
  const std::string stream = frame(1, false, CmuxType::Uih, false, "\xF9\xF9payload") +
                             frame(2, false, CmuxType::Uih, false, std::string(300, '\xF9'));
  for (std::size_t step = 1; step < 9; ++step) {
    CmuxDecoder d;
    std::vector<CmuxFrame> frames;
    for (std::size_t i = 0; i < stream.size(); i += step) {
      d.feed(std::string_view(stream).substr(i, step),
             [&](const CmuxFrame& f) { frames.push_back(f); });
    }
    ASSERT_EQ(frames.size(), 2u) << step;
    EXPECT_EQ(frames[0].dlci, 1);
    EXPECT_EQ(frames[0].info, "\xF9\xF9payload");
    EXPECT_EQ(frames[1].info.size(), 300u);
  }
}

TEST(CmuxDecoder, SkipsGarbageBadFcsAndOversizedFramesThenResynchronises) {
  CmuxDecoder d(64);
  std::string bad = frame(1, false, CmuxType::Uih, false, "data");
  bad[bad.size() - 2] ^= 0x55;
  const std::string oversized = frame(1, false, CmuxType::Uih, false, std::string(100, 'x'));
  const std::string good = frame(3, false, CmuxType::Uih, false, "ok");
  const auto frames = decode(d, "AT\r\n" + bad + oversized + good);
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].dlci, 3);
  EXPECT_EQ(d.counters().bad_fcs, 1u);
  EXPECT_GE(d.counters().malformed, 1u);
}

// The module side: a multiplexer on an in-memory line, an AT interpreter per DLCI.
class CmuxMuxTest : public ::testing::Test,
                    protected CmuxMultiplexer::Listener,
                    protected at::CommandDispatcher {
 protected:
  struct Dlci final : core::ByteChannel::Listener {
    std::shared_ptr<CmuxChannel> channel;
    at::AtSettings settings;
    std::unique_ptr<at::AtInterpreter> at;
    int drained = 0;
    void on_input(std::string_view bytes) override { at->on_input(bytes); }
    void on_output_drained() override { ++drained; }
  };

  CmuxMuxTest() : mux(line, config(), *this) {}
  static CmuxConfig config() { return CmuxConfig{}; }

  void on_channel_opened(std::shared_ptr<CmuxChannel> channel) override {
    auto d = std::make_unique<Dlci>();
    d->settings.echo = false;  // E0 was in force when AT+CMUX=0 was accepted (P-019)
    d->channel = channel;
    d->at = std::make_unique<at::AtInterpreter>(*channel, timers, d->settings);
    d->at->set_dispatcher(*this);
    channel->start(*d);
    dlcis[channel->dlci()] = std::move(d);
  }
  void on_channel_closed(std::uint8_t dlci) override { closed.push_back(dlci); }
  void on_mux_closed() override { ++mux_closed; }
  std::optional<at::Outcome> dispatch(at::CommandContext& ctx) override {
    if (ctx.cmd().name == "D") return at::Final::code(at::ResultCode::Connect);
    if (ctx.cmd().name == "+CSQ") {
      ctx.info("+CSQ: 23,0");
      return at::Final::ok();
    }
    return std::nullopt;
  }

  std::size_t host(std::string_view bytes) { return mux.on_input(bytes); }
  std::string module() { return line.take_output(); }
  void open_dlcis() {
    host(hex("F9 03 3F 01 1C F9 F9 07 3F 01 DE F9 F9 0B 3F 01 59 F9"));
    module();
  }

  core::ManualTimerService timers;
  core::MemoryChannel line;
  CmuxMultiplexer mux;
  std::map<std::uint8_t, std::unique_ptr<Dlci>> dlcis;
  std::vector<std::uint8_t> closed;
  int mux_closed = 0;
};

TEST_F(CmuxMuxTest, P017_EnterCmuxTheEspModemWay) {
  host(hex("F9 03 3F 01 1C F9"));
  EXPECT_EQ(module(), hex("F9 03 73 01 D7 F9"));
  host(hex("F9 07 3F 01 DE F9"));
  EXPECT_EQ(module(), hex("F9 07 73 01 15 F9"));
  host(hex("F9 0B 3F 01 59 F9"));
  EXPECT_EQ(module(), hex("F9 0B 73 01 92 F9"));
  host(hex("F9 17 3F 01 54 F9"));  // DLCI 5
  EXPECT_EQ(module(), hex("F9 17 1F 01 7E F9"));
  EXPECT_EQ(dlcis.size(), 2u);
  EXPECT_EQ(mux.channel(1)->describe(), "memory DLCI 1");
}

TEST_F(CmuxMuxTest, P019_AtOnDlci2AndDialOnDlci1) {
  open_dlcis();
  host(hex("F9 09 EF 07 41 54 0D 35 F9"));
  EXPECT_EQ(module(), hex("F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
  host(hex("F9 05 EF 11 41 54 44 2A 39 39 23 0D 4A F9"));
  EXPECT_EQ(module(), hex("F9 05 EF 17 0D 0A 43 4F 4E 4E 45 43 54 0D 0A AE F9"));
  // The channels are independent: DLCI 2 still answers while DLCI 1 is in its call.
  host(frame(2, false, CmuxType::Uih, false, "AT+CSQ\r"));
  std::string dlci2;
  CmuxDecoder decoder;
  decoder.feed(module(), [&](const CmuxFrame& f) {
    EXPECT_EQ(f.dlci, 2);
    dlci2 += f.info;
  });
  EXPECT_EQ(dlci2, "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

TEST_F(CmuxMuxTest, P020_LeaveCmuxTheEspModemWay) {
  open_dlcis();
  host(hex("F9 07 53 01 3F F9"));
  EXPECT_EQ(module(), hex("F9 07 73 01 15 F9"));
  host(hex("F9 0B 53 01 B8 F9"));
  EXPECT_EQ(module(), hex("F9 0B 73 01 92 F9"));
  EXPECT_EQ(closed, (std::vector<std::uint8_t>{1, 2}));
  const std::string cld_then_at = hex("F9 03 EF 05 C3 01 F2 F9") + "AT\r";
  EXPECT_EQ(host(cld_then_at), cld_then_at.size() - 3);  // "AT\r" is plain AT again
  EXPECT_EQ(module(), hex("F9 03 EF 05 C1 01 F2 F9"));
  EXPECT_TRUE(mux.closed());
  EXPECT_EQ(mux_closed, 1);
}

TEST_F(CmuxMuxTest, DiscOfDlci0ClosesEveryChannelAndTheMultiplexer) {
  open_dlcis();
  host(hex("F9 03 53 01") + std::string(1, static_cast<char>(cmux_fcs(hex("03 53 01")))) + "\xF9");
  EXPECT_EQ(module(), hex("F9 03 73 01 D7 F9"));
  EXPECT_EQ(closed, (std::vector<std::uint8_t>{1, 2}));
  EXPECT_TRUE(mux.closed());
  EXPECT_FALSE(dlcis[1]->channel->open());
  dlcis[1]->channel->write("late");  // a producer that did not notice: dropped
  EXPECT_EQ(module(), "");
}

TEST_F(CmuxMuxTest, ControlMessagesAreAnsweredAndUnknownOnesGetNsc) {
  open_dlcis();
  const auto control = [](std::string info) {
    return frame(0, true, CmuxType::Uih, false, std::move(info));
  };
  host(control(hex("E3 05 07 0D")));  // MSC command for DLCI 1
  EXPECT_EQ(module(), control(hex("E1 05 07 0D")));
  host(control(hex("23 07 61 62 63")));  // Test "abc"
  EXPECT_EQ(module(), control(hex("21 07 61 62 63")));
  host(control(hex("FF 01")));  // an unknown type
  EXPECT_EQ(module(), control(hex("11 03 FF")));
  host(control(hex("E1 05 07 0D")));  // a response from the host: nothing to answer
  EXPECT_EQ(module(), "");
  host(control(hex("63 01")));  // FCoff: the module stops sending data
  EXPECT_EQ(module(), control(hex("61 01")));
  host(frame(2, false, CmuxType::Uih, false, "AT\r"));
  EXPECT_EQ(module(), "");
  host(control(hex("A3 01")));  // FCon: what was held goes out
  EXPECT_EQ(module(), control(hex("A1 01")) + hex("F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
}

TEST_F(CmuxMuxTest, OutputIsCutIntoN1FramesAndWaitsForTheLine) {
  open_dlcis();
  line.hold_output(true);
  dlcis[1]->channel->write(std::string(300, 'a'));
  const std::string out = line.output();
  EXPECT_EQ(out, frame(1, false, CmuxType::Uih, false, std::string(127, 'a')) +
                     frame(1, false, CmuxType::Uih, false, std::string(127, 'a')) +
                     frame(1, false, CmuxType::Uih, false, std::string(46, 'a')));
  line.take_output();
  // A line that does not drain: framing stops at its low-water mark, the rest waits per DLCI.
  dlcis[2]->channel->write(std::string(40000, 'b'));
  EXPECT_LT(line.output().size(), 17000u);
  EXPECT_GT(dlcis[2]->channel->queued_output(), 20000u);
  std::size_t total = 0;
  while (dlcis[2]->channel->queued_output() > 0) {
    total += line.take_output().size();
    mux.on_output_drained();
  }
  total += line.take_output().size();
  EXPECT_EQ(total, 40000u + (40000u + 126) / 127 * 6);
  EXPECT_GE(dlcis[2]->drained, 1);
}

TEST_F(CmuxMuxTest, PausedDlciKeepsItsInputAndBoundsItByPausingTheLine) {
  open_dlcis();
  dlcis[2]->channel->pause_input();
  host(frame(2, false, CmuxType::Uih, false, "AT\r"));
  EXPECT_EQ(module(), "");
  for (int i = 0; i < 200; ++i) host(frame(2, false, CmuxType::Uih, false, std::string(100, ' ')));
  EXPECT_TRUE(line.input_paused());
  dlcis[2]->channel->resume_input();
  EXPECT_FALSE(line.input_paused());
  EXPECT_EQ(module(), hex("F9 09 EF 0D 0D 0A 4F 4B 0D 0A D8 F9"));
  // Data on a DLCI that was never opened is ignored.
  host(frame(3, false, CmuxType::Uih, false, "AT\r"));
  EXPECT_EQ(module(), "");
}

}  // namespace
}  // namespace cellemu::port
