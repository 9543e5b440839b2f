// Conformance cases of section D (sending) of ../shared/spec/conformance-cases.md, plus the
// CIPSEND rules of air780ep.md §4.6 the cases do not spell out.
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epSend, D001_VariableLengthEchoOnQuickSend) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("ATE1\r", "\r\nOK\r\n");  // pre: E1
  t.exchange("AT+CIPSEND\r", "AT+CIPSEND\r\r\n> ");
  t.exchange("666888\r\n", "666888\r\n");
  t.exchange("\x1A", "\r\nDATA ACCEPT:8\r\n");
  await_received(t, server, 0, 8);
  EXPECT_EQ(server.received(0), "666888\r\n");
}

TEST(Air780epSend, D002_VariableLengthEchoOff) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.exchange("1234567890\r\n\x1A", "\r\nDATA ACCEPT:12\r\n");
  await_received(t, server, 0, 12);
  EXPECT_EQ(server.received(0), "1234567890\r\n");
}

TEST(Air780epSend, D003_FixedLength) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND=10\r", "\r\n> ");
  t.exchange("1234567890", "\r\nDATA ACCEPT:10\r\n");
  await_received(t, server, 0, 10);
  EXPECT_EQ(server.received(0), "1234567890");
}

TEST(Air780epSend, D004_BytesAfterTheFixedWindowAreCommandStateInput) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND=10\r", "\r\n> ");
  t.exchange("1234567890\r\n", "\r\nDATA ACCEPT:10\r\n");
  t.expect_quiet();
  await_received(t, server, 0, 10);
  EXPECT_EQ(server.received(0), "1234567890");
}

TEST(Air780epSend, D005_DefaultQuickSendZeroReportsSendOk) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.exchange("hello\x1A", "\r\nSEND OK\r\n");
  await_received(t, server, 0, 5);
}

TEST(Air780epSend, D006_MultiLinkSendOk) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {1});
  t.exchange("AT+CIPSEND=1,10\r", "\r\n> ");
  t.exchange("0123456789", "\r\n1, SEND OK\r\n");
  await_received(t, server, 0, 10);
}

TEST(Air780epSend, D007_MultiLinkDataAccept) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 1, {0});
  t.exchange("AT+CIPSEND=0,16\r", "\r\n> ");
  t.exchange("GET / HTTP/1.1\r\n", "\r\nDATA ACCEPT:0,16\r\n");
  await_received(t, server, 0, 16);
  EXPECT_EQ(server.received(0), "GET / HTTP/1.1\r\n");
}

TEST(Air780epSend, D008_MultiLinkVariableLength) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 1, {2});
  t.exchange("AT+CIPSEND=2\r", "\r\n> ");
  t.exchange("1234567890\x1A", "\r\nDATA ACCEPT:2,10\r\n");
  await_received(t, server, 0, 10);
}

TEST(Air780epSend, D009_SendWithNoConnection) {
  Transcript t(options());
  bring_up(t);
  t.exchange("AT+CIPSEND=5\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT\r", "\r\nOK\r\n");  // no prompt was opened
}

TEST(Air780epSend, D010_SendOnALinkThePeerClosed) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 1, {0});
  server.close(0);
  t.expect("\r\n0, CLOSED\r\n");
  t.exchange("AT+CIPSEND=0,4\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epSend, D011_AutoSendTimerVariableLength) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPATS=1,10\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.send("1234567890\r\n");
  t.advance(9s);
  t.expect_quiet();
  t.advance(1s);
  t.expect("\r\nDATA ACCEPT:12\r\n");
  await_received(t, server, 0, 12);
}

TEST(Air780epSend, D012_AutoSendTimerShortFixedLength) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPATS=1,10\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSEND=100\r", "\r\n> ");
  t.send("123\r\n");
  t.advance(10s);
  t.expect("\r\nDATA ACCEPT:5\r\n");
  await_received(t, server, 0, 5);
  EXPECT_EQ(server.received(0), "123\r\n");
}

TEST(Air780epSend, D013_LineFeedAfterACrTerminatedCipsendIsSwallowed) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND=7\r", "\r\n> ");
  t.send("\n123456");
  t.expect_quiet();
  t.exchange("7", "\r\nDATA ACCEPT:7\r\n");
  await_received(t, server, 0, 7);
  EXPECT_EQ(server.received(0), "1234567");
}

TEST(Air780epSend, D014_NoPromptWithCipsprtZero) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSPRT=0\r", "\r\nOK\r\n");
  t.send("AT+CIPSEND=3\r");
  t.expect_quiet();
  t.exchange("abc", "\r\nDATA ACCEPT:3\r\n");
}

TEST(Air780epSend, D015_SilentSendWithCipsprtTwo) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSPRT=2\r", "\r\nOK\r\n");
  t.send("AT+CIPSEND=3\r");
  t.expect_quiet();
  t.send("abc");
  t.expect_quiet();
  await_received(t, server, 0, 3);
  t.exchange("AT\r", "\r\nOK\r\n");
}

TEST(Air780epSend, D016_EscCancels) {  // [I] OQ-28
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.exchange("abc\x1B", "\r\nOK\r\n");
  t.exchange("AT+CIPSEND=2\r", "\r\n> ");
  t.exchange("xy", "\r\nDATA ACCEPT:2\r\n");
  await_received(t, server, 0, 2);
  EXPECT_EQ(server.received(0), "xy");  // "abc" never went out
}

TEST(Air780epSend, D016_EscWithoutReplyKnob) {  // OQ-28 knob esc_reply
  TcpServer server;
  Transcript t = routed_modem(server, [](models::Profile& p) { p.esc_reply_ok = false; });
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.send("abc\x1B");
  t.expect_quiet();
  t.exchange("AT\r", "\r\nOK\r\n");
}

TEST(Air780epSend, D017_SendSizeQuery) {
  Transcript t(options());
  t.exchange("AT+CIPSEND?\r", "\r\n+CIPSEND: 1460\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSEND=?\r", "\r\n+CIPSEND: 1460\r\n\r\nOK\r\n");
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSEND=?\r", "\r\n+CIPSEND: (0-5),1460\r\n\r\nOK\r\n");  // OQ-16
  t.exchange("AT+CIPSEND?\r",
             "\r\n+CIPSEND: 0,1460\r\n+CIPSEND: 1,1460\r\n+CIPSEND: 2,1460\r\n+CIPSEND: 3,1460\r\n"
             "+CIPSEND: 4,1460\r\n+CIPSEND: 5,1460\r\n\r\nOK\r\n");
}

TEST(Air780epSend, D018_OverLongFixedLength) {  // [I] OQ-27
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND=1461\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSEND=0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSEND=1460\r", "\r\n> ");
  t.exchange(std::string(1460, 'x'), "\r\nDATA ACCEPT:1460\r\n");
}

TEST(Air780epSend, D019_AckCounters) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.exchange("1234567890\r\n\x1A", "\r\nDATA ACCEPT:12\r\n");
  await_received(t, server, 0, 12);
  std::string got;
  ASSERT_TRUE(t.poll_until([&] {  // the peer's ACK arrives on its own time
    t.send("AT+CIPACK\r");
    got = t.take();
    return got == "\r\n+CIPACK: 12,12,0\r\n\r\nOK\r\n";
  })) << got;
}

TEST(Air780epSend, MoreThan1460BytesBeforeCtrlZSendsTheFirst1460) {  // [I] OQ-29
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.send(std::string(1460, 'a') + std::string(100, 'b'));
  t.exchange("\x1A", "\r\nDATA ACCEPT:1460\r\n");
  await_received(t, server, 0, 1460);
  EXPECT_EQ(server.received(0), std::string(1460, 'a'));
}

TEST(Air780epSend, SlowSendReportsSendOkAfterThePeerAcked) {  // CIPQSEND=2
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 2);
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("ping", "\r\nSEND OK\r\n");
  // Acknowledged by the peer's kernel; the test server's thread reads it a moment later.
  ASSERT_TRUE(server.wait_received(0, 4));
  EXPECT_EQ(server.received(0), "ping");
}

TEST(Air780epSend, SendFailWhenThePeerClosedDuringThePrompt) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  server.close(0);
  t.poll_until([] { return false; }, 100ms);
  t.expect_quiet();  // CLOSED waits for the prompt to end
  t.exchange("late\x1A", "\r\nSEND FAIL\r\n\r\nCLOSED\r\n");
}

TEST(Air780epSend, FullSocketMakesTheHostWaitForTheResult) {  // backpressure, no loss
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 1);
  server.pause_reading(0, true);
  const std::string chunk(1460, 'q');
  std::size_t sent = 0;
  bool held = false;
  while (!held && sent < 20u * 1024 * 1024) {
    t.exchange("AT+CIPSEND=1460\r", "\r\n> ");
    t.send(chunk);
    sent += chunk.size();
    const std::string out = t.take();
    held = out.empty();
    if (!held) {
      ASSERT_EQ(out, "\r\nDATA ACCEPT:1460\r\n");
    }
  }
  ASSERT_TRUE(held) << "the socket never filled";
  t.send("AT\r");  // kept until the pending CIPSEND has answered
  t.expect_quiet();
  server.pause_reading(0, false);
  t.expect("\r\nDATA ACCEPT:1460\r\n\r\nOK\r\n", 10s);
  await_received(t, server, 0, sent);
  EXPECT_EQ(server.received(0), std::string(sent, 'q'));
}

TEST(Air780epSend, UdpSendsOneDatagramPerCipsend) {
  UdpServer server;
  Transcript t(options({{{"112.125.89.8:45214", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"UDP\",\"112.125.89.8\",45214\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPSEND=5\r", "\r\n> ");
  t.exchange("first", "\r\nSEND OK\r\n");
  t.exchange("AT+CIPSEND\r", "\r\n> ");
  t.exchange("second\r\n\x1A", "\r\nSEND OK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.datagrams().size() >= 2; }));
  EXPECT_EQ(server.datagrams(), (std::vector<std::string>{"first", "second\r\n"}));
}

TEST(Air780epSend, CipatsReadAndTestForms) {  // OQ-14, OQ-7
  Transcript t(options());
  t.exchange("AT+CIPATS?\r", "\r\n+CIPATS: 0,1\r\n\r\nOK\r\n");
  t.exchange("AT+CIPATS=?\r", "\r\n+CIPATS: (0,1),(1-100)\r\n\r\nOK\r\n");
  t.exchange("AT+CIPATS=1,101\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPATS=1,5\r", "\r\nOK\r\n");
  t.exchange("AT+CIPATS?\r", "\r\n+CIPATS: 1,5\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSPRT?\r", "\r\n+CIPSPRT: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSPRT=?\r", "\r\n+CIPSPRT: (0,1,2)\r\n\r\nOK\r\n");
}

TEST(Air780epSend, UrcsWaitForTheSendResult) {  // OQ-6
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 1, {0, 1});
  t.exchange("AT+CIPSEND=0\r", "\r\n> ");
  server.send(1, "hi");
  t.poll_until([] { return false; }, 100ms);
  t.expect_quiet();
  t.exchange("x\x1A", "\r\nDATA ACCEPT:0,1\r\n\r\n+RECEIVE,1,2:\r\nhi\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
