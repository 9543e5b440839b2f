// Conformance cases of section A and B (../shared/spec/conformance-cases.md) that need only the
// common layer, on both models. Cases that need the TCP/IP stack live with it.
#include <gtest/gtest.h>

#include "tests/support/transcript.h"

namespace cellemu::testing {
namespace {

Transcript air(bool echo = false) {
  return Transcript(TranscriptOptions{.echo = echo});
}

TEST(CommonAir780ep, A001_EchoOnAtPowerUp) {
  Transcript t = air(true);
  t.exchange("AT\r", "AT\r\r\nOK\r\n");
}

TEST(CommonAir780ep, A002_EchoOff) {
  Transcript t = air(true);
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  t.exchange("AT\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, A003_InformationAndResultFraming) {
  Transcript t = air();
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, A004_NumericResultCodes) {
  Transcript t = air();
  t.exchange("ATV0\r", "0\r");
  t.exchange("AT+CSQ\r", "+CSQ: 23,0\r\n0\r");
  t.exchange("ATV1\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, A005_ResultCodeSuppression) {
  Transcript t = air();
  t.send("ATQ1\r");
  t.expect_quiet();
  t.exchange("AT+CREG?\r", "\r\n+CREG: 0,1\r\n");
  t.exchange("ATQ0\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, A006_CmeeDefaultIsOne) {
  Transcript t = air();
  t.exchange("AT+CMEE?\r", "\r\n+CMEE: 1\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, A009_UnknownCommand) {
  Transcript t = air();
  t.exchange("AT+CIICRR\r", "\r\nERROR\r\n");
}

TEST(CommonAir780ep, A010_NonAtLineIsAnsweredError) {
  Transcript t = air(true);
  t.exchange("SHUT OK\r", "SHUT OK\r\r\nERROR\r\n");
}

TEST(CommonAir780ep, A011_EmptyLineIsIgnored) {
  Transcript t = air();
  t.send("\r\n");
  t.expect_quiet();
  t.advance(std::chrono::seconds(1));
  t.expect_quiet();
}

TEST(CommonAir780ep, A013_ConcatenatedBasicCommands) {
  Transcript t = air();
  t.exchange("AT&FZE0&W\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, A014_ErrorAbortsTheRestOfTheLine) {
  Transcript t = air();
  t.exchange("AT+CIICRR;+CSQ\r", "\r\nERROR\r\n");
}

TEST(CommonAir780ep, A015_RepeatPreviousLine) {
  Transcript t = air();
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  t.exchange("A/", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, A016_BackspaceEditing) {
  Transcript t = air();
  t.exchange("AT+CSX\x08Q\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, A017_S5Read) {
  Transcript t = air();
  t.exchange("ATS5?\r", "\r\n8\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, A018_UnsupportedS3Value) {  // [I] OQ-9
  Transcript t = air();
  t.exchange("ATS3=10\r", "\r\nERROR\r\n");
}

TEST(CommonAir780ep, RepeatWithNothingBeforeIsOk) {
  Transcript t = air();
  t.exchange("A/", "\r\nOK\r\n");
}

TEST(CommonAir780ep, CmeeTwoIsVerboseCmeeZeroIsPlain) {
  Transcript t(TranscriptOptions{
      .profile = [](models::Profile& p) { p.identity.imsi = "460081946301796"; }});
  t.model().radio().sim = models::SimState::Absent;
  t.exchange("AT+CMEE=2\r", "\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CME ERROR: SIM not inserted\r\n");
  t.exchange("AT+CMEE=0\r", "\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\nERROR\r\n");
  t.exchange("AT+CMEE=\r", "\r\nOK\r\n");
  t.exchange("AT+CMEE?\r", "\r\n+CMEE: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMEE=?\r", "\r\n+CMEE: (0-2)\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, CmeErrorUnderV0) {  // OQ-5
  Transcript t = air();
  t.model().radio().sim = models::SimState::Absent;
  t.exchange("ATV0\r", "0\r");
  t.exchange("AT+CPIN?\r", "+CME ERROR: 10\r\n");
  t.exchange("AT+NOSUCH\r", "4\r");
}

TEST(CommonAir780ep, EchoOfLineFeedPrecedesResponse) {  // OQ-59, T-001 first steps
  Transcript t = air(true);
  t.exchange("AT\r\n", "AT\r\n\r\nOK\r\n");
  t.exchange("ATE0\r\n", "ATE0\r\n\r\nOK\r\n");
  t.exchange("ATE1\r\n", "\r\nOK\r\n");
  t.send("AT\r");
  t.expect("AT\r\r\nOK\r\n");
  t.exchange("\n", "\n");  // late LF: swallowed, echoed because the line began under E1
}

TEST(CommonAir780ep, OverlongLineIsError) {  // OQ-4
  Transcript t = air();
  t.exchange("AT+" + std::string(1100, 'X') + "\r", "\r\nERROR\r\n");
  t.exchange("AT\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, LowerAndMixedCasePrefix) {  // OQ-1
  Transcript t = air();
  t.exchange("at+csq\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  t.exchange("aT\r", "\r\nOK\r\n");
  t.exchange("At\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, UrcWaitsForTheHalfTypedLine) {  // OQ-6
  Transcript t = air();
  t.send("AT+CS");
  t.model().urc("+CPIN: READY");
  t.expect_quiet();
  t.exchange("Q\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n\r\n+CPIN: READY\r\n");
}

TEST(CommonAir780ep, HalfTypedLineHoldsUrcsOnlyForAWhile) {
  Transcript t = air();
  t.send("AT+CS");
  t.model().urc("+CPIN: READY");
  t.advance(std::chrono::seconds(3));
  t.expect("\r\n+CPIN: READY\r\n");
}

TEST(CommonAir780ep, BinaryGarbageNeverBreaksTheParser) {
  Transcript t = air();
  std::string garbage;
  std::uint32_t x = 12345;
  for (int i = 0; i < 5000; ++i) {
    x = x * 1103515245u + 12345u;
    garbage += static_cast<char>((x >> 16) & 0xFF);
  }
  t.send(garbage);
  t.send("\r");
  t.take();
  t.exchange("AT\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, B001_NoSim) {
  Transcript t = air();
  t.model().radio().sim = models::SimState::Absent;
  t.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");
}

TEST(CommonAir780ep, B002_SimReady) {
  Transcript t = air();
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B003_AttachState) {
  Transcript t = air();
  t.exchange("AT+CGATT?\r", "\r\n+CGATT: 1\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B004_EpsRegistration) {
  Transcript t = air();
  t.exchange("AT+CEREG?\r", "\r\n+CEREG: 0,1\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B005_ProductString) {
  Transcript t = air();
  t.exchange("ATI\r", "\r\nAirM2M_780EP_V1007_LTE_AT\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B006_Revision) {
  Transcript t = air();
  t.exchange("AT+CGMR\r", "\r\n+CGMR: \"AirM2M_780EP_V1007_LTE_AT\"\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B007_ImeiBareAndKeyed) {
  Transcript t = air();
  t.exchange("AT+CGSN\r", "\r\n359759002514931\r\n\r\nOK\r\n");
  t.exchange("AT+CGSN=1\r", "\r\n+CGSN: \"359759002514931\"\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B008_IccidTwoForms) {
  Transcript t = air();
  t.exchange("AT+CCID\r", "\r\n89860117831003134201\r\n\r\nOK\r\n");
  t.exchange("AT+ICCID\r", "\r\n+ICCID: 89860117831003134201\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B009_CfunTest) {
  Transcript t = air();
  t.exchange("AT+CFUN=?\r", "\r\n+CFUN: (0,1,4),(0,1)\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B010_CgattTest) {
  Transcript t = air();
  t.exchange("AT+CGATT=?\r", "\r\n+CGATT: (0-1)\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, B011_PowerUpUrcs) {
  Transcript t(TranscriptOptions{
      .echo = true, .keep_power_up_output = true, .profile = [](models::Profile& p) {
        p.nitz = "24/07/23,08:35:01+32,0";
      }});
  t.expect(
      "\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
      "\r\n+NITZ: 24/07/23,08:35:01+32,0\r\n");
}

TEST(CommonAir780ep, B012_TinyGsmTimeSyncAccepted) {  // [I] OQ-11
  Transcript t = air();
  t.exchange("AT+CLTS=1\r", "\r\nOK\r\n");
  t.exchange("AT+CBATCHK=1\r", "\r\nOK\r\n");
}

TEST(CommonAir780ep, RegistrationUrcModes) {
  Transcript t = air();
  t.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  t.exchange("AT+CREG=2\r", "\r\nOK\r\n");
  t.model().set_registration(models::RegStatus::Searching);
  // LM CREG.md: "+CREG: <stat>[,<lac>,<ci>[,<act>]]", no cell while not registered.
  t.expect("\r\n+CREG: 2\r\n\r\n+CEREG: 2\r\n");
  t.model().set_registration(models::RegStatus::Home);
  t.expect("\r\n+CREG: 1,\"1863\",\"0183db22\",7\r\n\r\n+CEREG: 1\r\n");
  t.exchange("AT+CREG?\r", "\r\n+CREG: 2,1,\"1863\",\"0183db22\",7\r\n\r\nOK\r\n");
}

// K-023 (LG device-lock guide): no +CPIN: READY URC; the registration burst follows the OK.
TEST(CommonAir780ep, PinLockedSim) {
  Transcript t(
      TranscriptOptions{.profile = [](models::Profile& p) { p.nitz = "24/07/23,08:35:01+32,0"; }});
  t.model().radio().sim = models::SimState::PinRequired;
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  t.exchange("AT+CPIN=\"0000\"\r", "\r\n+CME ERROR: 16\r\n");
  t.exchange("AT+CPIN=\"1234\"\r", "\r\nOK\r\n");
  t.advance(std::chrono::milliseconds(1300));  // the network's clock runs on meanwhile
  t.expect(
      "\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
      "\r\n+NITZ: 24/07/23,08:35:02+32,0\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

TEST(CommonAir780ep, RebootReplaysPowerUp) {
  Transcript t(
      TranscriptOptions{.profile = [](models::Profile& p) { p.nitz = "24/07/23,08:35:01+32,0"; }});
  t.exchange("AT+CFUN=1,1\r", "\r\nOK\r\n");
  t.advance(std::chrono::milliseconds(1));
  t.expect(
      "\r\nRDY\r\n\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
      "\r\n+NITZ: 24/07/23,08:35:01+32,0\r\n");
  t.exchange("AT\r", "AT\r\r\nOK\r\n");  // echo back on after the reboot
}

// NM28: E1 at power-up (S3's AT+IPDNSR example shows the echo), CMEE 0 (OQ-8).
TEST(CommonNm28, EchoAndCmeeDefaults) {
  Transcript t(TranscriptOptions{.model = "nm28", .echo = true});
  t.exchange("AT\r", "AT\r\r\nOK\r\n");
  t.exchange("AT+CMEE?\r", "AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n");
}

TEST(CommonNm28, IdentityAndNetwork) {
  Transcript t(TranscriptOptions{.model = "nm28"});
  t.exchange("AT+CGMM\r", "\r\n+CGMM: \"NM28\"\r\n\r\nOK\r\n");
  t.exchange("AT+CSQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  t.exchange("AT+CSQ;+CGATT?\r", "\r\n+CSQ: 23,0\r\n\r\n+CGATT: 1\r\n\r\nOK\r\n");
  t.exchange("AT+NOSUCH\r", "\r\nERROR\r\n");
}

TEST(CommonNm28, NoSimIsPlainErrorUnderDefaultCmee) {
  Transcript t(TranscriptOptions{.model = "nm28"});
  t.model().radio().sim = models::SimState::Absent;
  t.exchange("AT+CPIN?\r", "\r\nERROR\r\n");
  t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");
}

}  // namespace
}  // namespace cellemu::testing
