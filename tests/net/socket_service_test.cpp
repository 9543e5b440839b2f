// The vendor-neutral socket layer against real loopback peers.
#include "net/socket_service.h"

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::net {
namespace {
using testing::TcpServer;
using testing::UdpServer;

struct ServiceRecorder : LinkHandler {
  void on_connected(Link&) override { events += "connected;"; }
  void on_connect_failed(Link&, NetError e) override {
    events += "failed:" + std::string(describe(e)) + ";";
  }
  void on_data(Link& link, std::string_view chunk, const std::string& ip,
               std::uint16_t port) override {
    max_chunk = std::max(max_chunk, chunk.size());
    data += chunk;
    from = ip + ":" + std::to_string(port);
    if (pause_after && data.size() >= pause_after) link.pause_reading();
  }
  void on_closed(Link&, NetError e) override {
    events += "closed:" + std::string(describe(e)) + ";";
  }
  bool on_accepted(Link&, std::shared_ptr<Link> c) override {
    accepted.push_back(c);
    c->set_handler(this);
    return true;
  }
  std::string events, data, from;
  std::size_t max_chunk = 0;
  std::size_t pause_after = 0;
  std::vector<std::shared_ptr<Link>> accepted;
};

class SocketServiceTest : public ::testing::Test {
 protected:
  SocketServiceTest() { config.dns = NetConfig::DnsMode::Static; }
  bool poll_until(const std::function<bool()>& done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io.run_for(std::chrono::milliseconds(5));
      io.restart();
    }
    return true;
  }
  core::ManualTimerService timers;  // outlives the io_context (see ConditionsTest)
  boost::asio::io_context io;
  NetConfig config;
  ServiceRecorder rec;
};

TEST_F(SocketServiceTest, RoutedTcpLinkReportsTheVirtualPeer) {
  TcpServer server;
  config.routes.push_back(
      *Route::parse("112.125.89.8:37076=127.0.0.1:" + std::to_string(server.port())));
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Tcp, "112.125.89.8", 37076}, rec);
  link->set_chunk_size(1460);  // the owner's chunking policy (models: ModuleSocket)
  EXPECT_EQ(rec.events, "");   // never synchronous
  ASSERT_TRUE(poll_until([&] { return rec.events == "connected;"; })) << rec.events;
  EXPECT_EQ(link->remote_ip(), "112.125.89.8");
  ASSERT_TRUE(server.wait_connections(1));
  link->send("hello");
  ASSERT_TRUE(poll_until([&] { return server.received(0).size() == 5; }));
  EXPECT_EQ(server.received(0), "hello");
  server.send(0, std::string(5000, 'x'));
  ASSERT_TRUE(poll_until([&] { return rec.data.size() == 5000; }));
  EXPECT_LE(rec.max_chunk, 1460u);
  EXPECT_EQ(rec.from, "112.125.89.8:37076");
  server.close(0);
  ASSERT_TRUE(poll_until([&] { return rec.events.find("closed") != std::string::npos; }));
  EXPECT_EQ(rec.events, "connected;closed:closed by peer;");
}

TEST_F(SocketServiceTest, HostsTableNameConnects) {
  TcpServer server;
  config.add_host("tcplab.openluat.com=127.0.0.1");
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Tcp, "TCPLAB.openluat.com", server.port()}, rec);
  ASSERT_TRUE(poll_until([&] { return !rec.events.empty(); }));
  EXPECT_EQ(rec.events, "connected;");
  EXPECT_EQ(link->remote_ip(), "127.0.0.1");
}

TEST_F(SocketServiceTest, RefusedAndUnresolvable) {
  SocketService sockets(io, timers, config);
  auto refused = sockets.open({Protocol::Tcp, "127.0.0.1", testing::refused_port()}, rec);
  ASSERT_TRUE(poll_until([&] { return !rec.events.empty(); }));
  EXPECT_EQ(rec.events, "failed:connection refused;");
  ServiceRecorder other;
  auto unknown = sockets.open({Protocol::Tcp, "no.such.host.invalid", 80}, other);
  ASSERT_TRUE(poll_until([&] { return !other.events.empty(); }));
  EXPECT_EQ(other.events, "failed:name does not resolve;");
  ServiceRecorder curly;  // S0: host in Chinese quotes
  auto bad = sockets.open({Protocol::Tcp,
                           "\xE2\x80\x9D"
                           "112.125.89.8\xE2\x80\x9C",
                           1},
                          curly);
  ASSERT_TRUE(poll_until([&] { return !curly.events.empty(); }));
  EXPECT_EQ(curly.events, "failed:name does not resolve;");
}

TEST_F(SocketServiceTest, DeniedDestinationNeverSeesAConnection) {
  TcpServer server;
  std::string error;
  ASSERT_TRUE(config.filter.deny("127.0.0.0/8", error));
  config.add_host("sneaky.example=127.0.0.1");  // a name cannot smuggle the address in
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Tcp, "sneaky.example", server.port()}, rec);
  ASSERT_TRUE(poll_until([&] { return !rec.events.empty(); }));
  EXPECT_EQ(rec.events, "failed:destination not allowed;");
  EXPECT_EQ(server.connections(), 0u);
}

TEST_F(SocketServiceTest, SystemResolverFindsLocalhost) {
  TcpServer server;
  config.dns = NetConfig::DnsMode::System;
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Tcp, "localhost", server.port()}, rec);
  ASSERT_TRUE(poll_until([&] { return !rec.events.empty(); }));
  EXPECT_EQ(rec.events, "connected;");
}

TEST_F(SocketServiceTest, DnsThatHangsTimesOutOnTheInjectedClock) {
  config.dns = NetConfig::DnsMode::System;
  SocketService sockets(io, timers, config);
  sockets.resolver().set_host_lookup([](const std::string&, Resolver::Callback) {});
  auto link = sockets.open({Protocol::Tcp, "slow.example", 80}, rec);
  io.run_for(std::chrono::milliseconds(20));
  io.restart();
  EXPECT_EQ(rec.events, "");
  timers.advance(config.dns_timeout);
  ASSERT_TRUE(poll_until([&] { return !rec.events.empty(); }));
  EXPECT_EQ(rec.events, "failed:DNS timed out;");
}

TEST_F(SocketServiceTest, PeerReset) {
  TcpServer server;
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Tcp, "127.0.0.1", server.port()}, rec);
  ASSERT_TRUE(poll_until([&] { return rec.events == "connected;"; }));
  ASSERT_TRUE(server.wait_connections(1));
  server.reset(0);
  ASSERT_TRUE(poll_until([&] { return rec.events.find("closed") != std::string::npos; }));
  EXPECT_EQ(rec.events, "connected;closed:reset by peer;");
}

TEST_F(SocketServiceTest, PausedLinkStopsReadingAndLosesNothing) {
  TcpServer server;
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Tcp, "127.0.0.1", server.port()}, rec);
  ASSERT_TRUE(poll_until([&] { return rec.events == "connected;"; }));
  ASSERT_TRUE(server.wait_connections(1));
  rec.pause_after = 1;
  std::string payload;
  for (int i = 0; i < 4 * 1024 * 1024; ++i) payload += static_cast<char>('a' + i % 26);
  server.send(0, payload);
  ASSERT_TRUE(poll_until([&] { return link->reading_paused(); }));
  io.run_for(std::chrono::milliseconds(50));
  io.restart();
  EXPECT_LT(rec.data.size(), payload.size());  // the rest waits in the kernels, not in memory
  rec.pause_after = 0;
  link->resume_reading();
  ASSERT_TRUE(poll_until([&] { return rec.data.size() == payload.size(); }));
  EXPECT_EQ(rec.data, payload);
}

TEST_F(SocketServiceTest, AckedOnceThePeerHasEverything) {
  TcpServer server;
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Tcp, "127.0.0.1", server.port()}, rec);
  ASSERT_TRUE(poll_until([&] { return rec.events == "connected;"; }));
  link->send(std::string(100000, 'z'));
  bool acked = false;
  link->when_acked([&](bool ok) { acked = ok; });
  ASSERT_TRUE(poll_until([&] { return acked; }));
  EXPECT_EQ(link->bytes_sent(), 100000u);
  EXPECT_EQ(link->bytes_acked(), 100000u);
}

TEST_F(SocketServiceTest, UdpLinkConnectsAtOnceAndEchoes) {
  UdpServer server(true);
  SocketService sockets(io, timers, config);
  auto link = sockets.open({Protocol::Udp, "127.0.0.1", server.port()}, rec);
  ASSERT_TRUE(poll_until([&] { return rec.events == "connected;"; }));
  link->send("ping");
  link->send("pong!");
  ASSERT_TRUE(poll_until([&] { return server.datagrams().size() == 2; }));
  EXPECT_EQ(server.datagrams(), (std::vector<std::string>{"ping", "pong!"}));
  ASSERT_TRUE(poll_until([&] { return rec.data == "pingpong!"; }));
}

TEST_F(SocketServiceTest, TcpListenerAcceptsTwoClients) {
  SocketService sockets(io, timers, config);
  std::optional<NetError> error;
  auto listener = sockets.listen({Protocol::Tcp, "", 0, 0}, rec, error);
  ASSERT_FALSE(error);
  ASSERT_NE(listener->bound_port(), 0);
  testing::TcpClient a(listener->bound_port());
  testing::TcpClient b(listener->bound_port());
  ASSERT_TRUE(poll_until([&] { return rec.accepted.size() == 2; }));
  a.send("from a");
  ASSERT_TRUE(poll_until([&] { return rec.data == "from a"; }));
  rec.accepted[1]->send("to b");
  io.poll();
  EXPECT_EQ(b.read_exact(4), "to b");
}

TEST_F(SocketServiceTest, UdpServiceRepliesToTheLastSender) {
  SocketService sockets(io, timers, config);
  std::optional<NetError> error;
  auto service = sockets.listen({Protocol::Udp, "", 0, 0}, rec, error);
  ASSERT_FALSE(error);
  UdpServer peer;  // used as a client: sends, then receives the reply
  config.routes.push_back(
      *Route::parse("10.0.0.9=127.0.0.1:" + std::to_string(service->bound_port())));
  ServiceRecorder client_rec;
  auto client = sockets.open({Protocol::Udp, "10.0.0.9", 5000}, client_rec);
  ASSERT_TRUE(poll_until([&] { return client_rec.events == "connected;"; }));
  client->send("hello service");
  ASSERT_TRUE(poll_until([&] { return rec.data == "hello service"; }));
  service->send("reply");
  ASSERT_TRUE(poll_until([&] { return client_rec.data == "reply"; }));
}

}  // namespace
}  // namespace cellemu::net
