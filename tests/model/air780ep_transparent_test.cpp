// Conformance cases of section G (transparent mode) of ../shared/spec/conformance-cases.md and
// the CIPCCFG packetisation, kept downlink and ATO rules of air780ep.md §7.
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

// G-001: CIPMODE=1 in IP INITIAL, then CIPSTART answers OK and CONNECT and data mode begins.
void enter(Transcript& t, TcpServer& server) {
  t.exchange("AT+CIPMODE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT\r\n");
  await_connections(t, server, 1);
}

// The "+++" escape with its guard times (LM +++.md): 1 s before, 0.5 s after.
void escape(Transcript& t) {
  t.advance(1s);
  t.send("+++");
  t.advance(500ms);
  t.expect("\r\nOK\r\n");
}

TEST(Air780epTransparent, G001_Enter) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
}

TEST(Air780epTransparent, G002_DataBothWaysNoEchoNoFraming) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("ATE1\r", "\r\nOK\r\n");
  t.take();
  t.send("AT+CIPMODE=1\r");
  t.expect("AT+CIPMODE=1\r\r\nOK\r\n");
  t.send("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r");
  t.expect("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r\r\nOK\r\n\r\nCONNECT\r\n");
  await_connections(t, server, 1);
  t.send("ABCDEFG\r\n");
  t.expect_quiet();
  t.advance(200ms);  // CIPCCFG WaitTm 2 x 100 ms
  await_received(t, server, 0, 9);
  EXPECT_EQ(server.received(0), "ABCDEFG\r\n");
  server.send(0, "1234567890");
  t.expect("1234567890");
}

TEST(Air780epTransparent, G003_AtTextIsData) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  t.send("AT+CSTT\r\n");
  t.advance(200ms);
  t.expect_quiet();
  await_received(t, server, 0, 9);
  EXPECT_EQ(server.received(0), "AT+CSTT\r\n");
}

TEST(Air780epTransparent, G004_Escape) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  t.advance(1s);
  t.send("+++");
  t.advance(499ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
  EXPECT_EQ(server.received(0), "");
}

TEST(Air780epTransparent, G005_EscapeWithTrailingCrIsData) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  t.advance(1s);
  t.send("+++\r\n");
  t.advance(1s);
  t.expect_quiet();
  await_received(t, server, 0, 5);
  EXPECT_EQ(server.received(0), "+++\r\n");
}

TEST(Air780epTransparent, G006_BackToDataMode) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  escape(t);
  t.exchange("ATO\r", "\r\nCONNECT\r\n");
  t.send("after");
  t.advance(200ms);
  await_received(t, server, 0, 5);
  EXPECT_EQ(server.received(0), "after");
}

TEST(Air780epTransparent, G007_CloseAfterEscape) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  escape(t);
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
  t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epTransparent, G008_AtoWithNothingToResume) {
  Transcript t(options());
  t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
}

TEST(Air780epTransparent, G009_PeerCloseWhileInDataMode) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  server.send(0, "last");
  server.close(0);
  t.expect("last\r\nCLOSED\r\n");
  t.exchange("AT\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
}

TEST(Air780epTransparent, PeerCloseInCommandModeIsAUrc) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  escape(t);
  server.close(0);
  t.expect("\r\nCLOSED\r\n");
  t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
}

TEST(Air780epTransparent, DownlinkInCommandModeWaitsForAto) {  // [I] OQ-36
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  escape(t);
  server.send(0, "kept for later");
  ASSERT_TRUE(
      t.poll_until([&] { return model(t).stack().slot(0).link()->bytes_received() == 14; }));
  t.expect_quiet();
  t.exchange("ATO\r", "\r\nCONNECT\r\nkept for later");
  server.send(0, "live");
  t.expect("live");
}

TEST(Air780epTransparent, KeptDownlinkIsDroppedByClose) {  // [I] OQ-36
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  escape(t);
  server.send(0, "dropped");
  ASSERT_TRUE(t.poll_until([&] { return model(t).stack().slot(0).link()->bytes_received() == 7; }));
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT\r\n");
  await_connections(t, server, 2);
  t.poll_until([] { return false; }, 50ms);
  t.expect_quiet();  // "dropped" is gone
}

TEST(Air780epTransparent, UplinkTypedBeforeTheEscapeStillGoesOut) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  t.exchange("AT+CIPMODE?\r", "");  // data, not a command
  escape(t);
  await_received(t, server, 0, 12);
  EXPECT_EQ(server.received(0), "AT+CIPMODE?\r");
}

TEST(Air780epTransparent, CipsendInTransparentModeIsNotAllowed) {  // [I] OQ-37
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  escape(t);
  t.exchange("AT+CIPSEND\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSEND=5\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epTransparent, ShutInCommandModeEndsEverything) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  escape(t);
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIPMODE?\r", "\r\n+CIPMODE: 1\r\n\r\nOK\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epTransparent, CipccfgSendSizeAndWaitTime) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMODE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPCCFG=5,5,4,0\r", "\r\nOK\r\n");
  t.exchange("AT+CIPCCFG?\r", "\r\n+CIPCCFG: 5,5,4,0,0,1460,50,0\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT\r\n");
  await_connections(t, server, 1);
  t.send("abcdefghij");
  await_received(t, server, 0, 8);  // two full packets go at once
  t.advance(499ms);
  t.poll_until([] { return false; }, 50ms);
  EXPECT_EQ(server.received(0), "abcdefgh");
  t.advance(1ms);  // WaitTm 5 x 100 ms of silence
  await_received(t, server, 0, 10);
  EXPECT_EQ(server.received(0), "abcdefghij");
}

TEST(Air780epTransparent, UdpSendsOneDatagramPerPacket) {
  UdpServer server;
  Transcript t(options({{{"112.125.89.8:45214", server.port()}}}));
  t.exchange("AT+CIPMODE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPCCFG=5,2,3,0\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"UDP\",\"112.125.89.8\",45214\r", "\r\nOK\r\n\r\nCONNECT\r\n");
  t.send("1234567");
  t.advance(200ms);
  ASSERT_TRUE(t.poll_until([&] { return server.datagrams().size() >= 3; }));
  EXPECT_EQ(server.datagrams(), (std::vector<std::string>{"123", "456", "7"}));
}

TEST(Air780epTransparent, CipccfgForms) {
  Transcript t(options());
  t.exchange("AT+CIPCCFG?\r", "\r\n+CIPCCFG: 5,2,1024,0,0,1460,50,0\r\n\r\nOK\r\n");  // OQ-15
  t.exchange("AT+CIPCCFG=?\r",
             "\r\n+CIPCCFG: (NmRetry:3-8),(WaitTm:2-10),(SendSz:1-1460),(esc:0,1),(Rxmode:0,1),"
             "(RxSize:50-1460),(Rxtimer:20-1000),(BufClean:0,1)\r\n\r\nOK\r\n");
  t.exchange("AT+CIPCCFG=5,2,512,0\r", "\r\n+CME ERROR: 3\r\n");  // CIPMODE=0
  t.exchange("AT+CIPMODE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPCCFG=5,2,1461,0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPCCFG=3,10,1460,1,1,50,20,1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPCCFG?\r", "\r\n+CIPCCFG: 3,10,1460,1,1,50,20,1\r\n\r\nOK\r\n");
  t.exchange("AT+CIPMODE=?\r", "\r\n+CIPMODE: (0-NORMAL MODE,1-TRANSPARENT MODE)\r\n\r\nOK\r\n");
}

TEST(Air780epTransparent, BusySocketPausesTheSerialLine) {
  TcpServer server;
  Transcript t = routed_modem(server);
  enter(t, server);
  server.pause_reading(0, true);
  const std::string block(256 * 1024, 'u');
  t.channel->host_send(block);  // not polled yet: nothing reached the socket
  EXPECT_TRUE(t.channel->input_paused());
  server.pause_reading(0, false);
  ASSERT_TRUE(t.poll_until([&] { return !t.channel->input_paused(); }));
  t.advance(200ms);
  await_received(t, server, 0, block.size());
  EXPECT_EQ(server.received(0), block);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
