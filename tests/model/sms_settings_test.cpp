// services-cases.md S-001..S-010, S-017, S-018: the 27.005 settings commands, exact bytes.
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

TEST(SmsSettings, S001_PduModeAfterPowerUpTextModeOnAndOff) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGF?\r", "\r\n+CMGF: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGF=?\r", "\r\n+CMGF: (0-1)\r\n\r\nOK\r\n");
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGF?\r", "\r\n+CMGF: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CMGF=\r", "\r\nOK\r\n");
  t.exchange("AT+CMGF?\r", "\r\n+CMGF: 0\r\n\r\nOK\r\n");
}

TEST(SmsSettings, S002_CmgfOutOfRange) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGF=2\r", "\r\n+CMS ERROR: 304\r\n");
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGF=2\r", "\r\n+CMS ERROR: 305\r\n");  // text mode: 305 (OQ-S32)
}

TEST(SmsSettings, S003_CharacterSet) {
  Transcript t = sms_modem();
  t.exchange("AT+CSCS?\r", "\r\n+CSCS: \"GSM\"\r\n\r\nOK\r\n");
  t.exchange("AT+CSCS=?\r", "\r\n+CSCS: \"GSM\",\"IRA\",\"UCS2\"\r\n\r\nOK\r\n");
  t.exchange("AT+CSCS=\"IRA\"\r", "\r\nOK\r\n");
  t.exchange("AT+CSCS=\"HEX\"\r", "\r\n+CME ERROR: 50\r\n");
  t.exchange("AT+CSCS?\r", "\r\n+CSCS: \"IRA\"\r\n\r\nOK\r\n");
}

TEST(SmsSettings, S004_MessageService) {
  Transcript t = sms_modem();
  t.exchange("AT+CSMS?\r", "\r\n+CSMS: 0,1,1,1\r\n\r\nOK\r\n");
  t.exchange("AT+CSMS=1\r", "\r\n+CSMS: 1,1,1\r\n\r\nOK\r\n");
  t.exchange("AT+CSMS?\r", "\r\n+CSMS: 1,1,1,1\r\n\r\nOK\r\n");
  t.exchange("AT+CSMS=?\r", "\r\n+CSMS: (0,1)\r\n\r\nOK\r\n");
  t.exchange("AT+CSMS=128\r", "\r\n+CMS ERROR: 303\r\n");
}

TEST(SmsSettings, S005_StorageQueryAndTest) {
  Transcript t = sms_modem();
  t.exchange("AT+CPMS?\r", "\r\n+CPMS: \"SM\",0,50,\"SM\",0,50,\"SM\",0,50\r\n\r\nOK\r\n");
  t.exchange("AT+CPMS=?\r",
             "\r\n+CPMS: (\"ME\",\"SM\"),(\"ME\",\"SM\"),(\"ME\",\"SM\")\r\n\r\nOK\r\n");
}

TEST(SmsSettings, S006_SwitchToModuleMemory) {
  Transcript t = sms_modem();
  t.exchange("AT+CPMS=\"ME\",\"ME\",\"ME\"\r", "\r\n+CPMS: 0,10,0,10,0,10\r\n\r\nOK\r\n");
  t.exchange("AT+CPMS?\r", "\r\n+CPMS: \"ME\",0,10,\"ME\",0,10,\"ME\",0,10\r\n\r\nOK\r\n");
}

TEST(SmsSettings, S007_SettingOnlyMem1KeepsTheOthersUnsupportedStorage) {
  Transcript t = sms_modem();
  for (int i = 0; i < 3; ++i) deliver(t, sms::examples::kD1);
  t.exchange("AT+CPMS=\"ME\"\r", "\r\n+CPMS: 0,10,3,50,3,50\r\n\r\nOK\r\n");
  t.exchange("AT+CPMS=\"BM\"\r", "\r\n+CMS ERROR: 303\r\n");
}

TEST(SmsSettings, S008_SmscReadSetTestUcs2View) {
  Transcript t = sms_modem();
  t.exchange("AT+CSCA?\r", "\r\n+CSCA: \"+8613800210500\",145\r\n\r\nOK\r\n");
  t.exchange("AT+CSCA=\"+8613010314500\",145\r", "\r\nOK\r\n");
  t.exchange("AT+CSCA?\r", "\r\n+CSCA: \"+8613010314500\",145\r\n\r\nOK\r\n");
  t.exchange("AT+CSCA=?\r", "\r\nOK\r\n");
  t.exchange("AT+CSCS=\"UCS2\"\r", "\r\nOK\r\n");
  t.exchange("AT+CSCA?\r",
             "\r\n+CSCA: \"002B0038003600310033003000310030003300310034003500300030\",145\r\n"
             "\r\nOK\r\n");
}

TEST(SmsSettings, S009_TextModeParameters) {
  Transcript t = sms_modem();
  t.exchange("AT+CSMP?\r", "\r\n+CSMP: 17,167,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CSMP=17,11,0,0\r", "\r\nOK\r\n");
  t.exchange("AT+CSMP?\r", "\r\n+CSMP: 17,11,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CSDH?\r", "\r\n+CSDH: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CSMP=?\r", "\r\n+CSMP: (0-255),(0-255),(0-255),(0-255)\r\n\r\nOK\r\n");
  t.exchange("AT+CSDH=?\r", "\r\n+CSDH: (0,1)\r\n\r\nOK\r\n");
  t.exchange("AT+CMMS?\r", "\r\n+CMMS: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CMMS=?\r", "\r\n+CMMS: (0-2)\r\n\r\nOK\r\n");
  t.exchange("AT+CSMP=256\r", "\r\n+CMS ERROR: 304\r\n");
}

TEST(SmsSettings, S010_CnmiAfterPowerUpTestSet) {
  Transcript t = sms_modem();
  t.exchange("AT+CNMI?\r", "\r\n+CNMI: 0,0,0,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CNMI=?\r", "\r\n+CNMI: (0-3),(0-3),(0-3),(0-1),(0-1)\r\n\r\nOK\r\n");
  t.exchange("AT+CNMI=2,1\r", "\r\nOK\r\n");
  t.exchange("AT+CNMI?\r", "\r\n+CNMI: 2,1,0,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CNMI=2,1,0,2,0\r", "\r\n+CMS ERROR: 304\r\n");
}

TEST(SmsSettings, S017_EmptyIndexVerboseForm) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGR=5\r", "\r\n+CMS ERROR: 321\r\n");
  t.exchange("AT+CMGR=0\r", "\r\n+CMS ERROR: 321\r\n");
  t.exchange("AT+CMEE=2\r", "\r\nOK\r\n");
  t.exchange("AT+CMGR=5\r", "\r\n+CMS ERROR: invalid memory index\r\n");
}

TEST(SmsSettings, S018_CmsErrorsUnderCmee0AndTheV1011Knob) {
  Transcript t = sms_modem();
  t.exchange("AT+CMEE=0\r", "\r\nOK\r\n");
  t.exchange("AT+CMGR=5\r", "\r\nERROR\r\n");
  t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  Transcript quirk =
      sms_modem({.profile = [](models::Profile& p) { p.cms_text_under_cmee1 = true; }});
  quirk.exchange("AT+CMGR=5\r", "\r\n+CMS ERROR: invalid memory index\r\n");
}

TEST(SmsSettings, Nm28SharesTheCommandsWithCmee0Default) {  // services §9
  Transcript t = sms_modem({.model = "nm28"});
  t.exchange("AT+CNMI?\r", "\r\n+CNMI: 2,1,0,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CMGR=5\r", "\r\nERROR\r\n");
  t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGR=5\r", "\r\n+CMS ERROR: 321\r\n");
  t.exchange("AT+CMGF=0\r", "\r\nOK\r\n");
  t.exchange("AT+CPMS?\r", "\r\n+CPMS: \"SM\",0,50,\"SM\",0,50,\"SM\",0,50\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
