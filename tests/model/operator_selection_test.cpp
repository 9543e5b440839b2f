// AT+COPS manual (1) and manual/automatic (4) PLMN selection and deregistration (2) on the
// profile's operator list (spec services §5.1; CME 30 for an unavailable PLMN is [I]).
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

namespace operator_selection_detail {
// A China Mobile SIM that may also use China Unicom (available) but not China Telecom.
void unicom_available(models::Profile& p) {
  p.network.operators = {{2, "CHINA MOBILE", "CMCC", "46000"},
                         {1, "CHN-UNICOM", "UNICOM", "46001"},
                         {3, "CHN-CT", "CT", "46011"}};
}
}  // namespace operator_selection_detail

TEST(OperatorSelection, ManualSelectionRegistersOnThePlmnOrAnswersCme30) {
  Transcript t = sms_modem({.profile = operator_selection_detail::unicom_available});
  t.exchange("AT+CREG=1\r", "\r\nOK\r\n");
  t.exchange("AT+COPS=1,2,\"46011\"\r", "\r\n+CME ERROR: 30\r\n");  // forbidden
  t.exchange("AT+COPS=1,0,\"NOWHERE\"\r", "\r\n+CME ERROR: 30\r\n");
  t.exchange("AT+COPS=1,1,\"UNICOM\"\r", "\r\nOK\r\n\r\n+CREG: 5\r\n");  // roaming on 46001
  t.exchange("AT+COPS?\r", "\r\n+COPS: 1,1,\"UNICOM\",7\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=3,2\r", "\r\nOK\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 1,2,\"46001\",7\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=0\r", "\r\nOK\r\n\r\n+CREG: 1\r\n");  // automatic: home again
  t.exchange("AT+COPS?\r", "\r\n+COPS: 0,2,\"46000\",7\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=1,2\r", "\r\n+CME ERROR: 50\r\n");  // no <oper>
  t.exchange("AT+COPS=1,2,\"46000\",8\r", "\r\n+CME ERROR: 50\r\n");
}

TEST(OperatorSelection, ManualAutomaticFallsBackToAutomatic) {
  Transcript t = sms_modem({.profile = operator_selection_detail::unicom_available});
  t.exchange("AT+COPS=4,2,\"46011\"\r", "\r\nOK\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 0,2,\"46000\",7\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=4,0,\"CHN-UNICOM\"\r", "\r\nOK\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 4,0,\"CHN-UNICOM\",7\r\n\r\nOK\r\n");
  t.exchange("AT+CREG?\r", "\r\n+CREG: 0,5\r\n\r\nOK\r\n");
}

TEST(OperatorSelection, DeregisterAndRegisterAgain) {
  Transcript t = sms_modem();
  t.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  t.exchange("AT+COPS=2\r", "\r\nOK\r\n\r\n+CEREG: 0\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 2\r\n\r\nOK\r\n");
  t.exchange("AT+CGATT?\r", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  t.exchange("AT+COPS=1,0,\"CHINA MOBILE\"\r", "\r\nOK\r\n\r\n+CEREG: 1\r\n");
  t.exchange("AT+COPS?\r", "\r\n+COPS: 1,0,\"CHINA MOBILE\",7\r\n\r\nOK\r\n");
  t.exchange("AT+CGATT?\r", "\r\n+CGATT: 1\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
