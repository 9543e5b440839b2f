// Faults of the radio and the data context as the Air780EP reports them (air780ep.md §9, §1; S0
// FAQ 5; conformance H-015, H-016; OQ-40), injected through the fault vocabulary of `cellemu ctl`.
#include "tests/model/air780ep_test_util.h"
#include "tests/model/fault_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

// H-015 through the verb, then S0 FAQ 5's recovery: CIPSHUT, activate again, reconnect.
TEST(Air780epFaults, H015_PdpDeactThenShutAndReconnect) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  inject(t, "pdp-deact");
  t.expect("\r\n+PDP: DEACT\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  EXPECT_EQ(status(t)["ip_state"], "PDP DEACT");
  EXPECT_TRUE(status(t)["links"].empty());
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
  t.exchange("AT+CIPSEND=4\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
  bring_up(t);
  connect_single(t, server, 1);
  t.exchange("AT+CIPSEND=4\r", "\r\n> ");
  t.exchange("back", "\r\nSEND OK\r\n");
  await_received(t, server, 1, 4);
  EXPECT_EQ(server.received(1), "back");
}

TEST(Air780epFaults, PdpDeactDropsEveryLinkWithoutClosedLines) {  // OQ-40
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0, 4});
  inject(t, "pdp-deact");
  t.expect("\r\n+PDP: DEACT\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  EXPECT_TRUE(server.wait_peer_closed(1));
  t.expect_quiet();
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n\r\n" + kInitialRows);
  t.exchange("AT+CIPSEND=0,4\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epFaults, PdpDeactWithoutAContextChangesNothing) {  // §9.1: "any active state"
  Transcript t(options());
  inject(t, "pdp-deact");
  t.expect_quiet();
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
}

TEST(Air780epFaults, PdpDeactEndsTransparentMode) {
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMODE=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT\r\n");
  await_connections(t, server, 1);
  inject(t, "pdp-deact");
  t.expect("\r\n+PDP: DEACT\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");  // command mode again
}

// With the sim_hotplug knob on (a module that sees the card at once).
TEST(Air780epFaults, SimRemovedAndInsertedTakesTheContextAlong) {
  TcpServer server;
  Transcript t = routed_modem(server, [](models::Profile& p) { p.sim_hotplug = true; });
  t.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  connected_single(t, server, 0);
  inject(t, "sim remove");
  t.expect("\r\n+CPIN: SIM REMOVED\r\n\r\n+CEREG: 2\r\n\r\n+PDP: DEACT\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  EXPECT_EQ(status(t)["sim"], "absent");
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  // No SIM, no bearer: the implicit activation of CIPSTART fails.
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r",
             "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n\r\nCONNECT FAIL\r\n");
  inject(t, "sim insert");
  t.expect("\r\n+CPIN: READY\r\n\r\n+CEREG: 1\r\n");
  connect_single(t, server, 1);
}

// S0's trace comment: a SIM put back is seen only after a module reset; until then AT+CPIN?
// answers as with no card and the insert itself shows nothing.
TEST(Air780epFaults, SimReinsertedIsSeenOnlyAfterAReset) {
  Transcript t(options({}, [](models::Profile& p) { p.nitz = "24/07/23,08:35:01+32,0"; }));
  t.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  inject(t, "sim remove");
  t.expect("\r\n+CPIN: SIM REMOVED\r\n\r\n+CEREG: 2\r\n");
  inject(t, "sim insert");
  t.expect_quiet();
  EXPECT_EQ(status(t)["sim"], "absent");
  EXPECT_EQ(status(t)["sim_awaits_reset"], true);
  t.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");
  t.exchange("AT+CFUN=1,1\r", "\r\nOK\r\n");
  t.advance(1ms);  // the reboot runs once OK is out
  t.expect(
      "\r\nRDY\r\n\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n\r\n"
      "+NITZ: 24/07/23,08:35:01+32,0\r\n");
  t.exchange("AT+CPIN?\r", "AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n");  // E1 again
  EXPECT_EQ(status(t)["sim_awaits_reset"], false);
}

// Pulled again before the reset: the reset finds no card.
TEST(Air780epFaults, SimPulledAgainBeforeTheResetStaysAbsent) {
  Transcript t(options());
  inject(t, "sim remove");
  t.expect("\r\n+CPIN: SIM REMOVED\r\n");
  inject(t, "sim insert");
  inject(t, "sim remove");
  t.expect_quiet();
  inject(t, "reboot");
  t.advance(1ms);
  t.expect("\r\nRDY\r\n\r\n+CPIN: SIM REMOVED\r\n");
  t.exchange("AT+CPIN?\r", "AT+CPIN?\r\r\n+CME ERROR: 10\r\n");
}

TEST(Air780epFaults, RegistrationLostAndRegainedPerUrcMode) {
  Transcript t(options());
  t.exchange("AT+CREG=2\r", "\r\nOK\r\n");
  t.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  bring_up(t);
  inject(t, "register searching");
  t.expect("\r\n+CREG: 2\r\n\r\n+CEREG: 2\r\n\r\n+PDP: DEACT\r\n");
  t.exchange("AT+CGATT?\r", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  inject(t, "register roaming");
  t.expect("\r\n+CREG: 5,\"1863\",\"0183db22\",7\r\n\r\n+CEREG: 5\r\n");
  t.exchange("AT+CREG?\r", "\r\n+CREG: 2,5,\"1863\",\"0183db22\",7\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");  // until AT+CIPSHUT
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  bring_up(t);
  inject(t, "register denied");  // CEREG=0 modes stay silent; the context goes all the same
  t.expect("\r\n+CREG: 3\r\n\r\n+CEREG: 3\r\n\r\n+PDP: DEACT\r\n");
}

TEST(Air780epFaults, RegistrationUrcsAreOffByDefault) {
  Transcript t(options());
  inject(t, "register searching");
  t.expect_quiet();
  t.exchange("AT+CEREG?\r", "\r\n+CEREG: 0,2\r\n\r\nOK\r\n");
}

TEST(Air780epFaults, SignalQuality) {
  Transcript t(options());
  inject(t, "signal 99 99");
  t.expect_quiet();  // 27.007 has no +CSQ URC: the host sees it when it asks
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  inject(t, "signal 31");  // BER 0 unless given
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 31,0\r\n\r\nOK\r\n");
}

TEST(Air780epFaults, RebootDropsTheLinksAndForgetsTheSettings) {  // S0 FAQ 4
  TcpServer server;
  Transcript t =
      routed_modem(server, [](models::Profile& p) { p.nitz = "24/07/23,08:35:01+32,0"; });
  t.exchange("AT+CIPTKA=1,180,75,6\r", "\r\nOK\r\n");
  connected_multi(t, server, 1, {2});
  inject(t, "reboot");
  t.advance(1ms);
  t.expect(
      "\r\nRDY\r\n\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
      "\r\n+NITZ: 24/07/23,08:35:01+32,0\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  t.exchange("AT+CIPSTATUS\r", "AT+CIPSTATUS\r\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");  // E1 again
  t.exchange("AT+CIPMUX?\r", "AT+CIPMUX?\r\r\n+CIPMUX: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CIPTKA?\r", "AT+CIPTKA?\r\r\n+CIPTKA: 0,7200,75,9\r\n\r\nOK\r\n");
  EXPECT_TRUE(status(t)["links"].empty());
}

TEST(Air780epFaults, RebootLosesAHalfTypedLine) {  // a power cycle does not wait for the host
  Transcript t(options({}, [](models::Profile& p) { p.nitz = "24/07/23,08:35:01+32,0"; }));
  t.send("AT+CS");
  inject(t, "reboot");
  t.advance(1ms);
  t.expect(
      "\r\nRDY\r\n\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
      "\r\n+NITZ: 24/07/23,08:35:01+32,0\r\n");
  t.exchange("Q\r", "Q\r\r\nERROR\r\n");  // echo is on again; "Q" alone is no command
}

TEST(Air780epFaults, StatusShowsTheLinksAsTheModuleNumbersThem) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {3});
  t.exchange("AT+CIPSEND=3,5\r", "\r\n> ");
  t.exchange("hello", "\r\n3, SEND OK\r\n");
  await_received(t, server, 0, 5);
  const auto s = status(t);
  EXPECT_EQ(s["ip_state"], "IP PROCESSING");
  ASSERT_EQ(s["links"].size(), 1u);
  const auto& link = s["links"][0];
  EXPECT_EQ(link["id"], 3);
  EXPECT_EQ(link["protocol"], "TCP");
  EXPECT_EQ(link["remote"], "60.166.12.210:7500");
  EXPECT_EQ(link["state"], "CONNECTED");
  EXPECT_EQ(link["sent"], 5);
  EXPECT_EQ(link["received"], 0);
  EXPECT_EQ(link["nat_lost"], false);
  EXPECT_EQ(model(t).link_by_id(3)->state(), net::LinkState::Connected);
  EXPECT_EQ(model(t).link_by_id(0), nullptr);
  EXPECT_EQ(model(t).link_by_id(6), nullptr);
}

TEST(Air780epFaults, SingleLinkIsLinkZero) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  EXPECT_EQ(status(t)["ip_state"], "CONNECT OK");
  EXPECT_NE(model(t).link_by_id(0), nullptr);
  EXPECT_EQ(model(t).link_by_id(1), nullptr);
  EXPECT_FALSE(fault(t, "link 1 reset")["ok"]);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
