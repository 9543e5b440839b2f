// services-cases.md K-012…K-014: AT+CSCLK sleep, AT+WAKETIM, and what is lost or delivered while
// the module sleeps (spec services §4.3, OQ-S15).
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono_literals;

TEST(Sleep, K012_SleepMode2TheFirstLineIsLostOnWakeUp) {
  Transcript t = sms_modem();
  t.exchange("AT+CSCLK=?\r", "\r\n+CSCLK: (0-3)\r\n\r\nOK\r\n");
  t.exchange("AT+CSCLK=2\r", "\r\nOK\r\n");
  t.exchange("AT+CSCLK?\r", "\r\n+CSCLK: 2\r\n\r\nOK\r\n");
  t.advance(999ms);
  EXPECT_FALSE(t.model().sleep().asleep());
  t.advance(1ms);  // WAKETIM 1 s idle: asleep
  EXPECT_TRUE(t.model().sleep().asleep());
  t.send("AT\r");
  t.expect_quiet();  // the wake-up took the line: no echo, no answer
  EXPECT_FALSE(t.model().sleep().asleep());
  t.exchange("AT\r", "\r\nOK\r\n");
  t.advance(1s);  // idle again: asleep again
  EXPECT_TRUE(t.model().sleep().asleep());
}

TEST(Sleep, K012_TheLostLineIsNotEchoedAndAHostTypingSlowlyLosesAllOfIt) {
  Transcript t = sms_modem({.echo = true});
  t.exchange("AT+CSCLK=2\r", "AT+CSCLK=2\r\r\nOK\r\n");
  t.advance(1s);
  t.send("AT+C");
  t.advance(500ms);
  t.send("SQ\r");  // the rest of the line
  t.expect_quiet();
  t.exchange("AT\r", "AT\r\r\nOK\r\n");
}

TEST(Sleep, K013_AUrcWakesTheModuleAndIsDelivered) {
  Transcript t = sms_modem();
  t.exchange("AT+CNMI=2,1\r", "\r\nOK\r\n");
  t.exchange("AT+CSCLK=2\r", "\r\nOK\r\n");
  t.advance(1s);
  ASSERT_TRUE(t.model().sleep().asleep());
  deliver(t, sms::examples::kD1);
  t.expect("\r\n+CMTI: \"SM\",1\r\n");
  EXPECT_FALSE(t.model().sleep().asleep());
  t.exchange("AT\r", "\r\nOK\r\n");  // awake: nothing lost
}

TEST(Sleep, K014_SleepTimer) {
  Transcript t = sms_modem();
  t.exchange("AT+WAKETIM?\r", "\r\n+WAKETIM:1\r\n\r\nOK\r\n");
  t.exchange("AT+WAKETIM=8\r", "\r\nOK\r\n");
  t.exchange("AT+WAKETIM?\r", "\r\n+WAKETIM:8\r\n\r\nOK\r\n");
  t.exchange("AT+WAKETIM=66\r", "\r\n+CME ERROR: 50\r\n");
  t.exchange("AT+CSCLK=2\r", "\r\nOK\r\n");
  t.advance(7999ms);
  EXPECT_FALSE(t.model().sleep().asleep());
  t.advance(1ms);
  EXPECT_TRUE(t.model().sleep().asleep());
  t.send("AT*RTIME?\r");  // lost to the wake-up
  t.expect_quiet();
  t.exchange("AT*RTIME?\r", "\r\n*RTIME: 0\r\n\r\nOK\r\n");
  t.exchange("AT*RTIME=20\r", "\r\nOK\r\n");
  t.exchange("AT*RTIME?\r", "\r\n*RTIME: 20\r\n\r\nOK\r\n");
  t.exchange("AT*RTIME=21\r", "\r\n+CME ERROR: 50\r\n");
}

TEST(Sleep, Level0NeverSleepsAndLevel1WaitsForDtr) {
  Transcript t = sms_modem();
  t.advance(1h);
  EXPECT_FALSE(t.model().sleep().asleep());
  t.exchange("AT+CSCLK=1\r", "\r\nOK\r\n");
  t.advance(10s);
  EXPECT_FALSE(t.model().sleep().asleep());  // DTR low (an open port asserts it)
  t.model().sleep().set_dtr(true);
  t.advance(1s);
  EXPECT_TRUE(t.model().sleep().asleep());
  t.model().sleep().set_dtr(false);  // the falling edge wakes it: nothing is lost
  EXPECT_FALSE(t.model().sleep().asleep());
  t.exchange("AT\r", "\r\nOK\r\n");
  t.exchange("AT+CSCLK=0\r", "\r\nOK\r\n");
  t.model().sleep().set_dtr(true);
  t.advance(1h);
  EXPECT_FALSE(t.model().sleep().asleep());
}

TEST(Sleep, NoSleepWhileASendWindowIsOpenOrAfterAReboot) {
  Transcript t = sms_modem();
  t.exchange("AT+CSCLK=2\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=20\r", "\r\n> ");  // the window holds the module awake
  t.advance(5s);
  EXPECT_FALSE(t.model().sleep().asleep());
  t.exchange("\x1B", "\r\nOK\r\n");  // ESC: nothing sent (OQ-S4)
  t.advance(1s);
  EXPECT_TRUE(t.model().sleep().asleep());
  t.model().reboot();  // settings back to power-up: CSCLK 0
  t.take();
  t.advance(1h);
  EXPECT_FALSE(t.model().sleep().asleep());
}

}  // namespace
}  // namespace cellemu::testing
