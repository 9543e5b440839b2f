// Conformance cases and section C (IP state machine, single link) of
// ../shared/spec/conformance-cases.md, exact bytes on the serial line.
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

constexpr const char* kServer = "112.125.89.8:37076";

TEST(Air780epStateMachine, A007_CmeeZeroTurnsCmeErrorsIntoError) {
  Transcript t(options());
  t.exchange("AT+CMEE=0\r", "\r\nOK\r\n");
  t.exchange("AT+CIFSR\r", "\r\nERROR\r\n");
}

TEST(Air780epStateMachine, A008_CmeeTwoVerbose) {
  Transcript t(options());
  t.exchange("AT+CMEE=2\r", "\r\nOK\r\n");
  t.exchange("AT+CIFSR\r", "\r\n+CME ERROR: operation not allowed\r\n");
}

TEST(Air780epStateMachine, A012_ConcatenatedExtendedAndBasicCommand) {
  Transcript t(options({}, [](models::Profile& p) { p.network.local_ip = "10.74.100.63"; }));
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CIICR\r", "\r\nOK\r\n");
  t.exchange("AT+CIFSR;E0\r", "\r\n10.74.100.63\r\n\r\nOK\r\n");
}

TEST(Air780epStateMachine, C001_InitialState) {
  Transcript t(options());
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
}

TEST(Air780epStateMachine, C002_ConfigurationBeforeActivation) {
  Transcript t(options());
  t.exchange("AT+CIPMODE=0\r", "\r\nOK\r\n");
  t.exchange("AT+CIPMUX=0\r", "\r\nOK\r\n");
  t.exchange("AT+CIPQSEND=1\r", "\r\nOK\r\n");
}

TEST(Air780epStateMachine, C003_Cstt) {
  Transcript t(options());
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP START\r\n");
}

TEST(Air780epStateMachine, C004_CsttTwice) {
  Transcript t(options());
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CSTT\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epStateMachine, C005_Ciicr) {
  Transcript t(options());
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CIICR\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP GPRSACT\r\n");
}

TEST(Air780epStateMachine, C006_CiicrInTheWrongState) {
  Transcript t(options());
  t.exchange("AT+CIICR\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epStateMachine, C007_CiicrActivationFailure) {
  Transcript t(options());
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.model().radio().attached = false;  // the harness forbids activation
  t.exchange("AT+CIICR\r", "\r\n+PDP: DEACT\r\n\r\n+CME ERROR: 65535\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
}

TEST(Air780epStateMachine, C007_ActivationFailureAfterTheRealProfileDelay) {
  Transcript t(options({}, [](models::Profile& p) { p.timing = models::Timing::module_like(); }));
  t.advance(10ms);  // the delayed OK of the harness's ATE0
  t.take();
  t.send("AT+CSTT\r");
  t.advance(10ms);
  t.expect("\r\nOK\r\n");
  t.model().radio().attached = false;
  t.send("AT+CIICR\r");
  t.advance(99ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("\r\n+PDP: DEACT\r\n");
  t.advance(10ms);  // every final result waits the 10 ms command delay
  t.expect("\r\n+CME ERROR: 65535\r\n");
}

TEST(Air780epStateMachine, C008_CifsrReturnsBareAddress) {
  Transcript t(options());
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CIICR\r", "\r\nOK\r\n");
  t.exchange("AT+CIFSR\r", "\r\n10.17.70.180\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n");
}

TEST(Air780epStateMachine, C009_CifsrWithoutContext) {
  Transcript t(options());
  t.exchange("AT+CIFSR\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epStateMachine, C010_MultiLinkSyntaxInSingleMode) {
  Transcript t(options());
  bring_up(t);
  t.exchange("AT+CIPSTART=1,\"TCP\",\"112.125.89.8\",37076\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epStateMachine, C011_UnusableHostString) {
  Transcript t(options());
  bring_up(t);
  t.exchange(
      "AT+CIPSTART=\"TCP\",\xE2\x80\x9D"
      "112.125.89.8\xE2\x80\x9C,37076\r",
      "\r\nOK\r\n"
      "\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n");
}

TEST(Air780epStateMachine, C011_UnresolvableHostFailsAfterTwelveSecondsInTheRealProfile) {
  Transcript t(options({}, [](models::Profile& p) {
    p.timing = models::Timing::fast();
    p.timing.dns_failure = 12s;  // MH
  }));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"no.such.host.invalid\",80\r", "\r\nOK\r\n");
  t.advance(11s);
  t.expect_quiet();
  t.advance(1s);
  t.expect("\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
}

TEST(Air780epStateMachine, C012_SuccessfulConnect) {
  TcpServer server;
  Transcript t(options({{{kServer, server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r",
             "\r\nOK\r\n"
             "\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
  EXPECT_TRUE(server.wait_connections(1));
}

TEST(Air780epStateMachine, C012_RetryAfterConnectFailWithoutShut) {  // S0 / OQ-17
  TcpServer server;
  Transcript t(options({{{kServer, server.port()}}}));
  bring_up(t);
  t.exchange(
      "AT+CIPSTART=\"TCP\",\xE2\x80\x9D"
      "112.125.89.8\xE2\x80\x9C,37076\r",
      "\r\nOK\r\n"
      "\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
  connect_single(t, server);
}

TEST(Air780epStateMachine, C012_ChineseQuotePairReadsAsQuotes) {  // S0 trace, as printed
  TcpServer server;
  Transcript t(options({{{kServer, server.port()}}}));
  bring_up(t);
  t.exchange(
      "AT+CIPSTART=\xE2\x80\x9CTCP\xE2\x80\x9D,\xE2\x80\x9C"
      "112.125.89.8\xE2\x80\x9D,37076\r",
      "\r\nOK\r\n\r\nCONNECT OK\r\n");
}

TEST(Air780epStateMachine, C012_RealProfileConnectsAfterADelay) {
  TcpServer server;
  Transcript t(options({{{kServer, server.port()}}}, [](models::Profile& p) {
    p.timing = models::Timing::fast();
    p.timing.connect = 100ms;
  }));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CONNECTING\r\n");
  t.advance(100ms);
  t.expect("\r\nCONNECT OK\r\n");
}

TEST(Air780epStateMachine, C013_ConnectDirectlyFromIpInitial) {
  TcpServer server;
  Transcript t(options({{{"60.166.18.9:7500", server.port()}}}));
  t.exchange("AT+CIPSTART=\"TCP\",\"60.166.18.9\",7500\r",
             "\r\nOK\r\n"
             "\r\nCONNECT OK\r\n");
  t.exchange("AT+CIFSR\r", "\r\n10.17.70.180\r\n");
}

TEST(Air780epStateMachine, C013_ImplicitActivationFailsWhenDetached) {
  Transcript t(options());
  t.model().radio().attached = false;
  t.exchange("AT+CIPSTART=\"TCP\",\"60.166.18.9\",7500\r",
             "\r\nOK\r\n"
             "\r\nSTATE: IP INITIAL\r\n\r\nCONNECT FAIL\r\n");
}

TEST(Air780epStateMachine, C014_CipstartInIpStart) {
  Transcript t(options());
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"60.166.18.9\",7500\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epStateMachine, C015_CipstartWhileConnected) {
  TcpServer server;
  Transcript t(options({{{"60.166.18.9:7500", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"60.166.18.9\",7500\r",
             "\r\nOK\r\n"
             "\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"60.166.18.9\",7500\r",
             "\r\n+CME ERROR: 65535\r\n\r\nALREADY CONNECT\r\n");
}

TEST(Air780epStateMachine, C016_QuotedPortAccepted) {
  TcpServer server;
  Transcript t(options({{{"60.166.18.9:7500", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"60.166.18.9\",\"7500\"\r",
             "\r\nOK\r\n"
             "\r\nCONNECT OK\r\n");
}

TEST(Air780epStateMachine, C017_NoQuotesAtAll) {
  TcpServer server;
  Transcript t(
      options({{{"112.125.89.8:57513", server.port()}}, {"tcplab.openluat.com=112.125.89.8"}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=TCP,tcplab.openluat.com,57513\r",
             "\r\nOK\r\n"
             "\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPSTART=tcp,tcplab.openluat.com,57513\r",
             "\r\n+CME ERROR: 65535\r\n\r\nALREADY CONNECT\r\n");  // OQ-26: any case
}

TEST(Air780epStateMachine, C018_UdpLink) {
  UdpServer server;
  Transcript t(options({{{"112.125.89.8:45214", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"UDP\",\"112.125.89.8\",45214\r",
             "\r\nOK\r\n"
             "\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
}

TEST(Air780epStateMachine, C019_SilentPeer) {
  SilentServer server;
  Transcript t(options({{{"192.0.2.1:80", server.port()}}}));
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"192.0.2.1\",80\r", "\r\nOK\r\n");
  t.poll_until([] { return false; }, 200ms);
  t.advance(30s);
  t.expect_quiet();
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CONNECTING\r\n");
}

TEST(Air780epStateMachine, C020_CipmuxNotChangeableAfterActivation) {
  Transcript t(options());
  bring_up(t);
  t.exchange("AT+CIPMUX=1\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPMUX?\r", "\r\n+CIPMUX: 0\r\n\r\nOK\r\n");
}

TEST(Air780epStateMachine, C021_CipmuxTest) {
  Transcript t(options());
  t.exchange("AT+CIPMUX=?\r", "\r\n+CIPMUX: (0,1)\r\n\r\nOK\r\n");
}

TEST(Air780epStateMachine, C022_CipqsendReadPowerUpDefault) {
  Transcript t(options());
  t.exchange("AT+CIPQSEND?\r", "\r\n+CIPQSEND: 0\r\n\r\nOK\r\n");
}

TEST(Air780epStateMachine, C023_TransparentNeedsSingleLink) {
  Transcript t(options());
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPMODE=1\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPMODE?\r", "\r\n+CIPMODE: 0\r\n\r\nOK\r\n");
}

TEST(Air780epStateMachine, CsttReadAndTestForms) {  // OQ-23
  Transcript t(options());
  t.exchange("AT+CSTT=?\r", "\r\n+CSTT: \"APN\",\"USER\",\"PWD\"\r\n\r\nOK\r\n");
  t.exchange("AT+CSTT=\"cmiot\",\"u\",\"p\"\r", "\r\nOK\r\n");
  t.exchange("AT+CSTT?\r", "\r\n+CSTT: \"cmiot\",\"u\",\"p\"\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CSTT\r", "\r\nOK\r\n");
  t.exchange("AT+CSTT?\r", "\r\n+CSTT: \"\",\"\",\"\"\r\n\r\nOK\r\n");
}

TEST(Air780epStateMachine, CipstartTestForms) {  // air780ep.md §2, OQ-16
  Transcript t(options());
  t.exchange("AT+CIPSTART=?\r",
             "\r\n+CIPSTART: (\"TCP\",\"UDP\"),(\"(0,255).(0,255).(0,255).(0,255)\"),(1,65535)\r\n"
             "+CIPSTART: (\"TCP\",\"UDP\"),(\"DOMAIN NAME\"),(1,65535)\r\n\r\nOK\r\n");
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=?\r",
             "\r\n+CIPSTART: (0-5),(\"TCP\",\"UDP\"),(\"(0,255).(0,255).(0,255).(0,255)\"),"
             "(1,65535)\r\n+CIPSTART: (0-5),(\"TCP\",\"UDP\"),(\"DOMAIN NAME\"),(1,65535)\r\n"
             "\r\nOK\r\n");
}

TEST(Air780epStateMachine, CipstartParameterErrors) {
  Transcript t(options());
  bring_up(t);
  t.exchange("AT+CIPSTART=\"SCTP\",\"1.2.3.4\",80\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"1.2.3.4\",0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"1.2.3.4\",65536\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"\",80\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"" + std::string(129, 'a') + "\",80\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTART\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
