// The IP network behind a PPP call (carrier NAT, DNS, filter, routes, shaping, slirp) against
// real loopback peers, driven with hand-made datagrams on the manual clock.
#include "net/ppp/ppp_network.h"

#include <gtest/gtest.h>

#include <deque>

#include "emulator/core/manual_timer_service.h"
#include "net/ppp/dns_message.h"
#include "net/ppp/wire.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::net::ppp {
namespace {
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::TcpServer;
using testing::UdpServer;

constexpr Ipv4 kPeer = 0x0A4A9530;  // 10.74.149.48
constexpr Ipv4 kDns = 0xD3887032;   // 211.136.112.50
constexpr Ipv4 kLoopback = 0x7F000001;
constexpr Ipv4 kVirtual = 0x707D5908;  // 112.125.89.8

class PppNetworkTest : public ::testing::Test {
 protected:
  PppNetworkTest() { config.dns = NetConfig::DnsMode::Static; }

  void start() {
    PppNetworkConfig c;
    c.peer = kPeer;
    c.dns1 = kDns;
    network = std::make_unique<PppNetwork>(
        PppNetworkEnv{io, timers, conditions, config, resolver, journal}, c,
        [this](std::string p) { received.push_back(*IpPacket::parse(std::move(p))); });
  }
  // Real I/O and emulated time move together: slirp's TCP timers (delayed ACKs) need both.
  bool poll_until(const std::function<bool()>& done, core::Duration step = milliseconds(5)) {
    const auto until = std::chrono::steady_clock::now() + seconds(5);
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io.run_for(milliseconds(2));
      io.restart();
      timers.advance(step);
    }
    return true;
  }
  std::optional<IpPacket> next_where(const std::function<bool(const IpPacket&)>& pred) {
    std::optional<IpPacket> found;
    poll_until([&] {
      for (auto it = received.begin(); it != received.end(); ++it) {
        if (pred(*it)) {
          found = std::move(*it);
          received.erase(it);
          return true;
        }
      }
      return false;
    });
    return found;
  }
  std::optional<IpPacket> next_tcp(std::uint8_t flags) {
    return next_where([flags](const IpPacket& p) {
      return p.protocol() == kIpTcp && (p.tcp_flags() & flags) == flags;
    });
  }
  std::optional<IpPacket> next_udp() {
    return next_where([](const IpPacket& p) { return p.protocol() == kIpUdp; });
  }
  void send(const IpPacket& p) { network->from_peer(p.bytes()); }
  // SYN, SYN-ACK, ACK: returns the server's next sequence number.
  std::optional<std::uint32_t> handshake(Ipv4 dst, std::uint16_t dport, std::uint16_t sport) {
    send(IpPacket::tcp(kPeer, sport, dst, dport, 1000, 0, kTcpSyn));
    auto synack = next_tcp(kTcpSyn | kTcpAck);
    if (!synack) return std::nullopt;
    EXPECT_EQ(synack->src(), dst);
    EXPECT_EQ(synack->src_port(), dport);
    EXPECT_EQ(synack->dst_port(), sport);
    EXPECT_EQ(synack->tcp_ack(), 1001u);
    send(IpPacket::tcp(kPeer, sport, dst, dport, 1001, synack->tcp_seq() + 1, kTcpAck));
    return synack->tcp_seq() + 1;
  }

  core::ManualTimerService timers;
  boost::asio::io_context io;
  NetworkConditions conditions;
  NetConfig config;
  Resolver resolver{io, timers, config};
  std::shared_ptr<LinkJournal> journal = std::make_shared<LinkJournal>();
  std::unique_ptr<PppNetwork> network;
  std::deque<IpPacket> received;
};

TEST_F(PppNetworkTest, TcpReachesALoopbackServerBothWays) {
  TcpServer server;
  start();
  const auto server_seq = handshake(kLoopback, server.port(), 40001);
  ASSERT_TRUE(server_seq);
  send(IpPacket::tcp(kPeer, 40001, kLoopback, server.port(), 1001, *server_seq, kTcpAck, "hello"));
  ASSERT_TRUE(server.wait_received(0, 5));
  EXPECT_EQ(server.received(0), "hello");
  server.send(0, "world");
  const auto data = next_where([](const IpPacket& p) { return !p.payload().empty(); });
  ASSERT_TRUE(data);
  EXPECT_EQ(data->payload(), "world");
  EXPECT_EQ(data->dst(), kPeer);
  EXPECT_EQ(data->tcp_seq(), *server_seq);
  const auto flows = network->flows();
  ASSERT_EQ(flows.size(), 1u);
  EXPECT_EQ(flows[0].protocol, "TCP");
  EXPECT_EQ(flows[0].remote, "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_GT(flows[0].bytes_up, 5u);
  EXPECT_GT(flows[0].bytes_down, 5u);
}

TEST_F(PppNetworkTest, RoutedDestinationKeepsItsVirtualAddress) {
  TcpServer server;
  config.routes.push_back(
      *Route::parse("112.125.89.8:37076=127.0.0.1:" + std::to_string(server.port())));
  start();
  ASSERT_TRUE(handshake(kVirtual, 37076, 40002));  // the SYN-ACK comes from 112.125.89.8:37076
  ASSERT_TRUE(server.wait_connections(1));
  EXPECT_EQ(network->flows().at(0).real, "127.0.0.1:" + std::to_string(server.port()));
}

TEST_F(PppNetworkTest, DeniedDestinationGetsAResetAndNoConnection) {
  TcpServer server;
  std::string error;
  ASSERT_TRUE(config.filter.deny("127.0.0.0/8", error));
  start();
  send(IpPacket::tcp(kPeer, 40003, kLoopback, server.port(), 5000, 0, kTcpSyn));
  const auto rst = next_tcp(kTcpRst);
  ASSERT_TRUE(rst);
  EXPECT_EQ(rst->src(), kLoopback);
  EXPECT_EQ(rst->tcp_ack(), 5001u);
  EXPECT_TRUE(network->flows().empty());
  EXPECT_FALSE(server.wait_connections(1, milliseconds(200)));
}

std::string dns_query(const std::string& name) {
  std::string q;
  append16(q, 0x1234);
  append16(q, 0x0100);  // RD
  append16(q, 1);
  append16(q, 0);
  append32(q, 0);
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t dot = std::min(name.find('.', start), name.size());
    append8(q, static_cast<std::uint8_t>(dot - start));
    q += name.substr(start, dot - start);
    start = dot + 1;
  }
  append8(q, 0);
  append16(q, kDnsTypeA);
  append16(q, 1);
  return q;
}

TEST_F(PppNetworkTest, DnsIsAnsweredByTheModulesResolver) {
  config.add_host("server.test=127.0.0.1");
  start();
  send(IpPacket::udp(kPeer, 5353, kDns, 53, dns_query("server.test")));
  auto answer = next_udp();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->src(), kDns);
  EXPECT_EQ(answer->src_port(), 53);
  EXPECT_EQ(answer->dst_port(), 5353);
  const std::string_view a = answer->payload();
  EXPECT_EQ(get16(a, 0), 0x1234);
  EXPECT_EQ(get16(a, 2) & 0x800F, 0x8000);  // a response, NOERROR
  EXPECT_EQ(get16(a, 6), 1);                // one answer
  EXPECT_EQ(get32(a, a.size() - 4), kLoopback);
  // --dns static: an unknown name does not exist.
  send(IpPacket::udp(kPeer, 5353, kDns, 53, dns_query("nowhere.test")));
  answer = next_udp();
  ASSERT_TRUE(answer);
  EXPECT_EQ(get16(answer->payload(), 2) & 0x000F, kDnsNxDomain);
}

TEST_F(PppNetworkTest, UdpDatagramsGoOutAndRepliesComeBack) {
  UdpServer server(true);
  start();
  send(IpPacket::udp(kPeer, 6000, kLoopback, server.port(), "ping"));
  ASSERT_TRUE(server.wait_datagrams(1));
  const auto reply = next_udp();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->payload(), "ping");
  EXPECT_EQ(reply->src_port(), server.port());
  EXPECT_EQ(reply->dst_port(), 6000);
}

TEST_F(PppNetworkTest, IdleMappingVanishesWhileABusyOneStays) {
  UdpServer quiet(true);
  UdpServer busy(true);
  conditions.nat.udp_idle = seconds(120);
  start();
  send(IpPacket::udp(kPeer, 6001, kLoopback, quiet.port(), "q1"));
  ASSERT_TRUE(next_udp());
  const std::uint16_t first_port = quiet.last_sender_port();
  for (int i = 0; i < 5; ++i) {  // 150 s of emulated time; the busy flow talks every 30 s
    send(IpPacket::udp(kPeer, 6002, kLoopback, busy.port(), "b"));
    ASSERT_TRUE(next_udp());
    timers.advance(seconds(30));
  }
  ASSERT_EQ(network->flows().size(), 1u);
  EXPECT_EQ(network->flows()[0].remote, "127.0.0.1:" + std::to_string(busy.port()));
  // The server's late answer finds no mapping: lost in the carrier network.
  const auto dropped = network->dropped();
  quiet.send_to_last("late");
  EXPECT_TRUE(poll_until([&] { return network->dropped() > dropped; }));
  EXPECT_TRUE(received.empty());
  // The host talks again: a new mapping, which the server sees as a new source port.
  send(IpPacket::udp(kPeer, 6001, kLoopback, quiet.port(), "q2"));
  ASSERT_TRUE(quiet.wait_datagrams(2));
  EXPECT_NE(quiet.last_sender_port(), first_port);
}

TEST_F(PppNetworkTest, InjectedResetReachesBothEnds) {
  TcpServer server;
  start();
  ASSERT_TRUE(handshake(kLoopback, server.port(), 40004));
  ASSERT_TRUE(server.wait_connections(1));
  ASSERT_TRUE(network->fault(network->flows().at(0).id, FlowFault::Reset));
  const auto rst = next_tcp(kTcpRst);
  ASSERT_TRUE(rst);
  EXPECT_EQ(rst->tcp_ack(), 1001u);
  EXPECT_TRUE(network->flows().empty());
  EXPECT_TRUE(poll_until([&] { return server.wait_peer_closed(0, milliseconds(1)); }));
}

TEST_F(PppNetworkTest, ShapingDelaysDatagramsOnTheEmulatedClock) {
  UdpServer server;
  conditions.shaping.delay = milliseconds(300);
  start();
  send(IpPacket::udp(kPeer, 6003, kLoopback, server.port(), "late"));
  io.run_for(milliseconds(20));
  io.restart();
  EXPECT_TRUE(server.datagrams().empty());
  timers.advance(milliseconds(300));
  EXPECT_TRUE(server.wait_datagrams(1));
}

TEST_F(PppNetworkTest, ForwardedHostPortReachesThePeer) {
  start();
  const std::uint16_t port = testing::refused_port();
  std::string error;
  ASSERT_TRUE(network->add_forward(PortForward{Protocol::Tcp, "127.0.0.1", port, 8080}, error))
      << error;
  testing::TcpClient client(port);
  ASSERT_TRUE(client.connected());
  const auto syn = next_tcp(kTcpSyn);
  ASSERT_TRUE(syn);
  EXPECT_EQ(syn->dst(), kPeer);
  EXPECT_EQ(syn->dst_port(), 8080);
  EXPECT_EQ(network->flows().at(0).inbound, true);
}

TEST_F(PppNetworkTest, InjectedCloseSendsFinAndAnswersTheHostsFin) {
  TcpServer server;
  start();
  ASSERT_TRUE(handshake(kLoopback, server.port(), 40005));
  ASSERT_TRUE(server.wait_connections(1));
  ASSERT_TRUE(network->fault(network->flows().at(0).id, FlowFault::Close));
  const auto fin = next_tcp(kTcpFin);
  ASSERT_TRUE(fin);
  EXPECT_EQ(fin->tcp_ack(), 1001u);
  send(IpPacket::tcp(kPeer, 40005, kLoopback, server.port(), 1001, fin->tcp_seq() + 1,
                     kTcpFin | kTcpAck));
  const auto last_ack = next_tcp(kTcpAck);
  ASSERT_TRUE(last_ack);
  EXPECT_EQ(last_ack->tcp_ack(), 1002u);
  EXPECT_TRUE(network->flows().empty());
  EXPECT_TRUE(poll_until([&] { return server.wait_peer_closed(0, milliseconds(1)); }));
}

TEST_F(PppNetworkTest, BlackholedFlowLosesEverythingSilently) {
  UdpServer server(true);
  start();
  send(IpPacket::udp(kPeer, 6004, kLoopback, server.port(), "one"));
  ASSERT_TRUE(next_udp());
  ASSERT_TRUE(network->fault(network->flows().at(0).id, FlowFault::Blackhole));
  const auto dropped = network->dropped();
  server.send_to_last("lost");
  EXPECT_TRUE(poll_until([&] { return network->dropped() > dropped; }));
  EXPECT_TRUE(received.empty());
}

TEST_F(PppNetworkTest, RadioLossDropsPacketsAndPausedDownlinkWaits) {
  UdpServer server(true);
  conditions.shaping.loss = 1.0;
  start();
  send(IpPacket::udp(kPeer, 6005, kLoopback, server.port(), "gone"));
  EXPECT_FALSE(server.wait_datagrams(1, milliseconds(100)));
  conditions.shaping.loss = 0;
  network->set_downlink_paused(true);  // the pty toward the host is full
  send(IpPacket::udp(kPeer, 6005, kLoopback, server.port(), "echo"));
  ASSERT_TRUE(server.wait_datagrams(1));
  io.run_for(milliseconds(50));
  io.restart();
  EXPECT_TRUE(received.empty());
  network->set_downlink_paused(false);
  const auto reply = next_udp();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->payload(), "echo");
}

TEST_F(PppNetworkTest, TheHostCannotGrowTheNatTableWithoutBound) {
  start();
  for (std::uint16_t port = 1; port <= 300; ++port) {
    send(IpPacket::udp(kPeer, static_cast<std::uint16_t>(10000 + port), kLoopback, port, "x"));
  }
  EXPECT_TRUE(poll_until([&] { return network->flows().size() == 256; }));
  EXPECT_EQ(network->flows().size(), 256u);
}

}  // namespace
}  // namespace cellemu::net::ppp
