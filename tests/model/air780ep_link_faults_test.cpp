// Faults of the network behind the links as the Air780EP reports them: DNS, connect, peer close
// and reset, blackhole, reset after N bytes, latency, jitter, loss and rate limits (air780ep.md
// §4.5, §4.13, §4.15; OQ-17).
#include "tests/model/air780ep_test_util.h"
#include "tests/model/fault_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

// iot.example resolves (module DNS) to 10.9.9.9, whose port 80 is the loopback server.
NetView named_server(std::uint16_t port) {
  return NetView{{{"10.9.9.9:80", port}, {"112.125.89.8:37076", port}}, {"iot.example=10.9.9.9"}};
}

TEST(Air780epLinkFaults, DnsFailure) {  // H-013, S0 error case 7
  TcpServer server;
  Transcript t(options(named_server(server.port())));
  bring_up(t);
  inject(t, "dns fail");
  t.exchange("AT+CIPSTART=\"TCP\",\"iot.example\",80\r",
             "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
  t.exchange("AT+CDNSGIP=iot.example\r", "\r\nOK\r\n\r\n+CDNSGIP: 0,10\r\n");
  connect_single(t, server);  // an address needs no DNS
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  inject(t, "dns ok");
  t.exchange("AT+CDNSGIP=iot.example\r",
             "\r\nOK\r\n\r\n+CDNSGIP: 1,\"iot.example\",\"10.9.9.9\"\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"iot.example\",80\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
}

TEST(Air780epLinkFaults, DnsFailureInMultiLinkMode) {
  TcpServer server;
  Transcript t(options(named_server(server.port())));
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  inject(t, "dns fail");
  t.exchange("AT+CIPSTART=2,TCP,iot.example,80\r", "\r\nOK\r\n\r\n2, CONNECT FAIL\r\n");
  t.exchange("AT+CIPSTATUS=2\r", "\r\n+CIPSTATUS: 2,,\"\",\"\",\"\",\"INITIAL\"\r\n\r\nOK\r\n");
}

TEST(Air780epLinkFaults, ConnectRefused) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  inject(t, "connect refuse");
  t.exchange("AT+CIPSTART=1,\"TCP\",\"60.166.12.210\",7500\r", "\r\nOK\r\n\r\n1, CONNECT FAIL\r\n");
  EXPECT_EQ(server.connections(), 0u);
  inject(t, "connect ok");
  connect_multi(t, server, 1, 0);
}

TEST(Air780epLinkFaults, ConnectTimingOutWaitsForever) {  // MH: no CONNECT FAIL of its own
  TcpServer server;
  Transcript t = routed_modem(server);
  bring_up(t);
  inject(t, "connect timeout");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n");
  t.advance(1h);
  t.expect_quiet();
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CONNECTING\r\n");
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");  // abandons the attempt (§4.8)
  t.advance(1h);
  t.expect_quiet();
}

TEST(Air780epLinkFaults, ConnectTimingOutWithAConnectTimeout) {  // --connect-timeout 75
  TcpServer server;
  auto o = options(routed_to(server.port()));
  auto routes = o.net;
  o.net = [routes](net::NetConfig& n) {
    routes(n);
    n.connect_timeout = std::chrono::seconds(75);
  };
  Transcript t(o);
  bring_up(t);
  inject(t, "connect timeout");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n");
  t.advance(74s);
  t.expect_quiet();
  t.advance(1s);
  t.expect("\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
}

TEST(Air780epLinkFaults, PeerCloseResetAndBlackholeOnLinkIds) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0, 1, 2});
  inject(t, "link 0 close");
  t.expect("\r\n0, CLOSED\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  inject(t, "link 1 reset");
  t.expect("\r\n1, CLOSED\r\n");
  EXPECT_TRUE(server.wait_peer_closed(1));
  inject(t, "link 2 blackhole");  // nothing on the line: the module keeps reporting the link
  t.expect_quiet();
  t.exchange("AT+CIPSTATUS=2\r",
             "\r\n+CIPSTATUS: 2,0,\"TCP\",\"60.166.12.210\",\"7500\",\"CONNECTED\"\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSEND=2,4\r", "\r\n> ");
  t.exchange("lost", "\r\n2, SEND OK\r\n");
  server.send(2, "never");
  EXPECT_FALSE(server.wait_received(2, 1, 200ms));
  t.expect_quiet();
  EXPECT_EQ(status(t)["links"][2]["nat_lost"], true);
  EXPECT_FALSE(fault(t, "link 0 close")["ok"]);  // already closed
}

TEST(Air780epLinkFaults, PeerResetOnTheSingleLink) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  inject(t, "link 0 reset");
  t.expect("\r\nCLOSED\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
}

TEST(Air780epLinkFaults, ResetAfterBytes) {
  TcpServer server;
  Transcript t = routed_modem(server);
  inject(t, "reset-after 10");
  connected_single(t, server, 0);
  t.exchange("AT+CIPSEND=6\r", "\r\n> ");
  t.exchange("123456", "\r\nSEND OK\r\n");
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("7890", "\r\nSEND OK\r\n\r\nCLOSED\r\n");  // the result first, then the reset
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epLinkFaults, DelayHoldsBothDirections) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  inject(t, "net delay 300");
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("ping", "\r\nSEND OK\r\n");  // accepted by the module at once
  EXPECT_FALSE(server.wait_received(0, 4, 50ms));
  t.advance(300ms);
  await_received(t, server, 0, 4);
  server.send(0, "pong");
  ASSERT_TRUE(t.poll_until([&] { return model(t).link_by_id(0)->bytes_received() == 4; }));
  t.expect_quiet();
  t.advance(299ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("pong\r\n");
  inject(t, "net clear");
  server.send(0, "fast");
  t.expect("fast\r\n");
}

TEST(Air780epLinkFaults, JitterSpreadsTheDelay) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  inject(t, "net delay 100");
  inject(t, "net jitter 50");
  t.exchange("AT+CIPSEND=1\r", "\r\n> ");
  t.exchange("j", "\r\nSEND OK\r\n");
  t.advance(49ms);
  EXPECT_FALSE(server.wait_received(0, 1, 50ms));
  t.advance(101ms);
  await_received(t, server, 0, 1);
}

TEST(Air780epLinkFaults, RateLimitSerialisesTheBytes) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  inject(t, "net rate 100");  // bytes per second
  t.exchange("AT+CIPSEND=100\r", "\r\n> ");
  t.exchange(std::string(100, 'r'), "\r\nSEND OK\r\n");
  t.advance(999ms);
  EXPECT_FALSE(server.wait_received(0, 1, 50ms));
  t.advance(1ms);
  await_received(t, server, 0, 100);
}

TEST(Air780epLinkFaults, LossDropsUdpDatagrams) {
  UdpServer server;
  Transcript t(options({{{"112.125.89.8:45214", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"UDP\",\"112.125.89.8\",45214\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  inject(t, "net loss 100");
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("gone", "\r\nSEND OK\r\n");  // UDP: the module cannot know
  t.advance(10s);
  EXPECT_FALSE(server.wait_datagrams(1, 100ms));
  inject(t, "net loss 0");
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("here", "\r\nSEND OK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.datagrams().size() == 1; }));
  EXPECT_EQ(server.datagrams()[0], "here");
}

TEST(Air780epLinkFaults, LossOnTcpCostsARetransmission) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  inject(t, "net loss 100");
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("late", "\r\nSEND OK\r\n");
  t.advance(999ms);
  EXPECT_FALSE(server.wait_received(0, 1, 50ms));
  t.advance(1ms);
  await_received(t, server, 0, 4);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
