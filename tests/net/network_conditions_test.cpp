// The radio link between the module and its peers: carrier NAT, shaping, injected faults.
#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "net/socket_service.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::net {
namespace {
using namespace std::chrono_literals;
using testing::TcpServer;
using testing::UdpServer;

struct ConditionsRecorder : LinkHandler {
  void on_connected(Link&) override { events += "connected;"; }
  void on_connect_failed(Link&, NetError e) override {
    events += "failed:" + std::string(describe(e)) + ";";
  }
  void on_data(Link&, std::string_view chunk, const std::string&, std::uint16_t) override {
    data += chunk;
  }
  void on_closed(Link&, NetError e) override {
    events += "closed:" + std::string(describe(e)) + ";";
  }
  void on_writable(Link&) override { ++writable; }
  void on_nat_lost(Link&) override { ++nat_lost; }
  std::string events, data;
  int writable = 0;
  int nat_lost = 0;
};

class ConditionsTest : public ::testing::Test {
 protected:
  bool poll_until(const std::function<bool()>& done, std::chrono::milliseconds limit = 5s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io_.run_for(2ms);
      io_.restart();
    }
    return true;
  }
  // Lets real I/O settle without moving emulated time (to show that nothing arrives).
  void settle() {
    for (int i = 0; i < 10; ++i) {
      io_.run_for(2ms);
      io_.restart();
    }
  }
  std::shared_ptr<Link> connect(TcpServer& server) {
    auto link = sockets_.open({Protocol::Tcp, "127.0.0.1", server.port()}, rec_);
    EXPECT_TRUE(poll_until([&] { return rec_.events == "connected;"; })) << rec_.events;
    EXPECT_TRUE(server.wait_connections(1));
    return link;
  }

  // The clock outlives the io_context: handlers it destroys may still own links with timers.
  core::ManualTimerService timers_;
  boost::asio::io_context io_;
  NetConfig config_;
  SocketService sockets_{io_, timers_, config_};
  ConditionsRecorder rec_;
};

TEST_F(ConditionsTest, IdleTcpMappingIsDroppedAfterTenMinutes) {  // S0 FAQ 3
  TcpServer server;
  auto link = connect(server);
  timers_.advance(10min);
  EXPECT_TRUE(link->nat_lost());
  EXPECT_TRUE(link->send("lost uplink"));  // the module still says SEND OK
  server.send(0, "lost downlink");
  settle();
  EXPECT_EQ(server.received(0), "");
  EXPECT_EQ(rec_.data, "");
  EXPECT_EQ(link->state(), LinkState::Connected);  // and still reports the link as up
}

TEST_F(ConditionsTest, NatLossIsReportedOnceAndSwallowedSendsStillDrain) {
  TcpServer server;
  auto link = connect(server);
  timers_.advance(10min);
  EXPECT_EQ(rec_.nat_lost, 1);
  const int before = rec_.writable;
  EXPECT_TRUE(link->send("lost uplink"));
  EXPECT_EQ(rec_.writable, before);  // not from inside send()
  timers_.run_due();
  EXPECT_EQ(rec_.writable, before + 1);  // a sender waiting for the queue to drain goes on
  link->blackhole();                     // already gone: not reported twice
  EXPECT_EQ(rec_.nat_lost, 1);
}

TEST_F(ConditionsTest, TrafficEitherWayResetsTheNatTimer) {
  TcpServer server;
  auto link = connect(server);
  timers_.advance(9min);
  link->send("up");
  ASSERT_TRUE(poll_until([&] { return server.received(0) == "up"; }));
  timers_.advance(9min);
  server.send(0, "down");
  ASSERT_TRUE(poll_until([&] { return rec_.data == "down"; }));
  timers_.advance(9min);
  EXPECT_FALSE(link->nat_lost());
  timers_.advance(1min);
  EXPECT_TRUE(link->nat_lost());
}

TEST_F(ConditionsTest, KeepaliveShorterThanTheNatTimeoutKeepsTheMapping) {  // S0 AT+CIPTKA=1,180
  TcpServer server;
  auto link = connect(server);
  link->set_keepalive(true, 180, 75, 6);
  timers_.advance(21min);  // S0: sent again after 21 minutes, the server still got it
  EXPECT_FALSE(link->nat_lost());
  link->send("0123456789");
  ASSERT_TRUE(poll_until([&] { return server.received(0) == "0123456789"; }));
}

TEST_F(ConditionsTest, UdpMappingsExpireSooner) {
  UdpServer server;
  auto link = sockets_.open({Protocol::Udp, "127.0.0.1", server.port()}, rec_);
  ASSERT_TRUE(poll_until([&] { return rec_.events == "connected;"; }));
  timers_.advance(2min);
  EXPECT_TRUE(link->nat_lost());
}

TEST_F(ConditionsTest, NatTimeoutChangedLiveAppliesToOpenLinks) {
  TcpServer server;
  auto link = connect(server);
  timers_.advance(20s);
  sockets_.conditions().nat.tcp_idle = 30s;
  sockets_.nat_policy_changed();
  timers_.advance(9s);
  EXPECT_FALSE(link->nat_lost());
  timers_.advance(1s);  // 30 s after the last traffic
  EXPECT_TRUE(link->nat_lost());
}

TEST_F(ConditionsTest, NatSwitchedOffLiveKeepsOpenLinks) {
  TcpServer server;
  auto link = connect(server);
  sockets_.conditions().nat.tcp_idle = core::Duration::zero();
  sockets_.nat_policy_changed();
  timers_.advance(24h);
  EXPECT_FALSE(link->nat_lost());
}

TEST_F(ConditionsTest, NatCanBeSwitchedOff) {
  sockets_.conditions().nat.tcp_idle = core::Duration::zero();
  TcpServer server;
  auto link = connect(server);
  timers_.advance(24h);
  EXPECT_FALSE(link->nat_lost());
}

TEST_F(ConditionsTest, DelayHoldsTrafficBothWays) {
  sockets_.conditions().shaping.delay = 200ms;
  TcpServer server;
  auto link = connect(server);
  link->send("up");
  settle();
  EXPECT_EQ(server.received(0), "");
  timers_.advance(200ms);
  ASSERT_TRUE(poll_until([&] { return server.received(0) == "up"; }));
  server.send(0, "down");
  ASSERT_TRUE(poll_until([&] { return link->bytes_received() == 4; }));
  EXPECT_EQ(rec_.data, "");
  timers_.advance(200ms);
  EXPECT_EQ(rec_.data, "down");
}

TEST_F(ConditionsTest, RateLimitSerialisesBytes) {
  sockets_.conditions().shaping.rate = 1000;  // bytes per second
  TcpServer server;
  auto link = connect(server);
  link->send(std::string(5000, 'r'));
  timers_.advance(4900ms);
  settle();
  EXPECT_EQ(server.received(0).size(), 0u);
  timers_.advance(100ms);
  ASSERT_TRUE(poll_until([&] { return server.received(0).size() == 5000; }));
}

TEST_F(ConditionsTest, LossDropsUdpDatagramsButOnlyDelaysTcp) {
  sockets_.conditions().shaping.loss = 1.0;
  UdpServer udp;
  ConditionsRecorder urec;
  auto ulink = sockets_.open({Protocol::Udp, "127.0.0.1", udp.port()}, urec);
  ASSERT_TRUE(poll_until([&] { return urec.events == "connected;"; }));
  EXPECT_TRUE(ulink->send("gone"));
  timers_.advance(10s);
  settle();
  EXPECT_TRUE(udp.datagrams().empty());
  TcpServer tcp;
  auto tlink = connect(tcp);
  tlink->send("late");
  timers_.advance(999ms);
  settle();
  EXPECT_EQ(tcp.received(0), "");
  timers_.advance(1ms);  // one retransmission timeout later
  ASSERT_TRUE(poll_until([&] { return tcp.received(0) == "late"; }));
}

TEST_F(ConditionsTest, InjectedPeerCloseAndReset) {
  TcpServer a;
  auto la = connect(a);
  la->inject_peer_close();
  EXPECT_EQ(rec_.events, "connected;closed:closed by peer;");
  EXPECT_TRUE(a.wait_peer_closed(0));
  ConditionsRecorder other;
  TcpServer b;
  auto lb = sockets_.open({Protocol::Tcp, "127.0.0.1", b.port()}, other);
  ASSERT_TRUE(poll_until([&] { return other.events == "connected;"; }));
  lb->inject_peer_reset();
  EXPECT_EQ(other.events, "connected;closed:reset by peer;");
  EXPECT_TRUE(b.wait_peer_closed(0));
}

TEST_F(ConditionsTest, BlackholeNow) {
  TcpServer server;
  auto link = connect(server);
  link->blackhole();
  EXPECT_EQ(rec_.nat_lost, 1);
  link->send("x");
  settle();
  EXPECT_EQ(server.received(0), "");
}

TEST_F(ConditionsTest, ResetAfterNBytes) {
  sockets_.conditions().reset_after_bytes = 10;
  TcpServer server;
  auto link = connect(server);
  link->send("12345");
  EXPECT_EQ(rec_.events, "connected;");
  link->send("67890");
  timers_.run_due();
  EXPECT_EQ(rec_.events, "connected;closed:reset by peer;");
}

TEST_F(ConditionsTest, DnsFailureHitsNamesRoutedOrNotButNotLiterals) {
  TcpServer server;
  config_.routes.push_back(
      *Route::parse("iot.example:80=127.0.0.1:" + std::to_string(server.port())));
  sockets_.resolver().set_failing(true);
  ConditionsRecorder named;
  auto a = sockets_.open({Protocol::Tcp, "iot.example", 80}, named);
  ASSERT_TRUE(poll_until([&] { return !named.events.empty(); }));
  EXPECT_EQ(named.events, "failed:name does not resolve;");
  auto b = sockets_.open({Protocol::Tcp, "127.0.0.1", server.port()}, rec_);
  ASSERT_TRUE(poll_until([&] { return !rec_.events.empty(); }));
  EXPECT_EQ(rec_.events, "connected;");
}

TEST_F(ConditionsTest, ConnectFaults) {
  TcpServer server;
  sockets_.conditions().connect_fault = ConnectFault::Refuse;
  auto a = sockets_.open({Protocol::Tcp, "127.0.0.1", server.port()}, rec_);
  ASSERT_TRUE(poll_until([&] { return !rec_.events.empty(); }));
  EXPECT_EQ(rec_.events, "failed:connection refused;");
  sockets_.conditions().connect_fault = ConnectFault::Timeout;
  ConditionsRecorder silent;
  auto b = sockets_.open({Protocol::Tcp, "127.0.0.1", server.port()}, silent);
  timers_.advance(1h);
  settle();
  EXPECT_EQ(silent.events, "");  // a real module waits forever (MH)
  EXPECT_EQ(server.connections(), 0u);
}

}  // namespace
}  // namespace cellemu::net
