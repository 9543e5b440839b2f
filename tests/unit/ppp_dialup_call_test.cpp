// The contract a model relies on: DialupCall as the data-mode sink of ATD*99#.
#include "net/ppp/dialup_call.h"

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "tests/unit/ppp_test_peer.h"

namespace cellemu::net::ppp {
namespace {
using std::chrono::seconds;
using testing::hex;
using testing::PppTestPeer;

class DialupCallTest : public ::testing::Test, protected DialupCall::Listener {
 protected:
  DialupCallTest() {
    config.dns = NetConfig::DnsMode::Static;
    DialupConfig c;
    c.ppp.ipcp.peer = 0x0A4A9530;
    c.ppp.ipcp.dns1 = 0xD3887032;
    DialupCall::Listener& self = *this;
    call = std::make_unique<DialupCall>(
        PppNetworkEnv{io, timers, conditions, config, resolver, nullptr}, c,
        DialupCall::Port{[this](std::string_view b) {
                           wire.append(b);
                           peer.take(b);
                         },
                         [] { return std::size_t{0}; }},
        self);
  }
  void on_call_up(const PppLinkInfo& info) override { up = info.ipcp.peer; }
  void on_call_ended(DownReason reason) override {
    ended.push_back(reason);
    call.reset();  // allowed: the event comes from a timer, not from inside the call
  }
  void host(std::uint16_t protocol, std::string_view info) {
    call->on_uplink(peer.frame(protocol, info));
  }
  void negotiate() {
    call->start();
    const auto req = peer.next();
    host(kProtoLcp, PppTestPeer::control(1, 1, hex("0506 CAFEBABE")));
    peer.next();
    host(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
    const auto ipcp = peer.next();
    host(kProtoIpcp, PppTestPeer::control(1, 1, hex("0306 0A4A9530")));
    peer.next();
    host(kProtoIpcp, PppTestPeer::control(2, ipcp.id(), ipcp.data()));
  }

  core::ManualTimerService timers;
  boost::asio::io_context io;
  NetworkConditions conditions;
  NetConfig config;
  Resolver resolver{io, timers, config};
  PppTestPeer peer;
  std::string wire;
  std::unique_ptr<DialupCall> call;
  Ipv4 up = 0;
  std::vector<DownReason> ended;
};

TEST_F(DialupCallTest, StartsWithTheLcpConfigureRequest) {
  EXPECT_TRUE(wire.empty());  // nothing before CONNECT is answered and start() called
  call->start();
  EXPECT_EQ(wire.substr(0, 10), hex("7E FF 7D23 C0 21 7D21 7D21"));  // code 1, id 1
}

TEST_F(DialupCallTest, NegotiatesAndOpensTheNetwork) {
  negotiate();
  EXPECT_EQ(up, 0x0A4A9530u);
  ASSERT_NE(call->network(), nullptr);
  EXPECT_TRUE(call->network_up());
  EXPECT_TRUE(call->flows().empty());
}

TEST_F(DialupCallTest, EscapeHoldsTheCallAndResumeContinuesWithoutRenegotiation) {
  negotiate();
  call->on_escape();
  EXPECT_TRUE(call->held());
  wire.clear();
  host(kProtoLcp, PppTestPeer::control(9, 1, hex("CAFEBABE")));  // would be answered...
  EXPECT_TRUE(wire.empty());                                     // ...but nothing reaches the host
  call->resume();
  host(kProtoLcp, PppTestPeer::control(9, 2, hex("CAFEBABE")));
  EXPECT_FALSE(wire.empty());
  EXPECT_TRUE(call->network_up());
}

TEST_F(DialupCallTest, HostTerminateEndsTheCallFromATimerAfterTheAck) {
  negotiate();
  host(kProtoLcp, PppTestPeer::control(5, 3, ""));
  EXPECT_EQ(peer.received.back().info, PppTestPeer::control(6, 3, ""));
  EXPECT_TRUE(ended.empty());  // not from inside on_uplink
  timers.run_due();
  EXPECT_EQ(ended, std::vector<DownReason>{DownReason::PeerTerminated});
  EXPECT_EQ(call, nullptr);
}

TEST_F(DialupCallTest, PdnLossWhileHeldEndsAtOnceWithoutFrames) {
  negotiate();
  call->on_escape();
  wire.clear();
  call->terminate();
  timers.run_due();
  EXPECT_EQ(ended, std::vector<DownReason>{DownReason::LocalTerminated});
  EXPECT_TRUE(wire.empty());
}

TEST_F(DialupCallTest, PdnLossInDataStateSendsTerminateRequestAndWaitsAtMost3s) {
  negotiate();
  peer.received.clear();
  call->terminate();
  EXPECT_EQ(peer.next().code(), 5);
  timers.advance(seconds(3));
  EXPECT_EQ(ended, std::vector<DownReason>{DownReason::LocalTerminated});
}

TEST_F(DialupCallTest, HangUpIsSilent) {
  negotiate();
  wire.clear();
  call->hang_up();
  timers.advance(seconds(60));
  EXPECT_TRUE(wire.empty());
  EXPECT_TRUE(ended.empty());
  EXPECT_TRUE(call->ended());
}

}  // namespace
}  // namespace cellemu::net::ppp
