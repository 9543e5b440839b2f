// services-cases.md K-010/K-017 (the reset line and the boot timing of §4.5), K-016 (CFUN 4 with
// a TCP link up), K-021 and K-025 (commands the firmware lacks, ModemManager's probe).
#include "tests/model/air780ep_test_util.h"
#include "tests/model/nm28_transcript.h"
#include "tests/model/sms_test_util.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono_literals;

namespace boot_identity_detail {
const char* const kBootBurst =
    "\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
    "\r\n+NITZ: 24/07/23,08:35:01+32,0\r\n";
// The same 6 s after a reset on the module timing: the network's clock ran on meanwhile.
const char* const kLateBootBurst =
    "\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
    "\r\n+NITZ: 24/07/23,08:35:07+32,0\r\n";

// The real timing profile's boot delays (services §4.5), nothing else slowed down.
void real_boot(models::Profile& p) {
  p.timing.boot_ready = 1s;
  p.timing.boot_registration = 6s;
}
}  // namespace boot_identity_detail

using boot_identity_detail::kBootBurst;
using boot_identity_detail::kLateBootBurst;
using boot_identity_detail::real_boot;

TEST(BootIdentity, K010_PowerDownAndPowerOnWithTheModuleTiming) {
  Transcript t = sms_modem({.profile = real_boot});
  t.exchange("AT+CPOWD=1\r", "\r\nNORMAL POWER DOWN\r\n");
  t.advance(1ms);
  t.send("AT\r");
  t.expect_quiet();
  t.model().power_on();  // the harness power key
  t.advance(999ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect("\r\nRDY\r\n");
  t.advance(4999ms);
  t.expect_quiet();
  t.advance(1ms);
  t.expect(kLateBootBurst);
  t.exchange("AT\r", "AT\r\r\nOK\r\n");  // echo on again
}

TEST(BootIdentity, K017_RebootWithCfun11RestoresDefaults) {
  Transcript t = sms_modem({.profile = real_boot});
  t.exchange("AT+CMGF=1\r", "\r\nOK\r\n");
  t.exchange("AT+CFUN=1,1\r", "\r\nOK\r\n");
  t.advance(1s);
  t.expect("\r\nRDY\r\n");
  t.advance(5s);
  t.expect(kLateBootBurst);
  t.exchange("AT+CMGF?\r", "AT+CMGF?\r\r\n+CMGF: 0\r\n\r\nOK\r\n");
}

TEST(BootIdentity, ResetAnswersOkThenRdyAndTheBurst) {  // LG: AT+RESET -> OK … RDY
  Transcript t = sms_modem();
  t.exchange("AT+RESET\r", "\r\nOK\r\n");
  t.advance(1ms);  // fast timing: at once, in order
  t.expect(std::string("\r\nRDY\r\n") + kBootBurst);
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  t.exchange("AT+RESET=1\r", "\r\nERROR\r\n");
}

TEST(BootIdentity, Nm28RebootsWithoutRdy) {  // services §9: none of the Luat URCs
  Transcript t = sms_modem({.model = "nm28", .profile = real_boot});
  t.exchange("AT+CFUN=1,1\r", "\r\nOK\r\n");
  t.advance(6s);
  t.expect_quiet();
  t.exchange("AT+RESET\r", "AT+RESET\r\r\nERROR\r\n");  // echo on again (NM28 E1, S3)
}

TEST(BootIdentity, K016_Cfun4WithATcpLinkUp) {
  TcpServer server;
  Transcript t = air780ep_test::routed_modem(server);
  air780ep_test::connected_single(t, server, 0);
  t.exchange("AT+CFUN=4\r", "\r\nOK\r\n\r\n+CGEV: ME DETACH\r\n\r\n+PDP: DEACT\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
  t.exchange("AT+CFUN?\r", "\r\n+CFUN: 4\r\n\r\nOK\r\n");
  t.exchange("ATD*99#\r", "\r\nNO CARRIER\r\n");
  t.exchange("AT+CGATT?\r", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
}

// services §4.4 on the NM28 (§9): its sockets lose their peer, dial-up is refused.
TEST(BootIdentity, Nm28Cfun4ClosesItsSocketsAndRefusesDialUp) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+CFUN=4\r", "\r\nOK\r\n\r\n+IPURC: \"closed\",1\r\n");
  EXPECT_TRUE(x.server.wait_peer_closed(0));
  x.t.exchange("AT+CSQ\r", "\r\n+CSQ: 99,99\r\n\r\nOK\r\n");
  x.t.exchange("AT+CGATT?\r", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  x.t.exchange("ATD*99#\r", "\r\nNO CARRIER\r\n");
  x.t.exchange("AT+CFUN=1\r", "\r\nOK\r\n");
  x.t.exchange("AT+CGATT?\r", "\r\n+CGATT: 1\r\n\r\nOK\r\n");
}

TEST(BootIdentity, K021_CommandsTheFirmwareDoesNotHave) {
  Transcript t = sms_modem();
  t.exchange("AT+CSPN?\r", "\r\nERROR\r\n");
  t.exchange("AT+CUSD=1,\"*100#\"\r", "\r\nERROR\r\n");
  t.exchange("AT+CEER\r", "\r\nERROR\r\n");
  t.exchange("AT+GMM\r", "\r\nERROR\r\n");
  t.exchange("AT+GMI\r", "\r\nERROR\r\n");
  t.exchange("AT+GMR\r", "\r\nERROR\r\n");
  t.exchange("AT+GCAP\r", "\r\nERROR\r\n");
  t.exchange("AT+GSN\r", "\r\n359759002514931\r\n\r\nOK\r\n");  // simcom_compat on
}

TEST(BootIdentity, K025_ModemManagerProbeAndInit) {
  Transcript t = sms_modem({.echo = true});
  t.exchange("AT\r", "AT\r\r\nOK\r\n");
  t.exchange("AT+CGMI\r", "AT+CGMI\r\r\n+CGMI: \"AirM2M\"\r\n\r\nOK\r\n");
  t.exchange("AT+CGMM\r", "AT+CGMM\r\r\n+CGMM: \"Air780EP\"\r\n\r\nOK\r\n");
  t.exchange("ATZ E0 V1\r", "ATZ E0 V1\r\r\nOK\r\n");
  t.exchange("ATE0\r", "\r\nOK\r\n");
  t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  t.exchange("ATX4 &C1\r", "\r\nERROR\r\n");
}

}  // namespace
}  // namespace cellemu::testing
