// S0 FAQ 3 on the manual clock: the carrier NAT forgets a link idle for 10 minutes; the module
// still says SEND OK and shows the link, the server gets nothing. Remedy a: AT+CIPTKA=1,180,75,6
// keeps the mapping (remedy b, the heartbeat, is in air780ep_heartbeat_test.cpp).
#include "tests/model/air780ep_test_util.h"
#include "tests/model/fault_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

// S0's trace: links 1 and 5 to the same server, ten bytes each, then 21 quiet minutes
// (13:55:53 -> 14:17:59) and the same sends again.
void s0_links_and_first_sends(Transcript& t, TcpServer& server) {
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=1,TCP,domain.aaa.bbb,12345\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  await_connections(t, server, 1);
  t.exchange("AT+CIPSTART=5,TCP,domain.aaa.bbb,12345\r", "\r\nOK\r\n\r\n5, CONNECT OK\r\n");
  await_connections(t, server, 2);
  t.exchange("AT+CIPSEND=1,10\r", "\r\n> ");
  t.exchange("0123456789", "\r\n1, SEND OK\r\n");
  t.exchange("AT+CIPSEND=5,10\r", "\r\n> ");
  t.exchange("9876543210", "\r\n5, SEND OK\r\n");
  await_received(t, server, 0, 10);
  await_received(t, server, 1, 10);
}

void s0_second_sends(Transcript& t) {
  t.exchange("AT+CIPSEND=1,10\r", "\r\n> ");
  t.exchange("0123456789", "\r\n1, SEND OK\r\n");
  t.exchange("AT+CIPSEND=5,10\r", "\r\n> ");
  t.exchange("9876543210", "\r\n5, SEND OK\r\n");
}

// The name resolves (module DNS) to an address of the emulator's choosing, routed to `port`.
NetView s0_server(std::uint16_t port) {
  return NetView{{{"domain.aaa.bbb:12345", port}}, {"domain.aaa.bbb=47.104.12.9"}};
}

TEST(Air780epNat, Faq3SendOkButTheServerNeverGotIt) {
  TcpServer server;
  Transcript t(options(s0_server(server.port())));
  s0_links_and_first_sends(t, server);
  t.advance(22min);
  t.exchange("AT+CIPSTATUS=1\r",
             "\r\n+CIPSTATUS: 1,0,\"TCP\",\"47.104.12.9\",\"12345\",\"CONNECTED\"\r\n\r\nOK\r\n");
  s0_second_sends(t);
  EXPECT_FALSE(server.wait_received(0, 20, 200ms));
  EXPECT_EQ(server.received(1).size(), 10u);
  server.send(0, "reply");  // downlink is gone as well
  EXPECT_FALSE(t.poll_until([&] { return !t.channel->output().empty(); }, 200ms));
  EXPECT_EQ(status(t)["links"][0]["nat_lost"], true);
}

TEST(Air780epNat, Faq3RemedyKeepaliveProbes) {
  TcpServer server;
  Transcript t(options(s0_server(server.port())));
  t.exchange("AT+CIPTKA=1,180,75,6\r", "\r\nOK\r\n");
  s0_links_and_first_sends(t, server);
  t.advance(22min);
  s0_second_sends(t);  // "1,5 这两个链接时隔21分钟再次发送数据,仍然能收到数据"
  await_received(t, server, 0, 20);
  await_received(t, server, 1, 20);
  EXPECT_EQ(server.received(0), "01234567890123456789");
  EXPECT_EQ(server.received(1), "98765432109876543210");
}

TEST(Air780epNat, KeepaliveSlowerThanTheNatDoesNotHelp) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPTKA=1\r", "\r\nOK\r\n");  // idle 7200 s: the first probe comes too late
  connected_multi(t, server, 0, {0});
  t.advance(10min);
  EXPECT_EQ(status(t)["links"][0]["nat_lost"], true);
}

TEST(Air780epNat, KeepaliveAppliesOnlyToLinksOpenedAfterwards) {  // LM CIPTKA.md, S0 order
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPTKA=1,180,75,6\r", "\r\nOK\r\n");
  connect_multi(t, server, 1, 1);
  t.advance(10min);
  const auto links = status(t)["links"];
  EXPECT_EQ(links[0]["nat_lost"], true);
  EXPECT_EQ(links[1]["nat_lost"], false);
}

TEST(Air780epNat, TrafficResetsTheIdleTimer) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.advance(9min);
  server.send(0, "tick");
  t.expect("tick\r\n");
  t.advance(9min);
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("tock", "\r\nSEND OK\r\n");
  await_received(t, server, 0, 4);
}

TEST(Air780epNat, IdleTimeoutIsAFault) {
  TcpServer server;
  Transcript t = routed_modem(server);
  inject(t, "nat-idle 30s");
  connected_single(t, server, 0);
  t.advance(30s);
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("lost", "\r\nSEND OK\r\n");
  EXPECT_FALSE(server.wait_received(0, 1, 200ms));
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
}

TEST(Air780epNat, IdleTimeoutChangedLiveReachesOpenLinks) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.advance(10s);
  inject(t, "nat-idle 30s");
  t.advance(19s);
  EXPECT_EQ(status(t)["links"][0]["nat_lost"], false);
  t.advance(1s);  // 30 s after the connect, the last traffic
  EXPECT_EQ(status(t)["links"][0]["nat_lost"], true);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
