// The P- cases of services-cases.md (dial-up data) on both models, exact bytes up to CONNECT and
// after NO CARRIER, PPP checked frame by frame.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tests/model/air780ep_test_util.h"
#include "tests/model/dialup_transcript.h"
#include "tests/model/fault_util.h"

namespace cellemu::testing {
namespace {
using namespace std::chrono_literals;
using net::ppp::kProtoLcp;

class Dialup : public ::testing::TestWithParam<const char*> {
 protected:
  TranscriptOptions options() const { return TranscriptOptions{.model = GetParam()}; }
  bool air780ep() const { return std::string(GetParam()) == "air780ep"; }
};

TEST_P(Dialup, P001_DialTheDefaultContext) {
  DialupTranscript d(options());
  d.dial();
  // services.md §6.3: LCP Configure-Request id 1 with ACCM 0, a magic number, PFC, ACFC.
  const auto req = d.peer.next();
  EXPECT_EQ(req.protocol, kProtoLcp);
  EXPECT_EQ(req.code(), 1);
  EXPECT_EQ(req.id(), 1);
  const std::string opts = req.data();
  ASSERT_EQ(opts.size(), 16u);
  EXPECT_EQ(opts.substr(0, 6), hex("0206 00000000"));
  EXPECT_EQ(opts.substr(6, 2), hex("0506"));
  EXPECT_EQ(opts.substr(12), hex("0702 0802"));
}

TEST_P(Dialup, P002_DialStringsWithCidAndAModifier) {
  DialupTranscript d(options());
  d.dial("ATD*99***1#\r");
  d.negotiate();
  d.host_terminates();
  d.peer.received.clear();
  d.dial("ATDT*99#\r");
}

TEST_P(Dialup, P003_CgData) {
  DialupTranscript d(options());
  d.t.exchange("AT+CGDATA=?\r", "\r\n+CGDATA: (\"PPP\")\r\n\r\nOK\r\n");
  d.t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  d.t.exchange("AT+CGDATA=\"M-PT\",1\r", "\r\n+CME ERROR: 4\r\n");
  d.dial("AT+CGDATA=\"PPP\",1\r");
}

TEST_P(Dialup, P004_DialFailures) {
  DialupTranscript d(options());
  d.t.exchange("ATD*99***5#\r", "\r\nNO CARRIER\r\n");  // cid 5 undefined
  d.t.exchange("AT+CGATT=0\r", "\r\nOK\r\n");
  d.t.exchange("ATD*99#\r", "\r\nNO CARRIER\r\n");  // not attached
  DialupTranscript off(TranscriptOptions{
      .model = GetParam(), .profile = [](models::Profile& p) { p.ppp_supported = false; }});
  off.t.exchange("ATD*99#\r", "\r\nNO CARRIER\r\n");
  off.t.exchange("ATD112;\r", "\r\nNO CARRIER\r\n");  // a voice call: no VoLTE (§6.8)
}

TEST_P(Dialup, P005_EchoBeforeConnect) {
  DialupTranscript d(TranscriptOptions{.model = GetParam(), .echo = true});
  d.dial("ATD*99#\r", "ATD*99#\r");
}

TEST_P(Dialup, P006_EscapeHangUpDialAgain) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.escape();
  d.t.exchange("ATH\r", "\r\nOK\r\n");  // no LCP frame
  d.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  d.peer.received.clear();
  d.dial();
}

TEST_P(Dialup, P007_EscapeAndReturnToDataMode) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.escape();
  d.t.exchange("AT+CSQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  d.t.exchange("ATO\r", "\r\nCONNECT\r\n");  // and no LCP frame: no renegotiation
  d.send_frame(kProtoLcp, PppTestPeer::control(9, 7, hex("CAFEBABE")));
  d.peer.take(d.t.take());
  EXPECT_EQ(d.peer.next().code(), 10);  // Echo-Reply: PPP continues
}

TEST_P(Dialup, P008_AtoAtaAthWithNoCall) {
  DialupTranscript d(options());
  d.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  d.t.exchange("ATA\r", "\r\nNO CARRIER\r\n");
  d.t.exchange("ATH\r", "\r\nOK\r\n");
}

TEST_P(Dialup, P009_HostEndsPppWithLcpTerminate) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.host_terminates();
  d.t.exchange("AT\r", "\r\nOK\r\n");
  d.t.exchange("AT+CGACT?\r", "\r\n+CGACT: 1,1\r\n\r\nOK\r\n");  // the PDN stays up
}

TEST_P(Dialup, P010_DtrDropWithD2AndD1) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  inject(d.t, "dtr off");  // &D2 (default): released, no LCP frame
  d.t.expect("\r\nNO CARRIER\r\n");
  EXPECT_FALSE(status(d.t).contains("dialup"));
  inject(d.t, "dtr on");
  d.t.expect_quiet();
  d.t.exchange("AT&D1\r", "\r\nOK\r\n");
  d.peer = PppTestPeer{};  // a new call: the host's PPP starts over
  d.dial();
  d.negotiate();
  inject(d.t, "dtr off");  // &D1: online command state
  d.t.expect("\r\nOK\r\n");
  EXPECT_EQ(status(d.t)["dialup"]["state"], "online command");
  inject(d.t, "dtr on");
  d.t.exchange("ATO\r", "\r\nCONNECT\r\n");  // PPP continues without renegotiation
  d.send_frame(kProtoLcp, PppTestPeer::control(9, 7, hex("CAFEBABE")));
  d.peer.take(d.t.take());
  EXPECT_EQ(d.peer.next().code(), 10);
}

TEST_P(Dialup, P010_DtrDropWithD0OrWithoutACallDoesNothing) {
  DialupTranscript d(options());
  inject(d.t, "dtr off");  // no call (P-015's pppd dropping DTR after NO CARRIER)
  d.t.expect_quiet();
  EXPECT_EQ(status(d.t)["dtr"], "off");
  inject(d.t, "dtr on");
  d.t.exchange("AT&D0\r", "\r\nOK\r\n");
  d.dial();
  d.negotiate();
  inject(d.t, "dtr off");
  d.t.expect_quiet();
  EXPECT_EQ(status(d.t)["dialup"]["state"], "data");
}

TEST_P(Dialup, P011_TheNetworkDropsThePdnDuringPpp) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  ASSERT_TRUE(d.t.model().pdn_lost());
  d.peer.take(d.t.take());
  const auto req = d.peer.next();
  EXPECT_EQ(req.code(), 5);  // LCP Terminate-Request, then at most 3 s for the Ack
  d.send_frame(kProtoLcp, PppTestPeer::control(6, req.id(), ""));
  d.t.advance(0s);
  d.t.expect(air780ep() ? "\r\nNO CARRIER\r\n\r\n+CGEV: NW PDN DEACT 1\r\n"
                        : "\r\nNO CARRIER\r\n\r\n+IPURC: \"pdpdeact\",1\r\n");
}

TEST_P(Dialup, P011_AnUnansweredTerminateEndsAfterThreeSeconds) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.t.model().pdn_lost();
  d.t.take();
  d.t.advance(2900ms);
  d.t.expect_quiet();
  d.t.advance(200ms);
  d.t.advance(0s);
  const std::string out = d.t.take();
  EXPECT_EQ(out.substr(0, 14), "\r\nNO CARRIER\r\n");
}

TEST_P(Dialup, P012_OnlineCommandStatePdpQueriesAndDeactivation) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.escape();
  d.t.exchange("AT+CGACT?\r", "\r\n+CGACT: 1,1\r\n\r\nOK\r\n");
  d.t.exchange("AT+CGPADDR=1\r", "\r\n+CGPADDR: 1,\"10.17.70.180\"\r\n\r\nOK\r\n");
  d.t.exchange("AT+CGACT=0,1\r", air780ep()
                                     ? "\r\nOK\r\n\r\nNO CARRIER\r\n\r\n+CGEV: ME PDN DEACT 1\r\n"
                                     : "\r\nOK\r\n\r\nNO CARRIER\r\n");
  d.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  d.t.exchange("AT+CGACT?\r", "\r\n+CGACT: 1,0\r\n\r\nOK\r\n");
  d.peer.received.clear();
  d.dial();  // an inactive defined context is activated first
}

TEST_P(Dialup, P014_PdpContextAndAuthenticationCommands) {
  DialupTranscript d(options());
  d.t.exchange("AT+CGDCONT=1,\"IP\",\"cmnet\"\r", "\r\nOK\r\n");
  d.t.exchange("AT+CGDCONT=?\r",
               "\r\n+CGDCONT: (1-15),\"IP\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0,1),(0)\r\n+CGDCONT: "
               "(1-15),\"IPV6\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0),(0)\r\n+CGDCONT: "
               "(1-15),\"IPV4V6\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0,1),(0)\r\n+CGDCONT: "
               "(1-15),\"Non-IP\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0),(0),(0,1)\r\n\r\nOK\r\n");
  d.t.exchange("AT+CGAUTH=1,1,\"user\",\"pass\"\r", "\r\nOK\r\n");
  d.t.exchange("AT+CGAUTH?\r", "\r\n+CGAUTH: 1,1,\"user\",\"pass\"\r\n\r\nOK\r\n");
  d.t.exchange("AT+CGAUTH=?\r", "\r\n+CGAUTH: (1-15),(0-2),64,64\r\n\r\nOK\r\n");
  d.t.exchange("AT+CGDCONT?\r", "\r\n+CGDCONT: 1,\"IP\",\"cmnet\",\"10.17.70.180\"\r\n\r\nOK\r\n");
}

// pppd with a chat script: the chat lines echoed, pppd asks for its address and both DNS servers
// (usepeerdns) and gets the spec's, ends with LCP Terminate, then drops DTR (&D2, no call:
// nothing).
TEST_P(Dialup, P015_PppdAndChatConnectAndDisconnect) {
  DialupTranscript d(TranscriptOptions{.model = GetParam(), .echo = true});
  d.t.exchange("AT\r", "AT\r\r\nOK\r\n");
  d.t.exchange("ATZ\r", "ATZ\r\r\nOK\r\n");
  d.t.exchange("AT+CGDCONT=1,\"IP\",\"cmnet\"\r", "AT+CGDCONT=1,\"IP\",\"cmnet\"\r\r\nOK\r\n");
  d.dial("ATD*99#\r", "ATD*99#\r");
  std::string nak;
  d.negotiate(hex("0306 00000000 8106 00000000 8306 00000000"), &nak);
  // The context's address (the trace's 10.74.149.48 was its operator's), DNS 211.136.112.50
  // and 211.136.150.66.
  ASSERT_EQ(nak.size(), 18u);
  EXPECT_EQ(nak.substr(0, 2), hex("0306"));
  EXPECT_EQ(nak.substr(6), hex("8106 D3887032 8306 D3889642"));
  const std::string local = fmt::format("{}.{}.{}.{}", std::uint8_t(nak[2]), std::uint8_t(nak[3]),
                                        std::uint8_t(nak[4]), std::uint8_t(nak[5]));
  d.host_terminates();
  d.t.exchange("AT+CGPADDR=1\r", "AT+CGPADDR=1\r\r\n+CGPADDR: 1,\"" + local + "\"\r\n\r\nOK\r\n");
  inject(d.t, "dtr off");
  d.t.expect_quiet();
  inject(d.t, "dtr on");
  d.t.exchange("AT\r", "AT\r\r\nOK\r\n");
}

TEST_P(Dialup, P016_EspModemPpposStart) {
  DialupTranscript d(TranscriptOptions{.model = GetParam(), .echo = true});
  d.t.exchange("AT\r", "AT\r\r\nOK\r\n");
  d.t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  d.t.exchange("AT+CGDCONT=1,\"IP\",\"internet\"\r", "\r\nOK\r\n");
  d.dial();
}

// +CGAUTH feeds PAP: the module asks for it and accepts only the context's credentials.
TEST_P(Dialup, CgAuthPapAskedAndChecked) {
  DialupTranscript d(options());
  d.t.exchange("AT+CGAUTH=1,1,\"user\",\"pass\"\r", "\r\nOK\r\n");
  d.dial();
  const auto req = d.peer.next();
  EXPECT_NE(req.data().find(hex("0304 C023")), std::string::npos);
  d.send_frame(kProtoLcp, PppTestPeer::control(1, 1, hex("0506 CAFEBABE")));
  d.send_frame(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
  d.peer.take(d.t.take());
  d.peer.received.clear();
  d.send_frame(0xC023, PppTestPeer::control(1, 1, "\x04user\x04nope"));
  d.peer.take(d.t.take());
  const auto nak = d.peer.next();
  EXPECT_EQ(nak.protocol, 0xC023);
  EXPECT_EQ(nak.code(), 3);  // Authenticate-Nak, then the module ends the link
  const auto terminate = d.peer.next();
  ASSERT_EQ(terminate.code(), 5);
  d.send_frame(kProtoLcp, PppTestPeer::control(6, terminate.id(), ""));
  d.t.advance(0s);
  d.t.expect("\r\nNO CARRIER\r\n");
}

TEST_P(Dialup, CfunZeroInOnlineCommandStateDropsTheCall) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.escape();
  d.t.send("AT+CFUN=0\r");
  const std::string out = d.t.take();
  // OK, then the call is gone: NO CARRIER, after the Air780EP's "+CGEV: ME DETACH" (services
  // §4.4), which reports the detach that ends it.
  const std::string want = air780ep() ? "\r\nOK\r\n\r\n+CGEV: ME DETACH\r\n\r\nNO CARRIER\r\n"
                                      : "\r\nOK\r\n\r\nNO CARRIER\r\n";
  EXPECT_EQ(out.substr(0, want.size()), want) << shown(out);
  d.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  d.t.exchange("ATD*99#\r", "\r\nNO CARRIER\r\n");  // no network
}

TEST_P(Dialup, RebootDropsTheCallSilently) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.t.model().reboot();
  d.t.take();
  d.t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  d.t.exchange("ATO\r", "\r\nNO CARRIER\r\n");
  d.peer.received.clear();
  d.dial();
}

TEST_P(Dialup, SecondDialWhileACallIsHeldIsNotAllowed) {
  DialupTranscript d(options());
  d.dial();
  d.negotiate();
  d.escape();
  d.t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  d.t.exchange("ATD*99#\r", "\r\n+CME ERROR: 3\r\n");
  d.t.exchange("AT&C1\r", "\r\nOK\r\n");
  d.t.exchange("AT&D2\r", "\r\nOK\r\n");
  d.t.exchange("AT&D3\r", "\r\nERROR\r\n");
}

INSTANTIATE_TEST_SUITE_P(BothModels, Dialup, ::testing::Values("air780ep", "nm28"));

}  // namespace
}  // namespace cellemu::testing

namespace cellemu::testing {
namespace {

// P-013: the module's own sockets work while the PPP call is held (shared PDN, OQ-S28).
TEST(DialupAir780ep, P013_ModuleSocketsWhilePppIsHeld) {
  TcpServer server;
  DialupTranscript d(air780ep_test::options(air780ep_test::routed_to(server.port())));
  d.dial();
  d.negotiate();
  d.escape();
  d.t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  d.t.exchange("ATO\r", "\r\nCONNECT\r\n");
}

}  // namespace
}  // namespace cellemu::testing
