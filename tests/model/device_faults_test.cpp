// The harness side of device control: `ctl dtr` and the sleep state in `ctl status` (services
// §4.3), `ctl sim lock PIN` (§5.3, issue 15).
#include "tests/model/fault_util.h"
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono_literals;

TEST(DeviceFaults, DtrLetsALevel1ModuleSleepAndStatusShowsIt) {
  Transcript t = sms_modem();
  EXPECT_EQ(status(t)["sleep"], (nlohmann::json{{"csclk", 0}, {"state", "awake"}, {"dtr", "low"}}));
  t.exchange("AT+CSCLK=1\r", "\r\nOK\r\n");
  inject(t, "dtr high");
  t.advance(1s);
  EXPECT_EQ(status(t)["sleep"],
            (nlohmann::json{{"csclk", 1}, {"state", "asleep"}, {"dtr", "high"}}));
  inject(t, "dtr low");  // a falling edge wakes it and no line is lost
  t.exchange("AT\r", "\r\nOK\r\n");
  EXPECT_EQ(status(t)["sleep"]["state"], "awake");
  std::string error;
  EXPECT_FALSE(control::parse_fault("dtr up", error));
}

TEST(DeviceFaults, SimLockAsksForThePinAtTheNextBoot) {
  Transcript t = sms_modem();
  inject(t, "sim lock 4321");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");  // a running module does not ask
  t.exchange("AT+CLCK=\"SC\",2\r", "\r\n+CLCK: 1\r\n\r\nOK\r\n");
  inject(t, "reboot");
  t.advance(1ms);
  t.take();
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  t.exchange("AT+CPIN=\"1234\"\r", "\r\n+CME ERROR: 16\r\n");
  t.exchange("AT+CPIN=\"4321\"\r", "\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  const auto bad = fault(t, "sim lock 12");
  EXPECT_EQ(bad.value("ok", true), false);
  EXPECT_EQ(bad.value("error", ""), "usage: sim lock PIN with PIN 4 to 8 digits (got '12')");
}

}  // namespace
}  // namespace cellemu::testing
