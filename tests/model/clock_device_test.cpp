// services-cases.md K- cases: clock (+CCLK, +CTZU, +CTZR), radio on/off (+CFUN), operator
// (+COPS), supply (+CBC), own number (+CNUM), SIM lock (+CLCK, +CPWD, +CPIN).
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono_literals;

const char* const kBurst =
    "\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
    "\r\n+NITZ: 24/07/23,08:35:01+32,0\r\n";
// The same 1.3 s after AT+CFUN=1 / AT+CPIN: the network's clock runs on (the cases freeze it).
const char* const kLaterBurst =
    "\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
    "\r\n+NITZ: 24/07/23,08:35:02+32,0\r\n";

TEST(ClockDevice, K001_RegistrationBurstAfterCfun1NitzCarriesUtc) {
  Transcript t = sms_modem();
  t.exchange("AT+CFUN=0\r", "\r\nOK\r\n\r\n+CGEV: ME DETACH\r\n");
  t.exchange("AT+CFUN=1\r", "\r\nOK\r\n");
  t.advance(1299ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect(kLaterBurst);
}

TEST(ClockDevice, K002_CclkShowsLocalTimeAfterNitz) {
  Transcript t = sms_modem();
  t.exchange("AT+CCLK?\r", "\r\n+CCLK: \"24/07/23,16:35:01+32\"\r\n\r\nOK\r\n");
  t.advance(61s);
  t.exchange("AT+CCLK?\r", "\r\n+CCLK: \"24/07/23,16:36:02+32\"\r\n\r\nOK\r\n");
}

TEST(ClockDevice, K003_SetAndReadBackTheClock) {
  Transcript t = sms_modem();
  t.exchange("AT+CCLK=\"18/08/07,13:28:29+32\"\r", "\r\nOK\r\n");
  t.exchange("AT+CCLK?\r", "\r\n+CCLK: \"18/08/07,13:28:29+32\"\r\n\r\nOK\r\n");
  t.exchange("AT+CCLK=?\r", "\r\nOK\r\n");
}

TEST(ClockDevice, K004_InvalidClockValues) {
  Transcript t = sms_modem();
  t.exchange("AT+CCLK=\"24/13/40,25:00:00+32\"\r", "\r\n+CME ERROR: 50\r\n");
  t.exchange("AT+CCLK=24/07/23,16:35:01+32\r", "\r\n+CME ERROR: 50\r\n");
  t.exchange("AT+CCLK=\"24/07/23,16:35:01+60\"\r", "\r\n+CME ERROR: 50\r\n");
}

TEST(ClockDevice, K005_ClockBeforeAnyNetworkTime) {  // a SIM-less boot never hears NITZ
  Transcript t = sms_modem();
  t.model().set_sim(models::SimState::Absent);
  t.model().reboot();
  t.take();
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  t.exchange("AT+CCLK?\r", "\r\n+CCLK: \"70/01/01,00:00:00+00\"\r\n\r\nOK\r\n");
}

TEST(ClockDevice, K006_CtzuAndCtzr) {
  Transcript t = sms_modem();
  t.exchange("AT+CTZU?\r", "\r\n+CTZU: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CTZU=?\r", "\r\n+CTZU: (0,1)\r\n\r\nOK\r\n");
  t.exchange("AT+CTZR?\r", "\r\n+CTZR: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CTZR=?\r", "\r\n+CTZR: (0,1)\r\n\r\nOK\r\n");
  t.exchange("AT+CTZR=0\r", "\r\n+CME ERROR: 4\r\n");
}

TEST(ClockDevice, K007_Ctzu0KeepsAManuallySetClockAcrossRegistration) {
  Transcript t = sms_modem();
  t.exchange("AT+CFUN=0\r", "\r\nOK\r\n\r\n+CGEV: ME DETACH\r\n");
  t.exchange("AT+CTZU=0\r", "\r\nOK\r\n");
  t.exchange("AT+CCLK=\"18/08/07,13:28:29+32\"\r", "\r\nOK\r\n");
  t.exchange("AT+CFUN=1\r", "\r\nOK\r\n");
  t.advance(1300ms);
  t.expect(kLaterBurst);
  t.exchange("AT+CCLK?\r", "\r\n+CCLK: \"18/08/07,13:28:30+32\"\r\n\r\nOK\r\n");
}

TEST(ClockDevice, Nm28ClockAndCtzr) {  // services §9: no +NITZ; +CTZR 0/1 with +CTZV
  Transcript t = sms_modem({.model = "nm28"});
  t.exchange("AT+CCLK?\r", "\r\n+CCLK: \"24/07/23,16:35:01+32\"\r\n\r\nOK\r\n");
  t.exchange("AT+CTZR?\r", "\r\n+CTZR: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CTZR=1\r", "\r\nOK\r\n");
  t.model().on_network_time();
  t.expect("\r\n+CTZV: +32\r\n");
}

TEST(ClockDevice, K008_SupplyVoltageLuatForm) {
  Transcript t = sms_modem();
  t.exchange("AT+CBC\r", "\r\n+CBC: 3968\r\n\r\nOK\r\n");
  t.exchange("AT+CBC=?\r", "\r\nOK\r\n");
  t.exchange("AT+CBC?\r", "\r\n+CBC: 0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CBC=3400,3300\r", "\r\nOK\r\n");
  t.exchange("AT+CBC?\r", "\r\n+CBC: 3400,3300\r\n\r\nOK\r\n");
}

TEST(ClockDevice, K009_TheSimcomKnobAndTheNm28Form) {
  Transcript t = sms_modem({.profile = [](models::Profile& p) { p.battery.format = "simcom"; }});
  t.exchange("AT+CBC\r", "\r\n+CBC: 0,80,3968\r\n\r\nOK\r\n");
  Transcript nm28 = sms_modem({.model = "nm28"});
  nm28.model().supply().millivolts = 3700;
  nm28.exchange("AT+CBC\r", "\r\n+CBC: 0,80,3700\r\n\r\nOK\r\n");
}

TEST(ClockDevice, K010_PowerDownAndPowerOn) {
  Transcript t = sms_modem();
  t.exchange("AT+CPOWD=?\r", "\r\n+CPOWD: (0,1)\r\n\r\nOK\r\n");
  t.exchange("AT+CPOWD=1\r", "\r\nNORMAL POWER DOWN\r\n");
  t.advance(1ms);
  t.send("AT\r");
  t.expect_quiet();
  deliver(t, sms::examples::kD1);  // no radio: the message is not taken
  EXPECT_EQ(t.model().sms().counters().refused, 1u);
  t.expect_quiet();
  t.model().power_on();  // the harness's power key (`ctl power on`); fast timing: all at once
  t.expect(std::string("\r\nRDY\r\n") + kBurst);
  t.exchange("AT\r", "AT\r\r\nOK\r\n");  // echo on again
}

TEST(ClockDevice, K011_EmergencyPowerDown) {
  Transcript t = sms_modem({.echo = true});
  t.exchange("AT+CPOWD=0\r", "AT+CPOWD=0\r");
  t.advance(1ms);
  t.send("AT\r");
  t.expect_quiet();
  Transcript nm28 = sms_modem({.model = "nm28"});
  nm28.exchange("AT+CPOWD=1\r", "\r\nERROR\r\n");  // services §9
}

TEST(ClockDevice, K015_FlightModeUrcsAndQueries) {
  Transcript t = sms_modem();
  t.exchange("AT+CREG=1\r", "\r\nOK\r\n");
  t.exchange("AT+CFUN=0\r", "\r\nOK\r\n\r\n+CGEV: ME DETACH\r\n\r\n+CREG: 0\r\n");
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  t.exchange("AT+CESQ\r", "\r\n+CESQ: 99,99,255,255,255,255\r\n\r\nOK\r\n");
  t.exchange("AT+CEREG?\r", "\r\n+CEREG: 0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CGATT?\r", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CFUN?\r", "\r\n+CFUN: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange(std::string(sms::examples::kM1) + "\x1A", "\r\n+CMS ERROR: 331\r\n");
  t.exchange("AT+CFUN=0\r", "\r\nOK\r\n");  // the same state again: no URCs [I]
}

TEST(ClockDevice, K018_OperatorAfterPowerUpFormatSwitching) {
  Transcript t = sms_modem();
  t.exchange("AT+COPS?\r", "\r\n+COPS: 0,2,\"46000\",7\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=3,0\r", "\r\nOK\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 0,0,\"CHINA MOBILE\",7\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=3,1\r", "\r\nOK\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 0,1,\"CMCC\",7\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=3,3\r", "\r\n+CME ERROR: 50\r\n");
}

TEST(ClockDevice, K019_ChinaUnicomAndChinaTelecomNames) {
  Transcript u =
      sms_modem({.profile = [](models::Profile& p) { p.network.operator_numeric = "46001"; }});
  u.exchange("AT+COPS?\r", "\r\n+COPS: 0,2,\"46001\",7\r\n\r\nOK\r\n");
  u.exchange("AT+COPS=3,1\r", "\r\nOK\r\n");
  u.exchange("AT+COPS?\r", "\r\n+COPS: 0,1,\"UNICOM\",7\r\n\r\nOK\r\n");
  u.exchange("AT+COPS=3,0\r", "\r\nOK\r\n");
  u.exchange("AT+COPS?\r", "\r\n+COPS: 0,0,\"CHN-UNICOM\",7\r\n\r\nOK\r\n");
  Transcript ct =
      sms_modem({.profile = [](models::Profile& p) { p.network.operator_numeric = "46011"; }});
  ct.exchange("AT+COPS=3,0\r", "\r\nOK\r\n");
  ct.exchange("AT+COPS?\r", "\r\n+COPS: 0,0,\"CHN-CT\",7\r\n\r\nOK\r\n");
}

TEST(ClockDevice, K020_OperatorScan) {
  Transcript t = sms_modem();
  t.exchange("AT+COPS=?\r",
             "\r\n+COPS: (2,\"CHINA MOBILE\",\"CMCC\",\"46000\",7),(3,\"CHN-UNICOM\",\"UNICOM\","
             "\"46001\",7),(3,\"CHN-CT\",\"CT\",\"46011\",7),,(0-4),(0-2)\r\n\r\nOK\r\n");
}

TEST(ClockDevice, K022_SimPinLockAndPasswordChange) {
  Transcript t = sms_modem();
  t.exchange("AT+CLCK=\"SC\",2\r", "\r\n+CLCK: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CLCK=\"SC\",1,\"1234\"\r", "\r\nOK\r\n");
  t.exchange("AT+CLCK=\"SC\",2\r", "\r\n+CLCK: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CPWD=\"SC\",\"1234\",\"8888\"\r", "\r\nOK\r\n");
  t.exchange("AT+CLCK=\"SC\",0,\"1234\"\r", "\r\n+CME ERROR: 16\r\n");
  t.exchange("AT+CLCK=\"SC\",0,\"8888\"\r", "\r\nOK\r\n");
  t.exchange("AT+CLCK=?\r", "\r\n+CLCK: (\"SC\")\r\n\r\nOK\r\n");
  t.exchange("AT+CPWD=?\r", "\r\n+CPWD: (\"SC\",8)\r\n\r\nOK\r\n");
  t.exchange("AT+CPWD=\"SC\",\"8888\",\"1234\"\r", "\r\n+CME ERROR: 3\r\n");  // lock off [I]
  t.exchange("AT+CLCK=\"AO\",2\r", "\r\n+CME ERROR: 4\r\n");
}

TEST(ClockDevice, K023_PinEntryAfterARebootWithTheLockOn) {
  Transcript t = sms_modem();
  t.exchange("AT+CLCK=\"SC\",1,\"1234\"\r", "\r\nOK\r\n");
  t.model().reboot();
  t.take();
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  t.exchange("AT+CPIN=\"1234\"\r", "\r\nOK\r\n");
  t.advance(1300ms);
  t.expect(kLaterBurst);
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

TEST(ClockDevice, ThreeWrongPinsBlockTheSim) {
  Transcript t = sms_modem();
  t.exchange("AT+CLCK=\"SC\",1,\"1234\"\r", "\r\nOK\r\n");
  for (int i = 0; i < 3; ++i) t.exchange("AT+CLCK=\"SC\",0,\"0000\"\r", "\r\n+CME ERROR: 16\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: SIM PUK\r\n\r\nOK\r\n");
}

TEST(ClockDevice, K024_OwnNumber) {
  Transcript t = sms_modem();
  t.exchange("AT+CNUM\r", "\r\n+CNUM: \"\",\"+8613912340000\",145\r\n\r\nOK\r\n");
  Transcript none = sms_modem({.profile = [](models::Profile& p) { p.sms.msisdn.clear(); }});
  none.exchange("AT+CNUM\r", "\r\nERROR\r\n");
}

}  // namespace
}  // namespace cellemu::testing
