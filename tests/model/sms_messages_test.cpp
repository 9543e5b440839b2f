// services-cases.md S-011..S-016, S-019..S-027: receiving, reading, listing and deleting.
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

using namespace sms::examples;
using namespace std::chrono_literals;

const std::string kD1Hex(kD1);
const std::string kD2Hex(kD2);
const std::string kHelloHeader = "\"+8613912345678\",,\"24/07/23,16:35:01+32\"";

TEST(SmsMessages, S011_NewMessageStoredAndIndicated) {
  Transcript t = sms_modem();
  t.exchange("AT+CNMI=2,1\r", "\r\nOK\r\n");
  deliver(t, kD1);
  t.expect("\r\n+CMTI: \"SM\",1\r\n");
  t.exchange("AT+CPMS?\r", "\r\n+CPMS: \"SM\",1,50,\"SM\",1,50,\"SM\",1,50\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S012_WithThePowerUpCnmiANewMessageIsStoredSilently) {
  Transcript t = sms_modem();
  deliver(t, kD1);
  t.expect_quiet();
  t.exchange("AT+CMGL=4\r", "\r\n+CMGL: 1,0,,25\r\n" + kD1Hex + "\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S013_ReadInPduModeMarksTheMessageRead) {
  Transcript t = sms_modem();
  deliver(t, kD1);
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: 0,,25\r\n" + kD1Hex + "\r\n\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: 1,,25\r\n" + kD1Hex + "\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S014_ReadInTextModeCsdh0And1) {
  Transcript t = sms_modem();
  deliver(t, kD1);
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r",
             "\r\n+CMGR: \"REC UNREAD\"," + kHelloHeader + "\r\nHello\r\n\r\nOK\r\n");
  t.exchange("AT+CSDH=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: \"REC READ\"," + kHelloHeader +
                                ",145,4,0,0,\"+8613800210500\",145,5\r\nHello\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S015_Ucs2MessageInTextModePrintsAsHex) {
  Transcript t = sms_modem();
  deliver(t, kD2);
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r",
             "\r\n+CMGR: \"REC UNREAD\"," + kHelloHeader + "\r\n4F60597D\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S016_CscsUcs2ConvertsTheAddressAnd7BitText) {
  Transcript t = sms_modem();
  deliver(t, kD1);
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: 0,,25\r\n" + kD1Hex + "\r\n\r\nOK\r\n");
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CSCS=\"UCS2\"\r", "\r\nOK\r\n");
  t.exchange("AT+CMGR=1\r",
             "\r\n+CMGR: \"REC READ\",\"002B0038003600310033003900310032003300340035003600370038\","
             ",\"24/07/23,16:35:01+32\"\r\n00480065006C006C006F\r\n\r\nOK\r\n");
}

// D1 in "SM" 1 read, D2 in "SM" 2 unread.
void read_and_unread(Transcript& t) {
  deliver(t, kD1);
  deliver(t, kD2);
  t.exchange("AT+CMGR=1\r", "\r\n+CMGR: 0,,25\r\n" + kD1Hex + "\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S019_ListInPduModeMarksMessagesReadTestForm) {
  Transcript t = sms_modem();
  read_and_unread(t);
  t.exchange("AT+CMGL=4\r", "\r\n+CMGL: 1,1,,25\r\n" + kD1Hex + "\r\n+CMGL: 2,0,,24\r\n" + kD2Hex +
                                "\r\n\r\nOK\r\n");
  t.exchange("AT+CMGL=0\r", "\r\nOK\r\n");
  t.exchange("AT+CMGL=?\r", "\r\n+CMGL: (0-4)\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S020_ListInTextMode) {
  Transcript t = sms_modem();
  read_and_unread(t);
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGL=\"ALL\"\r", "\r\n+CMGL: 1,\"REC READ\"," + kHelloHeader +
                                      "\r\nHello\r\n+CMGL: 2,\"REC UNREAD\"," + kHelloHeader +
                                      "\r\n4F60597D\r\n\r\nOK\r\n");
  t.exchange("AT+CMGL=?\r",
             "\r\n+CMGL: \"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO SENT\",\"ALL\"\r\n"
             "\r\nOK\r\n");
}

TEST(SmsMessages, S021_TextModeStatQuotesOptionalUpperCaseRequired) {
  Transcript t = sms_modem();
  deliver(t, kD1);
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGL=REC UNREAD\r",
             "\r\n+CMGL: 1,\"REC UNREAD\"," + kHelloHeader + "\r\nHello\r\n\r\nOK\r\n");
  t.exchange("AT+CMGL=\"all\"\r", "\r\n+CMS ERROR: 305\r\n");
  t.exchange("AT+CMGL\r", "\r\nOK\r\n");
}

TEST(SmsMessages, S022_DeleteOneMessageThenTheSameSlotAgain) {
  Transcript t = sms_modem();
  deliver(t, kD1);
  t.exchange("AT+CMGD=1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGD=1\r", "\r\n+CMS ERROR: 321\r\n");
}

TEST(SmsMessages, S023_DeleteWithFlagsTestForm) {
  Transcript t = sms_modem();
  read_and_unread(t);
  t.exchange("AT+CMGW=20\r", "\r\n> ");
  t.exchange(std::string(kM1) + "\x1A", "\r\n+CMGW: 3\r\n\r\nOK\r\n");
  t.exchange("AT+CMGD=1,1\r", "\r\nOK\r\n");
  t.exchange("AT+CMGD=?\r", "\r\n+CMGD: (2,3),(0-4)\r\n\r\nOK\r\n");
  t.exchange("AT+CMGD=1,4\r", "\r\nOK\r\n");
  t.exchange("AT+CPMS?\r", "\r\n+CPMS: \"SM\",0,50,\"SM\",0,50,\"SM\",0,50\r\n\r\nOK\r\n");
  t.exchange("AT+CMGD=?\r", "\r\n+CMGD: (),(0-4)\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S024_DirectRoutingPduMode) {
  Transcript t = sms_modem();
  t.exchange("AT+CNMI=2,2,0,0,0\r", "\r\nOK\r\n");
  deliver(t, kDL);
  t.expect("\r\n+CMT: ,24\r\n" + std::string(kDL) + "\r\n");
  t.exchange("AT+CPMS?\r", "\r\n+CPMS: \"SM\",0,50,\"SM\",0,50,\"SM\",0,50\r\n\r\nOK\r\n");
}

TEST(SmsMessages, S025_DirectRoutingTextModeCsdh0And1) {
  Transcript t = sms_modem();
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CNMI=2,2\r", "\r\nOK\r\n");
  deliver(t, kD1);
  t.expect("\r\n+CMT: " + kHelloHeader + "\r\nHello\r\n");
  t.exchange("AT+CSDH=1\r", "\r\nOK\r\n");
  deliver(t, kD1);
  t.expect("\r\n+CMT: " + kHelloHeader + ",145,4,0,0,\"+8613800210500\",145,5\r\nHello\r\n");
}

TEST(SmsMessages, S026_AcknowledgementWithCsms1) {
  Transcript t = sms_modem();
  t.exchange("AT+CSMS=1\r", "\r\n+CSMS: 1,1,1\r\n\r\nOK\r\n");
  t.exchange("AT+CNMI=2,2\r", "\r\nOK\r\n");
  deliver(t, kD1);
  t.expect("\r\n+CMT: ,25\r\n" + kD1Hex + "\r\n");
  t.exchange("AT+CNMA\r", "\r\nOK\r\n");
  t.exchange("AT+CNMA\r", "\r\n+CMS ERROR: 340\r\n");
}

TEST(SmsMessages, S027_AMissingAcknowledgementSwitchesRoutingOff) {
  Transcript t = sms_modem();
  t.exchange("AT+CSMS=1\r", "\r\n+CSMS: 1,1,1\r\n\r\nOK\r\n");
  t.exchange("AT+CNMI=2,2\r", "\r\nOK\r\n");
  deliver(t, kD1);
  t.expect("\r\n+CMT: ,25\r\n" + kD1Hex + "\r\n");
  t.advance(17s);
  t.exchange("AT+CNMI?\r", "\r\n+CNMI: 2,0,0,0,0\r\n\r\nOK\r\n");
}

TEST(SmsMessages, CnmaWithAPduPromptIsAcceptedAndDiscarded) {  // services §2.12
  Transcript t = sms_modem();
  t.exchange("AT+CSMS=1\r", "\r\n+CSMS: 1,1,1\r\n\r\nOK\r\n");
  t.exchange("AT+CNMI=2,2\r", "\r\nOK\r\n");
  deliver(t, kD1);
  t.expect("\r\n+CMT: ,25\r\n" + kD1Hex + "\r\n");
  t.exchange("AT+CNMA=1,2\r", "\r\n> ");
  t.exchange("0200\x1A", "\r\nOK\r\n");
  t.exchange("AT+CNMA=1\r", "\r\n+CMS ERROR: 340\r\n");
}

}  // namespace
}  // namespace cellemu::testing
