// NM28 transparent access mode: AT+IPSWTMD=<id>,2, "+++", ATO, data kept in command mode, peer
// close in data mode (conformance-cases.md N-017; nm28.md §3.9, OQ-36, OQ-54, OQ-55).
#include "tests/model/nm28_transcript.h"

namespace cellemu::testing {
namespace {
using namespace std::chrono_literals;

// Guard times of the "+++" escape (OQ-54: as the Air780EP, 1 s / 0.5 s).
void escape(Transcript& t) {
  t.advance(1s);
  t.send("+++");
  t.expect_quiet();
  t.advance(500ms);
  t.expect("\r\nOK\r\n");
}

void transparent(Nm28Transcript& x) {
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
}

TEST(Nm28Transparent, N017_TransparentMode) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
  x.t.send("123456789");
  x.t.expect_quiet();
  ASSERT_TRUE(x.server.wait_received(0, 9));
  EXPECT_EQ(x.server.received(0), "123456789");
  x.server.send(0, "xyz");
  x.t.expect("xyz");
  escape(x.t);
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,2,2\r\n\r\nOK\r\n");
}

TEST(Nm28Transparent, CommandTextIsDataInDataMode) {
  Nm28Transcript x;
  transparent(x);
  x.t.send("AT+IPCLOSE=1\r\n");
  x.t.expect_quiet();
  ASSERT_TRUE(x.server.wait_received(0, 14));
  EXPECT_EQ(x.server.received(0), "AT+IPCLOSE=1\r\n");
}

TEST(Nm28Transparent, AtoReturnsToTheSocket) {  // [I] OQ-55
  Nm28Transcript x;
  transparent(x);
  escape(x.t);
  x.t.exchange("ATO\r", "\r\nCONNECT\r\n");
  x.t.send("more");
  ASSERT_TRUE(x.server.wait_received(0, 4));
  x.server.send(0, "back");
  x.t.expect("back");
}

TEST(Nm28Transparent, IpswtmdTwoAlsoReenters) {  // OQ-55
  Nm28Transcript x;
  transparent(x);
  escape(x.t);
  x.t.exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
  x.server.send(0, "again");
  x.t.expect("again");
}

TEST(Nm28Transparent, AtoWithoutATransparentSocketIsNoCarrier) {  // [I] OQ-55
  Nm28Transcript x;
  x.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  transparent(x);
  escape(x.t);
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  x.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
}

TEST(Nm28Transparent, DataInCommandModeFollowsTheNextConnect) {  // [I] OQ-36
  Nm28Transcript x;
  transparent(x);
  escape(x.t);
  x.server.send(0, "late");
  ASSERT_TRUE(x.wait_buffered(1, 4));
  x.t.expect_quiet();
  x.t.send("ATO\r");
  x.t.expect("\r\nCONNECT\r\nlate");
}

// With the "real" timing profile CONNECT comes 10 ms after the command: what the socket kept in
// command mode, and what arrives meanwhile, follows it once the engine has written it.
TEST(Nm28Transparent, KeptDataFollowsADelayedConnect) {  // OQ-36, air780ep.md §12
  Nm28Transcript x(
      Nm28Options{.profile = [](models::Profile& p) { p.timing = models::Timing::module_like(); }});
  x.t.advance(10ms);  // the OK of the harness's ATE0
  x.t.take();
  x.t.send(kOpenSocket1);
  x.t.advance(100ms);
  x.t.expect("\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
  ASSERT_TRUE(x.server.wait_connections(1));
  x.t.send("AT+IPSWTMD=1,2\r");
  x.t.advance(10ms);
  x.t.expect("\r\nCONNECT\r\n");
  escape(x.t);
  x.server.send(0, "late");
  ASSERT_TRUE(x.wait_buffered(1, 4));
  x.t.send("AT+IPSWTMD=1,2\r");
  x.t.advance(9ms);
  x.t.expect_quiet();
  x.server.send(0, "more");  // CONNECT is still owed: kept behind it
  ASSERT_TRUE(x.wait_buffered(1, 8));
  x.t.expect_quiet();
  x.t.advance(1ms);
  x.t.expect("\r\nCONNECT\r\nlatemore");
  x.server.send(0, "now");
  x.t.expect("now");
}

TEST(Nm28Transparent, UrcsOfOtherSocketsWaitForCommandMode) {  // OQ-6
  TcpServer other;
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"127.0.0.1\"," + std::to_string(other.port()) + ",0,0\r",
               "\r\nOK\r\n\r\n+IPOPEN: 2,0\r\n");
  ASSERT_TRUE(other.wait_connections(1));
  transparent(x);
  other.send(0, "two");
  ASSERT_TRUE(x.t.poll_until([&] { return x.t.session->at().responder().held_bytes() > 0; }));
  x.server.send(0, "one");
  x.t.expect("one");
  x.t.advance(1s);
  x.t.send("+++");
  x.t.advance(500ms);
  x.t.expect("\r\nOK\r\n\r\n+IPURC: \"recv\",2,3\r\ntwo");
}

TEST(Nm28Transparent, PeerCloseLeavesDataMode) {  // nm28.md §3.9, §3.11; OQ-57
  Nm28Transcript x;
  transparent(x);
  x.server.send(0, "bye");
  x.t.expect("bye");
  x.server.close(0);
  x.t.expect("\r\n+IPURC: \"closed\",1\r\n");
  x.t.exchange("AT\r", "\r\nOK\r\n");  // command mode
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,4,2\r\n\r\nOK\r\n");
  x.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  x.t.exchange("AT+IPSWTMD=1,2\r", "\r\nERROR\r\n");
}

TEST(Nm28Transparent, LeavingTransparentKeepsDataReadable) {  // [I] OQ-46
  Nm28Transcript x;
  transparent(x);
  escape(x.t);
  x.server.send(0, "abc");
  ASSERT_TRUE(x.wait_buffered(1, 3));
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n\r\nIPREAD: 1\r\n");
  x.t.exchange("AT+IPRD=1,10\r", "\r\n+IPRD: 1,3\r\nabc\r\nOK\r\n");
}

TEST(Nm28Transparent, SendCommandsRefusedInTransparentCommandMode) {  // nm28.md §3.5
  Nm28Transcript x;
  transparent(x);
  escape(x.t);
  x.t.exchange("AT+IPSEND=1,1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSENDEX=1,\"31\"\r", "\r\nERROR\r\n");
}

TEST(Nm28Transparent, NeedsAConnectedSocket) {
  Nm28Transcript x;
  x.t.exchange("AT+IPSWTMD=1,2\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSWTMD=1,1\r", "\r\nERROR\r\n");
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,3\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSWTMD=1\r", "\r\nERROR\r\n");
}

// A peer that stops reading: once 64 KiB wait for it, the port stops taking host bytes, and
// takes them again when the link has written everything (design.md backpressure).
TEST(Nm28Transparent, SlowPeerPausesTheHost) {
  Nm28Transcript x;
  transparent(x);
  x.server.pause_reading(0, true);
  std::string sent;
  const std::string piece(64 * 1024, 'u');
  while (!x.t.channel->input_paused() && sent.size() < 64u * 1024 * 1024) {
    x.t.send(piece);
    sent += piece;
  }
  ASSERT_TRUE(x.t.channel->input_paused());
  x.server.pause_reading(0, false);
  ASSERT_TRUE(x.t.poll_until([&] { return !x.t.channel->input_paused(); }));
  ASSERT_TRUE(x.server.wait_received(0, sent.size()));
  EXPECT_TRUE(x.server.received(0) == sent);
}

TEST(Nm28Transparent, PlusesWithoutGuardTimesAreData) {  // OQ-54
  Nm28Transcript x;
  transparent(x);
  x.t.send("a+++");
  x.t.advance(2s);
  x.t.expect_quiet();
  ASSERT_TRUE(x.server.wait_received(0, 4));
  EXPECT_EQ(x.server.received(0), "a+++");
}

}  // namespace
}  // namespace cellemu::testing
