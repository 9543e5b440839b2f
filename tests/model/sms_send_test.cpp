// services-cases.md S-028..S-041, S-043, S-044: sending, storing, status reports, prompts.
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

using namespace sms::examples;
using namespace std::chrono_literals;

const std::string kM1Hex(kM1);

std::vector<network::SmsRecord> kept(Transcript& t) {
  return t.session->network().kept();
}

TEST(SmsSend, S028_SendInPduModeTpMrReplaced) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGS=19\r", "\r\n> ");
  t.exchange(std::string(kML) + "\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  const auto k = kept(t);
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].to, "+8613165410979");
  EXPECT_EQ(k[0].text, "感谢");
}

TEST(SmsSend, S029_EchoDuringThePduPrompt) {
  Transcript t = sms_modem({.echo = true});
  t.exchange("AT+CMGS=20\r", "AT+CMGS=20\r\r\n> ");
  t.exchange(kM1Hex + "\x1A", kM1Hex + "\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

TEST(SmsSend, S030_PduBodyErrorsWhitespaceIgnored) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGS=21\r", "\r\n> ");
  t.exchange(kM1Hex + "\x1A", "\r\n+CMS ERROR: 304\r\n");
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange("0011000D9168311932547GF80000A705C8329BFD06\x1A", "\r\n+CMS ERROR: 304\r\n");
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange("0011000D91683119325476F8 0000A705C8329BFD06\r\n\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGS=0\r", "\r\n+CMS ERROR: 304\r\n");
}

TEST(SmsSend, S031_EscCancels) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange("0011000D\x1B", "\r\nOK\r\n");
  EXPECT_TRUE(kept(t).empty());
}

TEST(SmsSend, S032_SendInTextMode) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  t.exchange("hello,world\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  const auto k = kept(t);
  ASSERT_EQ(k.size(), 1u);
  EXPECT_EQ(k[0].to, "+8613912345678");
  EXPECT_EQ(k[0].text, "hello,world");
}

TEST(SmsSend, S033_TextModeWithAUcs2BodySelectedByCsmpDcs8) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CSMP=17,167,0,8\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  t.exchange("611F8C22\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  ASSERT_EQ(kept(t).size(), 1u);
  EXPECT_EQ(kept(t)[0].text, "感谢");
}

TEST(SmsSend, S034_SendFailuresNoNetworkNoSmsc) {
  Transcript t = sms_modem();
  t.model().set_registration(models::RegStatus::Searching);
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange(kM1Hex + "\x1A", "\r\n+CMS ERROR: 331\r\n");
  Transcript none = sms_modem({.profile = [](models::Profile& p) { p.sms.smsc.clear(); }});
  none.exchange("AT+CSCA?\r", "\r\n+CSCA: \"\",129\r\n\r\nOK\r\n");
  none.exchange("AT+CMGS=20\r", "\r\n> ");
  none.exchange(kM1Hex + "\x1A", "\r\n+CMS ERROR: 330\r\n");
}

TEST(SmsSend, S035_ChinaTelecomSimNoSim) {
  Transcript t =
      sms_modem({.profile = [](models::Profile& p) { p.network.operator_numeric = "46011"; }});
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange(kM1Hex + "\x1A", "\r\n+CMS ERROR: 500\r\n");
  Transcript no_sim = sms_modem();
  no_sim.model().set_sim(models::SimState::Absent);
  no_sim.take();
  no_sim.exchange("AT+CMGR=1\r", "\r\n+CMS ERROR: 310\r\n");
  no_sim.exchange("AT+CMGS=20\r", "\r\n+CMS ERROR: 310\r\n");
}

TEST(SmsSend, S036_StoreListAndSendFromStorageText) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGW=\"+8613912345678\"\r", "\r\n> ");
  t.exchange("Stored\x1A", "\r\n+CMGW: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CMGL=\"STO UNSENT\"\r",
             "\r\n+CMGL: 1,\"STO UNSENT\",\"+8613912345678\",,\r\nStored\r\n\r\nOK\r\n");
  t.exchange("AT+CMSS=1\r", "\r\n+CMSS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: \"STO SENT\",\"+8613912345678\",\r\nStored\r\n\r\nOK\r\n");
}

TEST(SmsSend, S037_StoreInPduModeSendToAnotherNumberWrongTargets) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGW=20\r", "\r\n> ");
  t.exchange(kM1Hex + "\x1A", "\r\n+CMGW: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: 2,,20\r\n" + kM1Hex + "\r\n\r\nOK\r\n");
  t.exchange("AT+CMSS=1,\"13800138000\"\r", "\r\n+CMSS: 0\r\n\r\nOK\r\n");
  ASSERT_EQ(kept(t).size(), 1u);
  EXPECT_EQ(kept(t)[0].to, "13800138000");
  t.exchange("AT+CMSS=9\r", "\r\n+CMS ERROR: 321\r\n");
  deliver(t, kD1);
  t.exchange("AT+CMSS=2\r", "\r\n+CMS ERROR: 302\r\n");
}

TEST(SmsSend, S038_StatusReportInPduMode) {
  Transcript t = sms_modem({.delivery_delay = 2s});
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange(kM1Hex + "\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CNMI=2,1,0,1,0\r", "\r\nOK\r\n");
  t.advance(4s);
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange(std::string(kM1R) + "\x1A", "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  t.advance(2s);
  t.expect("\r\n+CDS: 26\r\n" + std::string(kR1) + "\r\n");
}

TEST(SmsSend, S039_StatusReportInTextMode) {
  Transcript t = sms_modem({.delivery_delay = 2s});
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange(kM1Hex + "\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CSMP=49,167,0,0\r", "\r\nOK\r\n");
  t.exchange("AT+CNMI=2,1,0,1,0\r", "\r\nOK\r\n");
  t.advance(4s);
  t.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  t.exchange("Hello\x1A", "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  t.advance(2s);
  t.expect(
      "\r\n+CDS: 6,1,\"+8613912345678\",145,\"24/07/23,16:35:05+32\",\"24/07/23,16:35:07+32\",0"
      "\r\n");
}

TEST(SmsSend, S040_ConcatenatedSmsInAndOutOneSegmentAtATime) {
  Transcript t = sms_modem();
  t.exchange("AT+CNMI=2,2\r", "\r\nOK\r\n");
  deliver(t, kC1);
  deliver(t, kC2);
  t.expect("\r\n+CMT: ,35\r\n" + std::string(kC1) + "\r\n\r\n+CMT: ,34\r\n" + std::string(kC2) +
           "\r\n");
  t.exchange("AT+CMGS=30\r", "\r\n> ");
  t.exchange(std::string(kS1) + "\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGS=29\r", "\r\n> ");
  t.exchange(std::string(kS2) + "\x1A", "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  ASSERT_EQ(kept(t).size(), 1u);
  EXPECT_EQ(kept(t)[0].text, "Part one, part two.");
  EXPECT_EQ(kept(t)[0].parts, 2);
}

TEST(SmsSend, S041_ANewMessageUrcWaitsForTheEndOfAPrompt) {
  Transcript t = sms_modem();
  t.exchange("AT+CNMI=2,1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  deliver(t, kD1);
  t.expect_quiet();
  t.exchange(kM1Hex + "\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n\r\n+CMTI: \"SM\",1\r\n");
}

TEST(SmsSend, S043_GsmsendsmsAfterGsmctl) {
  Transcript t = sms_modem();
  t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGF=0\r", "\r\nOK\r\n");
  t.exchange("AT+CSMS?\r", "\r\n+CSMS: 0,1,1,1\r\n\r\nOK\r\n");
  t.exchange("AT+CSCS=\"GSM\"\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.exchange(kM1Hex + "\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

TEST(SmsSend, S044_TinyGsmSendSmsAndSendSmsUtf16) {
  Transcript t = sms_modem();
  t.exchange("AT+CMEE=0\r", "\r\nOK\r\n");
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CSCS=\"GSM\"\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  t.exchange("Hello from TinyGSM\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CSCS=\"HEX\"\r", "\r\nERROR\r\n");
  t.exchange("AT+CSMP=17,167,0,8\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  t.exchange("4F60597D\x1A", "\r\n+CMGS: 1\r\n\r\nOK\r\n");
  ASSERT_EQ(kept(t).size(), 2u);
  EXPECT_EQ(kept(t)[1].text, "你好");
}

TEST(SmsSend, RealTimingAnswersTwoSecondsAfterCtrlZ) {  // services §2.1
  Transcript t = sms_modem(
      {.profile = [](models::Profile& p) { p.timing.sms_send = std::chrono::seconds(2); }});
  t.exchange("AT+CMGS=20\r", "\r\n> ");
  t.send(kM1Hex + "\x1A");
  t.expect_quiet();
  t.advance(2s);
  t.expect("\r\n+CMGS: 0\r\n\r\nOK\r\n");
}

TEST(SmsSend, Nm28SendsAndStoresTheSameWay) {  // services §9
  Transcript t = sms_modem({.model = "nm28"});
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGS=\"+8613912345678\"\r", "\r\n> ");
  t.exchange("Hi\x1A", "\r\n+CMGS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGW\r", "\r\n> ");
  t.exchange("draft\x1A", "\r\n+CMGW: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: \"STO UNSENT\",\"\",\r\ndraft\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
