#include "models/profile.h"

#include "models/air780ep/air780ep_errors.h"
#include "models/common/cms_texts.h"
#include "models/nm28/nm28_errors.h"

namespace cellemu::models {

Timing Timing::module_like() {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  Timing t;
  t.real = true;
  t.command = milliseconds(10);
  t.activate = milliseconds(100);
  t.connect = milliseconds(100);
  t.dns_failure = seconds(12);  // MH
  t.shut = milliseconds(100);
  t.send_result = milliseconds(20);
  t.sms_send = seconds(2);           // services §2.1 [I]
  t.sms_barred = seconds(5);         // OQ-S9
  t.boot_ready = seconds(1);         // services §4.5 (LG: AT+RESET -> OK … RDY)
  t.boot_registration = seconds(6);  // RDY, then the burst ≈5 s later (K-010, K-017)
  // app-protocols.md §6 (Air780EP MQTT): LSM / LTA timestamps.
  t.mqtt_tcp_connected = milliseconds(150);   // LSM: CONNECT OK 193 ms after MIPSTART
  t.mqtt_tls_connected = milliseconds(1200);  // LTA: 1.42 s and 2.29 s with the handshake
  t.mqtt_connack = milliseconds(50);          // LSM 55 ms
  t.mqtt_suback = milliseconds(100);          // LSM 118 ms
  t.mqtt_puback = milliseconds(50);           // LSM 59 ms; PUBREC 50 ms
  t.mqtt_pubcomp = milliseconds(30);          // LSM 33 ms
  return t;
}

Profile air780ep_profile() {
  Profile p;
  p.name = "air780ep";
  p.identity = {
      .manufacturer = "AirM2M",                 // LM Base/CGMI.md
      .model = "Air780EP",                      // LM Base/CGMM.md
      .revision = "AirM2M_780EP_V1007_LTE_AT",  // LM Base/CGMR.md
      .product = "AirM2M_780EP_V1007_LTE_AT",   // LM Base/ATI.md
      .imei = "359759002514931",                // LM CGSN.md
      .imsi = "460081946301796",
      .iccid = "89860117831003134201",  // LM ICCID.md
  };
  p.default_cmee = 1;  // S0: CME errors numeric with no AT+CMEE sent
  p.cme_texts = air780ep::kCmeTexts;
  p.cms_texts = kCmsTexts;
  // "AirM2M_780EP_V1007_LTE_AT" (LM), "AirM2M_780EPV_V1004_LTE_AT" (MH), "AirM2M_780E_V1021_LTE_AT"
  // (S0): builds differ in the part between "AirM2M_" and "_LTE_AT".
  p.build_pattern = R"(\bAirM2M_\w+_LTE_AT\b)";
  // S0 / LT power-up burst.
  p.power_up_urcs = {"^MODE: 17,17", "+E_UTRAN Service", "+CGEV: ME PDN ACT 1", "+NITZ: {nitz}"};
  p.no_sim_urcs = {"+CPIN: SIM REMOVED"};   // LT
  p.reset_urcs = {"RDY"};                   // LG; the UART port's line (OQ-S17)
  p.v250_identity = false;                  // services §1.3, OQ-S19
  p.sim_hotplug = false;                    // S0: a re-inserted SIM needs a reset
  p.radio_off_urcs = {"+CGEV: ME DETACH"};  // LG public/20240906_any_sim.md (OQ-S16)
  p.max_links = 6;                          // OQ-22
  // OQ-A4: AT+MPUB carries messages of up to 4100 bytes (LM, LTM FAQ 7); OQ-4's 1024 would
  // refuse documented lines.
  p.max_command_line = 4608;
  p.sms.no_sms_plmns = {"46011"};  // LF: no SMS on China Telecom SIMs (OQ-S9)
  // LM CGEV.md; services.md P-011, P-012 (the NM28 has no source for either: nothing).
  p.ppp_pdn_lost_urc = "+CGEV: NW PDN DEACT {cid}";
  p.pdn_deact_urc = "+CGEV: ME PDN DEACT {cid}";
  return p;
}

// S3 documents only the TCP/IP commands; identity strings are placeholders a bench overrides.
Profile nm28_profile() {
  Profile p;
  p.name = "nm28";
  p.identity = {
      .manufacturer = "YUGE",
      .model = "NM28",
      .revision = "NM28_V1.0.0",
      .product = "NM28",
      .imei = "861234050012345",
      .imsi = "460081946301797",
      .iccid = "89860117831003134202",
  };
  p.default_cmee = 0;             // OQ-8
  p.cme_texts = nm28::kCmeTexts;  // S3 shows no firmware build string: no build_pattern
  p.cms_texts = kCmsTexts;
  // v250 §6: the +CPIN URC at a SIM change is common to both models (S3 is silent).
  p.no_sim_urcs = {"+CPIN: SIM REMOVED"};
  p.max_links = 8;  // S3: Socket_ID 0-7
  // AT+IPSENDEX takes up to 2048 hex characters (S3 §2.6, OQ-41): the line limit of OQ-4 (1024)
  // would refuse documented commands, so NM28 lines may hold those plus room for the command and
  // the spaces OQ-51 tolerates.
  p.max_command_line = 2048 + 256;
  // S3 gives no receive buffer size for buffer access mode (nor do the Quectel notes it mirrors):
  // 8 KB, the amount OQ-36 lets a module hold for a transparent link in command mode. A full
  // buffer stops reading TCP (flow control) and drops UDP datagrams that do not fit.
  p.socket_receive_buffer = 8 * 1024;
  p.sms.cnmi = {2, 1, 0, 0, 0};  // services §9: 27.005 common practice (OQ-S40)
  p.ctzr_default = 0;            // services §9: 27.007 +CTZR, default 0
  p.battery.format = "27007";    // services §9: "+CBC: 0,<bcl>,<mV>"
  p.ctzr_settable = true;
  p.cpowd = false;  // services §9: power-off through the harness
  return p;
}

bool profile_by_name(const std::string& name, Profile& out) {
  if (name == "air780ep") {
    out = air780ep_profile();
    return true;
  }
  if (name == "nm28") {
    out = nm28_profile();
    return true;
  }
  return false;
}

}  // namespace cellemu::models
