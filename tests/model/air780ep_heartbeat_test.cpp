// The Air780EP heartbeat (air780ep.md §5; conformance cases H-005, H-006; LM HEARTCONFIG.md,
// HEARTBEAT.md, HEARTBEATHEX.md, HEARTINQUIRE.md; S0 FAQ 3 remedy b) on the manual clock.
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

// The S0 walkthrough's server (an echo server) under the name the case uses.
NetView echo_view(std::uint16_t port) {
  return NetView{{{"echo.example:12345", port}, {"domain.aaa.bbb:12345", port}}, {}};
}

TEST(Air780epHeartbeat, H005_HeartbeatToAnEchoServer) {
  TcpServer echo(TcpServer::Mode::Echo);
  Transcript t(options(echo_view(echo.port())));
  t.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTCONFIG=1,0,180\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTBEAT=0,tcp---test\r", "\r\nOK\r\n");
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=0,TCP,echo.example,12345\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  await_connections(t, echo, 1);
  t.advance(179s);
  t.expect_quiet();
  EXPECT_EQ(echo.received(0), "");
  t.advance(1s);  // no URC and no SEND OK of its own: only the echo shows
  t.expect("\r\n+RECEIVE,0,10:\r\ntcp---test");
  EXPECT_EQ(echo.received(0), "tcp---test");
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 0,180,1\r\n\r\nOK\r\n");
  t.advance(115s);
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 115,65,1\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTINQUIRE=?\r", "\r\nOK\r\n");
}

// S0's timestamps: HEARTCONFIG 15:30:02.477, HEARTBEAT 15:30:26.720, CIPMUX 15:30:45.196,
// CIPSTART 15:30:52.571 ("0, CONNECT OK" 15:30:52.735), +RECEIVE 15:33:02.643: the period runs
// from the configuration, so the first beat comes 130 s after the connect.
TEST(Air780epHeartbeat, S0TimelineCountsFromTheConfiguration) {
  TcpServer echo(TcpServer::Mode::Echo);
  Transcript t(options(echo_view(echo.port())));
  t.exchange("AT^HEARTCONFIG=1,0,180\r", "\r\nOK\r\n");
  t.advance(24s);
  t.exchange("AT^HEARTBEAT=0,tcp---test\r", "\r\nOK\r\n");
  t.advance(19s);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.advance(7s);
  t.exchange("AT+CIPSTART=0,TCP,domain.aaa.bbb,12345\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  await_connections(t, echo, 1);
  t.advance(129s);
  t.expect_quiet();
  t.advance(1s);
  t.expect("\r\n+RECEIVE,0,10:\r\ntcp---test\r\n");  // CIPRXF=0 appends CRLF (OQ-13)
}

TEST(Air780epHeartbeat, DefaultPayloadIsTheImeiOnTheSingleLink) {  // LM HEARTCONFIG.md
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT^HEARTCONFIG=1,0,5\r", "\r\nOK\r\n");
  bring_up(t);
  connect_single(t, server);
  t.advance(10s);
  await_received(t, server, 0, 30);
  EXPECT_EQ(server.received(0), "359759002514931359759002514931");
  t.expect_quiet();
  t.exchange("AT+CIPACK\r", "\r\n+CIPACK: 30,30,0\r\n\r\nOK\r\n");
}

TEST(Air780epHeartbeat, OnlyTheConfiguredLinkAndOnlyWhileConnected) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT^HEARTCONFIG=1,2,60\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTBEAT=2,hb\r", "\r\nOK\r\n");
  connected_multi(t, server, 0, {0});
  t.advance(60s);  // link 2 is not connected: the tick passes, nothing counted
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 0,60,0\r\n\r\nOK\r\n");
  connect_multi(t, server, 2, 1);
  t.advance(60s);
  await_received(t, server, 1, 2);
  EXPECT_EQ(server.received(1), "hb");
  EXPECT_EQ(server.received(0), "");
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 0,60,1\r\n\r\nOK\r\n");
}

TEST(Air780epHeartbeat, H006_DisablingClearsTheStatistics) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT^HEARTCONFIG=1,0,30\r", "\r\nOK\r\n");
  bring_up(t);
  connect_single(t, server);
  t.advance(95s);
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 5,25,3\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTCONFIG=0\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 0,0,0\r\n\r\nOK\r\n");
  t.advance(60s);
  await_received(t, server, 0, 45);
  EXPECT_EQ(server.received(0).size(), 45u);  // three IMEIs, no more
}

TEST(Air780epHeartbeat, HexPayloadIsSentOnceRightAway) {  // LM HEARTBEATHEX.md example
  TcpServer echo(TcpServer::Mode::Echo);
  Transcript t = routed_modem(echo);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  connect_multi(t, echo, 5, 0);
  t.exchange("AT^HEARTCONFIG=1,5,120\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTBEATHEX=5,6,414243444546\r", "\r\nOK\r\n\r\n+RECEIVE,5,6:\r\nABCDEF\r\n");
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 0,120,1\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTBEATHEX?\r", "\r\n^HEARTBEATHEX: 5,6,414243444546\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTBEAT?\r", "\r\n^HEARTBEAT: 5,ABCDEF\r\n\r\nOK\r\n");
  t.advance(120s);
  t.expect("\r\n+RECEIVE,5,6:\r\nABCDEF\r\n");
  t.exchange("AT^HEARTBEATHEX=5,3,4142\r", "\r\n+CME ERROR: 3\r\n");  // length mismatch
  t.exchange("AT^HEARTBEATHEX=5,1,4G\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT^HEARTBEATHEX=6,1,41\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT^HEARTBEATHEX=1,41\r", "\r\n+CME ERROR: 3\r\n");  // multi needs the id
  t.exchange("AT^HEARTBEATHEX=?\r", "\r\nOK\r\n");
}

TEST(Air780epHeartbeat, HexPayloadInSingleLinkModeWithoutALink) {
  Transcript t(options());
  t.exchange("AT^HEARTBEATHEX=2,4142\r", "\r\nOK\r\n");  // nothing connected: only stored
  t.exchange("AT^HEARTBEATHEX?\r", "\r\n^HEARTBEATHEX: 2,4142\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTBEATHEX=0,2,4142\r", "\r\n+CME ERROR: 3\r\n");  // no id in single mode
}

// S0 FAQ 3 remedy b: heartbeats every 180 s are traffic, so the carrier NAT (10 minutes idle)
// keeps the mapping and a send after 21 quiet minutes still reaches the server.
TEST(Air780epHeartbeat, HeartbeatKeepsTheNatMapping) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT^HEARTCONFIG=1,0,180\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTBEAT=0,tcp---test\r", "\r\nOK\r\n");
  connected_multi(t, server, 0, {0});
  t.advance(21min);
  await_received(t, server, 0, 70);  // seven heartbeats
  t.exchange("AT+CIPSEND=0,10\r", "\r\n> ");
  t.exchange("0123456789", "\r\n0, SEND OK\r\n");
  await_received(t, server, 0, 80);
  EXPECT_EQ(server.received(0).substr(70), "0123456789");
  EXPECT_FALSE(model(t).link_by_id(0)->nat_lost());
}

TEST(Air780epHeartbeat, FactoryResetStopsTheHeartbeat) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT^HEARTCONFIG=1,0,30\r", "\r\nOK\r\n");
  bring_up(t);
  connect_single(t, server);
  t.exchange("AT&F\r", "\r\nOK\r\n");  // echo is on again from here
  t.exchange("AT^HEARTCONFIG?\r", "AT^HEARTCONFIG?\r\r\n^HEARTCONFIG: 0,0,120\r\n\r\nOK\r\n");
  t.advance(60s);
  EXPECT_FALSE(server.wait_received(0, 1, 100ms));
}

TEST(Air780epHeartbeat, RebootForgetsTheHeartbeat) {  // S0 FAQ 4: nothing survives a power cycle
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT^HEARTCONFIG=1,0,30\r", "\r\nOK\r\n");
  t.advance(45s);
  t.model().reboot();
  t.take();
  t.exchange("AT^HEARTCONFIG?\r", "AT^HEARTCONFIG?\r\r\n^HEARTCONFIG: 0,0,120\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTINQUIRE?\r", "AT^HEARTINQUIRE?\r\r\n^HEARTINQUIRE: 0,0,0\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
