// Conformance cases of section E (close, shut, status) of ../shared/spec/conformance-cases.md.
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epCloseStatus, E001_CloseSingleTcp) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epCloseStatus, E002_CloseSingleUdp) {
  UdpServer server;
  Transcript t(options({{{"112.125.89.8:45214", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"UDP\",\"112.125.89.8\",45214\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: UDP CLOSED\r\n");
}

TEST(Air780epCloseStatus, E003_ShutThenNoAddress) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIFSR\r", "\r\n+CME ERROR: 3\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epCloseStatus, E003_ShutAfterTheRealProfileDelay) {
  Transcript t(options({}, [](models::Profile& p) {
    p.timing = models::Timing::fast();
    p.timing.shut = 100ms;
  }));
  t.send("AT+CIPSHUT\r");
  t.advance(99ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("\r\nSHUT OK\r\n");
}

TEST(Air780epCloseStatus, E004_QuickCloseMulti) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPCLOSE=0,1\r", "\r\n0, CLOSE OK\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epCloseStatus, E005_CloseALinkThatIsAlreadyClosed) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  server.close(0);
  t.expect("\r\n0, CLOSED\r\n");
  t.exchange("AT+CIPCLOSE=0\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epCloseStatus, E006_ExecCloseInMultiMode) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPCLOSE\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epCloseStatus, E007_ShutKeepsCipmux) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 1, {0, 3});
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIPMUX?\r", "\r\n+CIPMUX: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CIPQSEND?\r", "\r\n+CIPQSEND: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n\r\n" + kInitialRows);
}

TEST(Air780epCloseStatus, E008_MultiStatusTable) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {1, 2});
  t.exchange("AT+CIPSTATUS\r",
             "\r\nOK\r\n\r\nSTATE: IP PROCESSING\r\n\r\nC: 0,,\"\",\"\",\"\",\"INITIAL\"\r\n"
             "C: 1,0,\"TCP\",\"60.166.12.210\",\"7500\",\"CONNECTED\"\r\n"
             "C: 2,0,\"TCP\",\"60.166.12.210\",\"7500\",\"CONNECTED\"\r\n"
             "C: 3,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 4,,\"\",\"\",\"\",\"INITIAL\"\r\n"
             "C: 5,,\"\",\"\",\"\",\"INITIAL\"\r\n");
}

TEST(Air780epCloseStatus, E008_BackToIpStatusWhenNoLinkIsOpen) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0});
  t.exchange("AT+CIPCLOSE=0\r", "\r\n0, CLOSE OK\r\n");
  t.exchange("AT+CIPSTATUS\r",
             "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n\r\n"
             "C: 0,0,\"TCP\",\"60.166.12.210\",\"7500\",\"CLOSED\"\r\n" +
                 kInitialRows.substr(kInitialRows.find("C: 1")));
}

TEST(Air780epCloseStatus, E009_PerLinkStatus) {  // [I] OQ-25
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {1});
  t.exchange("AT+CIPSTATUS=1\r",
             "\r\n+CIPSTATUS: 1,0,\"TCP\",\"60.166.12.210\",\"7500\",\"CONNECTED\"\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS=0\r", "\r\n+CIPSTATUS: 0,,\"\",\"\",\"\",\"INITIAL\"\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS=6\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epCloseStatus, E009_KeyedFormIsMultiOnly) {
  Transcript t(options());
  t.exchange("AT+CIPSTATUS=0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTATUS=?\r", "\r\nOK\r\n");
}

TEST(Air780epCloseStatus, E010_MultiConnect) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=4,\"TCP\",\"60.166.12.210\",7500\r", "\r\nOK\r\n\r\n4, CONNECT OK\r\n");
}

TEST(Air780epCloseStatus, E011_MultiConnectOnAHeldLink) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {4});
  t.exchange("AT+CIPSTART=4,\"TCP\",\"60.166.12.210\",7500\r",
             "\r\n+CME ERROR: 65535\r\n\r\n4, ALREADY CONNECT\r\n");
}

TEST(Air780epCloseStatus, E011_ConnectingLinkIsHeldToo) {  // MH
  SilentServer server;
  Transcript t(options({{{"192.0.2.1:80", server.port()}}}));
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=0,\"TCP\",\"192.0.2.1\",80\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=0,\"TCP\",\"192.0.2.1\",80\r",
             "\r\n+CME ERROR: 65535\r\n\r\n0, ALREADY CONNECT\r\n");
}

TEST(Air780epCloseStatus, E012_MultiConnectFailure) {
  Transcript t(options());
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=2,\"TCP\",\"no.such.host.invalid\",80\r",
             "\r\nOK\r\n\r\n2, CONNECT FAIL\r\n");
  t.exchange("AT+CIPSTATUS=2\r", "\r\n+CIPSTATUS: 2,,\"\",\"\",\"\",\"INITIAL\"\r\n\r\nOK\r\n");
}

TEST(Air780epCloseStatus, E012_RefusedPortFailsToo) {
  Transcript t(options({{{"60.166.12.210:7500", refused_port()}}}));
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=3,\"TCP\",\"60.166.12.210\",7500\r", "\r\nOK\r\n\r\n3, CONNECT FAIL\r\n");
}

TEST(Air780epCloseStatus, E013_LinkIdOutOfRange) {  // [I] OQ-22
  Transcript t(options());
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=6,\"TCP\",\"60.166.12.210\",7500\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epCloseStatus, E013_EightLinksKnob) {  // OQ-22 knob max_links=8
  TcpServer server;
  Transcript t = routed_modem(server, [](models::Profile& p) { p.max_links = 8; });
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=7,\"TCP\",\"60.166.12.210\",7500\r", "\r\nOK\r\n\r\n7, CONNECT OK\r\n");
  t.exchange("AT+CIPSTART=8,\"TCP\",\"60.166.12.210\",7500\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSEND=?\r", "\r\n+CIPSEND: (0-7),1460\r\n\r\nOK\r\n");
}

TEST(Air780epCloseStatus, ClosingAConnectingLinkSuppressesItsOutcome) {  // §4.8
  TcpServer server;
  Transcript t = routed_modem(server, [](models::Profile& p) {
    p.timing = models::Timing::fast();
    p.timing.connect = 100ms;  // keeps the link CONNECTING on the manual clock
  });
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n");
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  t.advance(200ms);
  t.poll_until([] { return false; }, 100ms);
  t.expect_quiet();
  EXPECT_EQ(server.connections(), 0u);
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
}

TEST(Air780epCloseStatus, ClosingAConnectingSocketSuppressesItsOutcome) {
  SilentServer server;
  Transcript t(options({{{"192.0.2.1:80", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"192.0.2.1\",80\r", "\r\nOK\r\n");
  t.exchange("AT+CIPCLOSE=1\r", "\r\nCLOSE OK\r\n");
  t.poll_until([] { return false; }, 100ms);
  t.expect_quiet();
}

TEST(Air780epCloseStatus, ReconnectAfterCloseResetsTheCounters) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND=3\r", "\r\n> ");
  t.exchange("abc", "\r\nDATA ACCEPT:3\r\n");
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  connect_single(t, server, 1);
  t.exchange("AT+CIPACK\r", "\r\n+CIPACK: 0,0,0\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
