// The fault vocabulary applied to a modem (both models), and scenarios driving it.
#include <gtest/gtest.h>

#include "emulator/control/control_server.h"
#include "emulator/control/fault_injector.h"
#include "emulator/scenario/scenario_runner.h"
#include "tests/model/fault_util.h"
#include "tests/support/transcript.h"

namespace cellemu::testing {
namespace {
using namespace std::chrono_literals;

// The NM28 profile sees a card put back at once (sim_hotplug, the default).
TEST(FaultsCommon, SimRemovedAndInserted) {
  Transcript t(TranscriptOptions{.model = "nm28"});
  t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");  // the NM28 starts at CMEE 0 (OQ-8)
  EXPECT_TRUE(fault(t, "sim remove")["ok"]);
  t.expect("\r\n+CPIN: SIM REMOVED\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");
  t.exchange("AT+CGATT?\r", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  fault(t, "sim insert");
  t.expect("\r\n+CPIN: READY\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

TEST(FaultsCommon, RegistrationLostAndRegainedPerUrcMode) {
  Transcript t;
  t.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  t.exchange("AT+CGREG=2\r", "\r\nOK\r\n");
  fault(t, "register searching");
  t.expect("\r\n+CGREG: 2\r\n\r\n+CEREG: 2\r\n");  // no cell while searching
  t.exchange("AT+CEREG?\r", "\r\n+CEREG: 1,2\r\n\r\nOK\r\n");
  fault(t, "register home");
  t.expect("\r\n+CGREG: 1,\"1863\",\"0183db22\",7\r\n\r\n+CEREG: 1\r\n");
}

TEST(FaultsCommon, SignalQuality) {
  Transcript t(TranscriptOptions{.model = "nm28"});
  fault(t, "signal 7 3");
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 7,3\r\n\r\nOK\r\n");
}

TEST(FaultsCommon, RebootKeepsThePortAndReplaysPowerUp) {
  Transcript t(
      TranscriptOptions{.profile = [](models::Profile& p) { p.nitz = "24/07/23,08:35:01+32,0"; }});
  t.exchange("AT+CMEE=2\r", "\r\nOK\r\n");
  fault(t, "reboot");
  t.advance(1ms);
  t.expect(
      "\r\nRDY\r\n\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
      "\r\n+NITZ: 24/07/23,08:35:01+32,0\r\n");
  t.exchange("AT+CMEE?\r", "AT+CMEE?\r\r\n+CMEE: 1\r\n\r\nOK\r\n");
}

TEST(FaultsCommon, SerialGarbageAndDroppedBytes) {
  Transcript t;
  fault(t, "serial garbage 32");
  EXPECT_EQ(t.take().size(), 32u);
  fault(t, "serial drop 2");
  t.send("XYAT\r");  // the module never sees "XY"
  t.expect("\r\nOK\r\n");
}

TEST(FaultsCommon, UrcInjectionWaitsForTheCommandInProgress) {
  Transcript t;
  t.send("AT+C");
  fault(t, "urc \"+CPIN: NOT READY\"");
  t.expect_quiet();
  t.exchange("SQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n\r\n+CPIN: NOT READY\r\n");
}

TEST(FaultsCommon, StatusAndNetworkSettings) {
  Transcript t;
  fault(t, "net delay 200");
  fault(t, "net loss 5");
  fault(t, "nat-idle 30s tcp");
  const auto status = fault(t, "status")["status"];
  EXPECT_EQ(status["model"], "air780ep");
  EXPECT_EQ(status["sim"], "ready");
  EXPECT_EQ(status["net"]["delay_ms"], 200);
  EXPECT_DOUBLE_EQ(status["net"]["loss_pct"].get<double>(), 5.0);
  EXPECT_EQ(status["net"]["nat_idle_tcp_s"], 30);
  EXPECT_EQ(status["net"]["nat_idle_udp_s"], 120);
  EXPECT_FALSE(fault(t, "link 4 reset")["ok"]);
}

TEST(FaultsCommon, ControlRequestsAreJsonLines) {
  Transcript t;
  control::LocalDirectory dir({t.session.get()});
  control::ControlServer server(t.io, dir);
  nlohmann::json reply;
  server.handle("{\"cmd\":\"signal 12\"}", [&](nlohmann::json r) { reply = std::move(r); });
  EXPECT_EQ(reply, (nlohmann::json{{"ok", true}}));
  server.handle("{\"args\":[\"status\"],\"modem\":0}", [&](nlohmann::json r) { reply = r; });
  EXPECT_EQ(reply["status"]["rssi"], 12);
  server.handle("{\"cmd\":\"status\",\"modem\":3}", [&](nlohmann::json r) { reply = r; });
  EXPECT_EQ(reply["error"], "no modem 3 (this emulator runs 1)");
  server.handle("not json", [&](nlohmann::json r) { reply = r; });
  EXPECT_FALSE(reply["ok"]);
}

TEST(FaultsCommon, ScenarioWithBothTriggers) {
  Transcript t;
  std::string error;
  auto s = scenario::parse_scenario(YAML::Load("events:\n"
                                               "  - at: 30s\n"
                                               "    do: signal 5\n"
                                               "  - after: AT+CPIN\n"
                                               "    delay: 2s\n"
                                               "    do: sim remove\n"),
                                    "s.yaml", error);
  ASSERT_TRUE(s) << error;
  scenario::ScenarioRunner runner(*t.session, t.timers, *s, 0);
  runner.start();
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  t.advance(30s);
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 5,0\r\n\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  t.advance(1999ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("\r\n+CPIN: SIM REMOVED\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");  // "after" events fire once
  t.advance(10s);
  t.expect_quiet();
  EXPECT_EQ(runner.fired(), 2u);
}

}  // namespace
}  // namespace cellemu::testing
