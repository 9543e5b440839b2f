#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/at/result.h"
#include "emulator/at/urc_timing.h"
#include "emulator/core/clock.h"
#include "emulator/fs/module_fs.h"
#include "emulator/sms/sms_settings.h"

namespace cellemu::models {

// The most payload one piece of socket data carries on both modules, an Ethernet-sized TCP
// segment: a send window (AT+CIPSEND, S0 FAQ 12; AT+IPSEND, S3 §2.5), a pull read (AT+CIPRXGET),
// a pushed frame and a chunk of a stream link (nm28.md §3.7, design.md).
inline constexpr std::size_t kMaxSegment = 1460;

struct Identity {
  std::string manufacturer;  // +CGMI
  std::string model;         // +CGMM
  std::string revision;      // +CGMR
  std::string product;       // ATI
  std::string imei;
  std::string imsi;
  std::string iccid;
};

// One PLMN as AT+COPS names it: <stat> in a scan, long and short alphanumeric names, numeric.
struct OperatorEntry {
  int stat = 3;  // 27.007: 2 current, 3 forbidden (what the ML capture shows beside the current)
  std::string long_name;
  std::string short_name;
  std::string numeric;
};

// What the emulated network hands the module.
struct NetworkIdentity {
  std::string local_ip = "10.17.70.180";  // S0 AT+CIFSR
  std::string apn = "cmiot";              // LT AT+CGDCONT?
  std::string operator_name = "CHINA MOBILE";
  std::string operator_numeric = "46000";
  std::string primary_dns = "211.136.112.50";  // LM CDNSCFG.md
  std::string secondary_dns = "211.136.150.66";
  std::string tac = "1863";  // LM CREG.md example
  std::string cell_id = "0183db22";
  int rssi = 23;  // S0 AT+CSQ
  int ber = 0;
  // The network's time zone in quarter hours east of UTC, as +NITZ prints it (S0 "+32": China).
  int time_zone = 32;
  // AT+COPS=? and the names AT+COPS? prints per format (spec services §5.1, OQ-S18: LM for
  // China Unicom, the ML capture for China Mobile and China Telecom). A PLMN missing here is
  // named operator_name in both alphanumeric formats.
  std::vector<OperatorEntry> operators = {{2, "CHINA MOBILE", "CMCC", "46000"},
                                          {3, "CHN-UNICOM", "UNICOM", "46001"},
                                          {3, "CHN-CT", "CT", "46011"}};
};

// The subscriber and its SMS service (spec services §2.1, §5.4).
struct SmsProfile {
  // The SIM's number (AT+CNUM) and its address on the emulated network; modems of a fleet count
  // up from it. Empty: no MSISDN on the SIM (AT+CNUM answers ERROR, OQ-S20) and no number.
  std::string msisdn = "+8613912340000";
  // The SMSC on the SIM (AT+CSCA; services-cases.md default). Empty: none (CMS 330).
  std::string smsc = "+8613800210500";
  int sm_capacity = 50;  // "SM": LM CPMS example "SM",8,50 (OQ-S2)
  int me_capacity = 10;  // "ME": WH measurement; 0 would mean no ME storage
  // PLMNs whose SIMs get no SMS service: MO fails with CMS 500, MT never arrives (OQ-S9).
  std::vector<std::string> no_sms_plmns;
  sms::CnmiSettings cnmi;  // +CNMI after power-up (OQ-S1)
};

// The supply as AT+CBC reports it (spec services §4.1). The harness sets it (`ctl battery`).
struct BatteryProfile {
  int millivolts = 3968;  // WH "+CBC: 3968"
  int percent = 80;       // what the three-field forms show
  // "luat": "+CBC: <mV>" (LM CBC.md, WH); "simcom"/"27007": "+CBC: 0,<pct>,<mV>" (TinyGSM's
  // form, OQ-S13; the NM28's 27.007 form, services §9).
  std::string format = "luat";
};

// Module-like delays of the "real" timing profile (air780ep.md §12); all zero in "fast".
struct Timing {
  bool real = false;
  core::Duration command{0};
  core::Duration activate{0};     // AT+CIICR
  core::Duration connect{0};      // CIPSTART -> CONNECT OK
  core::Duration dns_failure{0};  // unresolvable host -> CONNECT FAIL
  core::Duration shut{0};         // AT+CIPSHUT -> SHUT OK
  core::Duration send_result{0};  // last byte -> SEND OK / DATA ACCEPT
  core::Duration sms_send{0};     // Ctrl-Z -> +CMGS (services §2.1)
  core::Duration sms_barred{0};   // Ctrl-Z -> CMS 500 on a SIM without SMS (OQ-S9)
  // A reboot or power-on (AT+CFUN=1,1, AT+RESET, `ctl reboot|power on`) -> the reset lines
  // ("RDY"), and -> the registration burst (services §4.5: ≈1 s, then ≈5 s later).
  core::Duration boot_ready{0};
  core::Duration boot_registration{0};
  // The Air780EP's MQTT client (app-protocols.md §6), each added to the network's own time.
  core::Duration mqtt_tcp_connected{0};  // MIPSTART -> CONNECT OK
  core::Duration mqtt_tls_connected{0};  // SSLMIPSTART, after the handshake
  core::Duration mqtt_connack{0};        // MCONNECT -> CONNACK OK
  core::Duration mqtt_suback{0};         // MSUB -> SUBACK, MUNSUB -> UNSUBACK
  core::Duration mqtt_puback{0};         // PUBACK, PUBREC
  core::Duration mqtt_pubcomp{0};        // PUBCOMP after PUBREC

  static Timing fast() { return {}; }
  static Timing module_like();
};

// Everything vendor-specific that is data rather than behaviour. Each value is a default a test
// bench may override (--config), with the document it comes from named where it is set.
struct Profile {
  std::string name;
  Identity identity;
  NetworkIdentity network;
  SmsProfile sms;
  BatteryProfile battery;
  Timing timing;
  int default_cmee = 0;
  // The module's +CME ERROR numbers with the texts AT+CMEE=2 shows (static data of the model).
  at::CmeTexts cme_texts;
  // Its +CMS ERROR texts (27.005 commands).
  at::CmsTexts cms_texts;
  // OQ-S3: V1011 prints the +CMS ERROR text under AT+CMEE=1 as well (WH).
  bool cms_text_under_cmee1 = false;
  // What tells this model's firmware builds apart in its output (ATI, +CGMR): a regular expression
  // `cellemu replay` masks, so a log of another build still compares. Empty: none known.
  std::string_view build_pattern;
  // Lines sent after power-up; "{nitz}" is replaced by the network time.
  std::vector<std::string> power_up_urcs;
  std::vector<std::string> no_sim_urcs;
  // Lines a reboot or power-on prints before the power-up URCs (Air780EP UART "RDY", LG, OQ-S17).
  // Not at the process's own start: the port is opened after the module booted, as S0/LT's boot
  // traces (B-011) show.
  std::vector<std::string> reset_urcs;
  // Lines after AT+CFUN=0/4 turns the radio off (before the registration URCs).
  std::vector<std::string> radio_off_urcs;
  // Fixed "+NITZ:" time ("24/07/23,08:35:01+32,0"); empty: network time in network.time_zone.
  std::string nitz;
  int max_links = 6;
  // Longest command line body (after "AT") the module takes; longer lines are answered ERROR
  // (OQ-4).
  std::size_t max_command_line = 1024;
  // The Air780EP's MQTT client (app-protocols.md §3.7 limits, OQ-A knobs).
  std::size_t mqtt_payload_max = 4100;     // OQ-A4 mpub_max
  std::size_t mqtt_rx_max = 4100;          // OQ-A14
  std::uint16_t mqtt_keepalive_cap = 0;    // OQ-A20: 0 none, 300 the old firmware
  bool mdisconnect_silent = false;         // OQ-A6 mdisconnect_mode=silent
  std::size_t mqtt_max_subscriptions = 0;  // OQ-A35: 0 = no limit
  // OQ-11: answer SIMCom-only AT+CLTS / AT+CBATCHK with OK so TinyGSM's init() works.
  bool simcom_compat = true;
  // AT+CPOWD exists (LM CPOWD.md); the NM28 is not assumed to have it (services §9).
  bool cpowd = true;
  // +CTZR: its power-up value, and whether the host may set it (the Air780EP only answers the
  // query, LM CTZR.md; the NM28 takes 27.007 0/1 and then reports +CTZV, services §9).
  int ctzr_default = 1;
  bool ctzr_settable = false;
  // Host lines a wake-up from AT+CSCLK sleep consumes (OQ-S15: the first one is lost).
  int wake_lost_lines = 1;
  // V.250 AT+GMI/+GMM/+GMR answer like +CGMI/+CGMM/+CGMR; false: not in the firmware, plain
  // ERROR (Air780EP, services §1.3, OQ-S19).
  bool v250_identity = true;
  // A SIM put back while the module runs is seen at once; false: only after the next reset
  // (AT+CFUN=1,1, a reboot), AT+CPIN? meanwhile answering +CME ERROR: 10 (S0's trace comment:
  // "重新安装sim卡后，需要给模块复位重启才能识别到卡").
  bool sim_hotplug = true;
  // OQ-10: V1004 firmware answered AT+CEREG? with the key "+CGREG:".
  bool cereg_key_bug = false;
  // Air780EP knobs (OQ numbers in air780ep.md / open-questions.md).
  bool strict_multi_bringup = false;   // OQ-18
  bool esc_reply_ok = true;            // OQ-28
  bool tls_close_as_close_ok = false;  // OQ-32
  bool ciprxget_sender = false;        // OQ-60
  bool ssl_requires_version = false;   // MH quirk
  // TLS (both models): the modules' stacks stop at TLS 1.2, so sslversion 4 ("all") means TLS 1.0
  // to 1.2; true lets it reach TLS 1.3 as well.
  bool tls13 = false;
  // NM28 knobs.
  bool ipopen_sync_error_without_network = false;  // OQ-42
  // Dial-up (services.md §6), both models. OQ-S22: ATD*99# / AT+CGDATA answer NO CARRIER when
  // off. ppp_auth (§6.3): the authentication LCP asks for, 0 none (the module default), 1 PAP,
  // 2 CHAP; with 0 the context's +CGAUTH protocol decides. ppp_lan_private: the host gets
  // 192.168.20.100 and DNS 192.168.20.2/.3 instead of the PDN address and the network's DNS.
  bool ppp_supported = true;
  // OQ-S29: AT+CMUX, basic option; off: plain ERROR.
  bool cmux_supported = true;
  int ppp_auth = 0;
  bool ppp_lan_private = false;
  // Host ports forwarded to the dial-up host while a call is up, as a SIM with a public address
  // receives connections: "tcp:8080:80", "udp:5683:5683", "tcp:0.0.0.0:2222:22"
  // (net::ppp::PortForward::parse); checked against --allow/--deny by who connects.
  std::vector<std::string> ppp_forwards;
  // What the module says after NO CARRIER when the network takes the PDN of a data call away,
  // and when the host deactivates a context (AT+CGACT=0); "{cid}" is the context; empty: nothing.
  std::string ppp_pdn_lost_urc;
  std::string pdn_deact_urc;
  // When URCs reach the host (emulator/at/urc_timing.h); --urc-timing on the command line wins.
  at::UrcTiming urc_timing = at::UrcTiming::Held;  // OQ-6
  // Module-side receive store per socket (bytes) for stacks that buffer data for the host (NM28
  // buffer access mode and transparent command mode). Set per model where it is chosen.
  std::size_t socket_receive_buffer = 8 * 1024;
  // The module file system's limits (capacity, names, entries, depth), the same whether it is
  // in memory or on a --fs-dir folder.
  fs::FsLimits file_system;
};

Profile air780ep_profile();
Profile nm28_profile();
// nullptr-free lookup: false when the name is unknown.
bool profile_by_name(const std::string& name, Profile& out);

}  // namespace cellemu::models
