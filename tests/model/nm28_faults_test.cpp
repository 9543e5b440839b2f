// Faults as the NM28 reports them, injected through the fault vocabulary of `cellemu ctl`.
// S3 documents none of them: the PDP loss follows the Quectel family NM28 mirrors (QA analogy,
// `+QIURC: "pdpdeact",<contextID>` -> `+IPURC: "pdpdeact",1`), peer and network losses OQ-57,
// failed opens OQ-42/OQ-44.
#include "tests/model/fault_util.h"
#include "tests/model/nm28_transcript.h"

namespace cellemu::testing {
namespace {

constexpr const char* kPdpDeact = "\r\n+IPURC: \"pdpdeact\",1\r\n";
constexpr const char* kClosingRow = "+IPSTATE: 1,TCP,139.159.199.233,46000,0,4,1";

TEST(Nm28Faults, PdpDeactOneUrcThenSocketsWaitForIpclose) {
  Nm28Transcript x;
  x.open_socket1();
  inject(x.t, "pdp-deact");
  x.t.expect(kPdpDeact);  // no "closed" line per socket
  EXPECT_TRUE(x.server.wait_peer_closed(0));
  x.t.expect_quiet();
  EXPECT_EQ(status(x.t)["ip_state"], "deactivated");
  x.t.exchange("AT+IPSTATE=1,1\r", std::string("\r\n") + kClosingRow + "\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPSEND=1,4\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  x.open_socket1();  // the next open brings the context up again
  EXPECT_EQ(status(x.t)["ip_state"], "active");
  ASSERT_TRUE(x.server.wait_connections(2));
}

TEST(Nm28Faults, PdpDeactKeepsBufferedDataReadable) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  x.server.send(0, "ABCDEFGHIJ");
  x.t.expect("\r\nIPREAD: 1\r\n");
  inject(x.t, "pdp-deact");
  x.t.expect(kPdpDeact);
  x.t.exchange("AT+IPRD=1,10\r", "\r\n+IPRD: 1,10\r\nABCDEFGHIJ\r\nOK\r\n");
}

TEST(Nm28Faults, PdpDeactFailsOpensInProgress) {  // OQ-44: 566
  Nm28Transcript x;
  inject(x.t, "connect timeout");
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"139.159.199.233\",46000,0,0\r", "\r\nOK\r\n");
  inject(x.t, "pdp-deact");
  x.t.expect(std::string(kPdpDeact) + "\r\n+IPOPEN: 2,566\r\n");
}

TEST(Nm28Faults, PdpDeactEndsTransparentMode) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
  x.server.send(0, "raw");
  x.t.expect("raw");
  inject(x.t, "pdp-deact");
  x.t.expect(kPdpDeact);
  x.t.exchange("AT\r", "\r\nOK\r\n");  // command mode again
}

TEST(Nm28Faults, PdpDeactWithoutServiceOrTwiceSaysNothing) {
  Nm28Transcript x;
  inject(x.t, "pdp-deact");
  x.t.expect(kPdpDeact);
  inject(x.t, "pdp-deact");  // already gone
  x.t.expect_quiet();
  inject(x.t, "register searching");
  inject(x.t, "register home");
  inject(x.t, "pdp-deact");  // re-registered: the context is back
  x.t.expect(kPdpDeact);
  inject(x.t, "register searching");
  inject(x.t, "pdp-deact");
  x.t.expect_quiet();
  EXPECT_EQ(status(x.t)["ip_state"], "no service");
}

TEST(Nm28Faults, SimRemovedClosesTheSockets) {
  Nm28Transcript x;
  x.open_socket1();
  inject(x.t, "sim remove");
  x.t.expect("\r\n+CPIN: SIM REMOVED\r\n\r\n+IPURC: \"closed\",1\r\n");
  EXPECT_TRUE(x.server.wait_peer_closed(0));
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"139.159.199.233\",46000,0,0\r", "\r\nOK\r\n");
  x.t.advance(999ms);
  x.t.expect_quiet();
  x.t.advance(1ms);
  x.t.expect("\r\n+IPOPEN: 2,566\r\n");  // OQ-42
  inject(x.t, "sim insert");
  x.t.expect("\r\n+CPIN: READY\r\n");
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"139.159.199.233\",46000,0,0\r",
               "\r\nOK\r\n\r\n+IPOPEN: 2,0\r\n");
}

TEST(Nm28Faults, RegistrationLostAndRegained) {
  Nm28Transcript x;
  x.t.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  x.open_socket1();
  inject(x.t, "register searching");
  x.t.expect("\r\n+CEREG: 2\r\n\r\n+IPURC: \"closed\",1\r\n");
  inject(x.t, "register home");
  x.t.expect("\r\n+CEREG: 1\r\n");
  x.t.exchange("AT+IPSTATE=1,1\r", std::string("\r\n") + kClosingRow + "\r\n\r\nOK\r\n");
}

TEST(Nm28Faults, DnsFailure) {  // OQ-44: 565; S3 §2.9: IPDNSR answers ERROR
  Nm28Transcript x(
      Nm28Options{.net = [](net::NetConfig& n) { n.add_host("iot.example=10.9.9.9"); }});
  inject(x.t, "dns fail");
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"iot.example\",80,0,0\r", "\r\nOK\r\n\r\n+IPOPEN: 2,565\r\n");
  x.t.exchange("AT+IPDNSR=\"www.baidu.com\"\r", "\r\nERROR\r\n");
  inject(x.t, "dns ok");
  x.t.exchange("AT+IPDNSR=\"www.baidu.com\"\r",
               "\r\n+IPDNSR:\"14.215.177.39\"\r\n+IPDNSR:\"14.215.177.38\"\r\n\r\nOK\r\n");
}

TEST(Nm28Faults, ConnectRefusedAndTimingOut) {  // OQ-44: 566
  Nm28Transcript x(Nm28Options{.net = [](net::NetConfig& n) { n.connect_timeout = 30s; }});
  inject(x.t, "connect refuse");
  x.t.exchange(kOpenSocket1, "\r\nOK\r\n\r\n+IPOPEN: 1,566\r\n");
  inject(x.t, "connect timeout");
  x.t.exchange(kOpenSocket1, "\r\nOK\r\n");
  x.t.advance(29s);
  x.t.expect_quiet();
  x.t.exchange("AT+IPSTATE=1,1\r",
               "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,1,1\r\n\r\nOK\r\n");  // OPENING
  x.t.advance(1s);
  x.t.expect("\r\n+IPOPEN: 1,566\r\n");
  inject(x.t, "connect ok");
  x.open_socket1();
}

TEST(Nm28Faults, PeerCloseResetAndBlackhole) {
  Nm28Transcript x;
  x.open_socket1();
  inject(x.t, "link 1 close");
  x.t.expect("\r\n+IPURC: \"closed\",1\r\n");
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  x.open_socket1();
  inject(x.t, "link 1 reset");
  x.t.expect("\r\n+IPURC: \"closed\",1\r\n");
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  x.t.exchange(kOpenSocket1, "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
  ASSERT_TRUE(x.server.wait_connections(3));
  inject(x.t, "link 1 blackhole");
  x.t.expect_quiet();
  x.t.exchange("AT+IPSEND=1,4\r", "\r\nNETWRITE: 1,4\r\n\r\nCONNECT\r\n");
  x.t.exchange("lost", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  EXPECT_FALSE(x.server.wait_received(2, 1, 200ms));
  EXPECT_FALSE(fault(x.t, "link 0 close")["ok"]);  // socket 0 is not open
}

// S0 FAQ 3 holds for any module behind a carrier NAT; the NM28 has no keepalive or heartbeat
// command (nm28.md lists none), so an idle socket is simply lost.
TEST(Nm28Faults, IdleSocketLostToTheCarrierNat) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.advance(10min);
  x.t.exchange("AT+IPSENDEX=1,\"313233\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  EXPECT_FALSE(x.server.wait_received(0, 1, 200ms));
  const auto link = status(x.t)["links"][0];
  EXPECT_EQ(link["state"], "CONNECTED");
  EXPECT_EQ(link["nat_lost"], true);
}

TEST(Nm28Faults, DelayHoldsBothDirections) {
  Nm28Transcript x;
  x.open_socket1();
  inject(x.t, "net delay 300");
  // SEND SUCCESS once the payload has left the module's queue (nm28_socket.cpp), i.e. after the
  // radio link's delay.
  x.t.exchange("AT+IPSENDEX=1,\"414243\"\r", "");
  x.t.advance(300ms);
  x.t.expect("\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 3));
  x.server.send(0, "late");
  ASSERT_TRUE(x.t.poll_until([&] { return x.model().link_by_id(1)->bytes_received() == 4; }));
  x.t.advance(299ms);
  x.t.expect_quiet();
  x.t.advance(1ms);
  x.t.expect("\r\n+IPURC: \"recv\",1,4\r\nlate");
}

TEST(Nm28Faults, RebootClosesEverySocket) {
  Nm28Transcript x;
  x.open_socket1();
  inject(x.t, "reboot");
  x.t.advance(1ms);
  x.t.expect_quiet();  // nm28.md documents no power-up URCs
  EXPECT_TRUE(x.server.wait_peer_closed(0));
  x.t.exchange("AT+IPSTATE=1,1\r", "AT+IPSTATE=1,1\r\r\n+IPSTATE: 1,TCP,,0,0,0,0\r\n\r\nOK\r\n");
  EXPECT_TRUE(status(x.t)["links"].empty());
}

TEST(Nm28Faults, StatusShowsTheSockets) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSENDEX=1,\"3132\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(x.server.wait_received(0, 2));
  const auto s = status(x.t);
  EXPECT_EQ(s["ip_state"], "active");
  ASSERT_EQ(s["links"].size(), 1u);
  EXPECT_EQ(s["links"][0]["id"], 1);
  EXPECT_EQ(s["links"][0]["protocol"], "TCP");
  EXPECT_EQ(s["links"][0]["remote"], "139.159.199.233:46000");
  EXPECT_EQ(s["links"][0]["state"], "CONNECTED");
  EXPECT_EQ(s["links"][0]["sent"], 2);
  EXPECT_EQ(x.model().link_by_id(0), nullptr);
  EXPECT_EQ(x.model().link_by_id(8), nullptr);
}

}  // namespace
}  // namespace cellemu::testing
