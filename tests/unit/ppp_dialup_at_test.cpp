// How a model puts DialupCall behind the AT engine (the recipe the follow-up wires into the
// models), checked against the P- cases of services-cases.md that reach below the AT layer.
#include <gtest/gtest.h>

#include "emulator/at/at_interpreter.h"
#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"
#include "net/ppp/dialup_call.h"
#include "tests/unit/ppp_test_peer.h"

namespace cellemu::net::ppp {
namespace {
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::hex;
using testing::PppTestPeer;

class DialupAtTest : public ::testing::Test,
                     protected core::ByteChannel::Listener,
                     protected at::CommandDispatcher,
                     protected DialupCall::Listener {
 protected:
  DialupAtTest() {
    config.dns = NetConfig::DnsMode::Static;
    settings.echo = false;
    at.set_dispatcher(*this);
    channel.start(*this);
  }
  // The line.
  void on_input(std::string_view bytes) override { at.on_input(bytes); }
  void on_output_drained() override {}

  // A model's ATD*99# / ATO / ATH.
  std::optional<at::Outcome> dispatch(at::CommandContext& ctx) override {
    const std::string& name = ctx.cmd().name;
    if (name == "D") return dial(ctx);
    if (name == "O") {
      if (!call || call->ended()) return at::Final::code(at::ResultCode::NoCarrier);
      call->resume();
      return ctx.connect_data_mode(*call);  // no renegotiation: nothing else is sent
    }
    if (name == "H") {
      if (call) call->hang_up();
      call.reset();
      return at::Final::ok();
    }
    return std::nullopt;
  }
  at::Outcome dial(at::CommandContext& ctx) {
    DialupConfig c;
    c.ppp.ipcp.peer = 0x0A4A9530;
    c.ppp.ipcp.dns1 = 0xD3887032;
    DialupCall::Listener& self = *this;
    call = std::make_unique<DialupCall>(
        PppNetworkEnv{io, timers, conditions, config, resolver, nullptr}, c,
        DialupCall::Port{[this](std::string_view b) { at.responder().raw(b); },
                         [this] { return at.responder().backlog(); }},
        self);
    // CONNECT first (framed per ATV/ATQ), then data mode, then the LCP Configure-Request.
    ctx.emit_final(at::Final::code(at::ResultCode::Connect));
    at.enter_data_mode(*call);
    call->start();
    return at::Final::none();
  }
  void on_call_ended(DownReason reason) override {
    (void)reason;
    if (at.in_data_mode()) {
      at.leave_data_mode("NO CARRIER");
    } else {
      at.responder().urc("NO CARRIER");
    }
    call.reset();
  }

  std::string take() { return channel.take_output(); }
  void send_frame(std::uint16_t protocol, std::string_view info) {
    channel.host_send(peer.frame(protocol, info));
  }
  void negotiate() {
    peer.take(take());
    const auto req = peer.next();
    send_frame(kProtoLcp, PppTestPeer::control(1, 1, hex("0506 CAFEBABE")));
    send_frame(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
    peer.take(take());
    peer.next();  // our Configure-Ack
    const auto ipcp = peer.next();
    send_frame(kProtoIpcp, PppTestPeer::control(1, 1, hex("0306 0A4A9530")));
    send_frame(kProtoIpcp, PppTestPeer::control(2, ipcp.id(), ipcp.data()));
    peer.take(take());
    peer.received.clear();
    ASSERT_TRUE(call && call->network_up());
  }

  core::ManualTimerService timers;
  boost::asio::io_context io;
  NetworkConditions conditions;
  NetConfig config;
  Resolver resolver{io, timers, config};
  core::MemoryChannel channel;
  at::AtSettings settings;
  at::AtInterpreter at{channel, timers, settings};
  PppTestPeer peer;
  std::unique_ptr<DialupCall> call;
};

TEST_F(DialupAtTest, P001_DialAnswersConnectThenTheLcpRequest) {
  channel.host_send("ATD*99#\r");
  const std::string out = take();
  EXPECT_EQ(out.substr(0, 15), "\r\nCONNECT\r\n" + hex("7E FF 7D23"));
  EXPECT_EQ(out.substr(15, 6), hex("C0 21 7D21 7D21"));  // Configure-Request, id 1
}

TEST_F(DialupAtTest, P005_EchoBeforeConnect) {
  settings.echo = true;
  channel.host_send("ATD*99#\r");
  EXPECT_EQ(take().substr(0, 19), "ATD*99#\r\r\nCONNECT\r\n");
}

TEST_F(DialupAtTest, P009_HostTerminateThenNoCarrierRightAfterTheAck) {
  channel.host_send("ATD*99#\r");
  negotiate();
  send_frame(kProtoLcp, PppTestPeer::control(5, 9, ""));
  timers.run_due();
  const std::string out = take();
  EXPECT_EQ(out.find("\r\nNO CARRIER\r\n"), out.size() - 14);
  peer.take(out);
  EXPECT_EQ(peer.next().info, PppTestPeer::control(6, 9, ""));
  EXPECT_EQ(out[out.size() - 15], '\x7E');  // NO CARRIER follows the Ack's closing flag
  channel.host_send("AT\r");
  EXPECT_EQ(take(), "\r\nOK\r\n");
}

TEST_F(DialupAtTest, P007_EscapeCommandsAndReturnWithoutRenegotiation) {
  channel.host_send("ATD*99#\r");
  negotiate();
  timers.advance(seconds(1));
  channel.host_send("+++");
  timers.advance(milliseconds(600));
  EXPECT_EQ(take(), "\r\nOK\r\n");
  EXPECT_TRUE(call->held());
  channel.host_send("ATO\r");
  EXPECT_EQ(take(), "\r\nCONNECT\r\n");  // and no LCP frame: PPP continues
  send_frame(kProtoLcp, PppTestPeer::control(9, 1, hex("CAFEBABE")));
  peer.take(take());
  EXPECT_EQ(peer.next().code(), 10);
}

TEST_F(DialupAtTest, P006_EscapeHangUpThenAtoHasNoCarrier) {
  channel.host_send("ATD*99#\r");
  negotiate();
  timers.advance(seconds(1));
  channel.host_send("+++");
  timers.advance(milliseconds(600));
  EXPECT_EQ(take(), "\r\nOK\r\n");
  channel.host_send("ATH\r");
  EXPECT_EQ(take(), "\r\nOK\r\n");  // no LCP frame
  channel.host_send("ATO\r");
  EXPECT_EQ(take(), "\r\nNO CARRIER\r\n");
  channel.host_send("ATD*99#\r");
  EXPECT_EQ(take().substr(0, 11), "\r\nCONNECT\r\n");
}

TEST_F(DialupAtTest, P011_PdnLossInDataStateTerminatesThenNoCarrier) {
  channel.host_send("ATD*99#\r");
  negotiate();
  call->terminate();
  peer.take(take());
  const auto req = peer.next();
  EXPECT_EQ(req.code(), 5);
  peer.encoder.set_options({.accm = 0});
  send_frame(kProtoLcp, PppTestPeer::control(6, req.id(), ""));
  timers.run_due();
  EXPECT_EQ(take(), "\r\nNO CARRIER\r\n");
}

}  // namespace
}  // namespace cellemu::net::ppp
