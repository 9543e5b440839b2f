#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/at/result.h"
#include "emulator/at/urc_timing.h"
#include "emulator/core/clock.h"
#include "emulator/fs/module_fs.h"

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

  static Timing fast() { return {}; }
  static Timing module_like();
};

// Everything vendor-specific that is data rather than behaviour. Each value is a default a test
// bench may override (--config), with the document it comes from named where it is set.
struct Profile {
  std::string name;
  Identity identity;
  NetworkIdentity network;
  Timing timing;
  int default_cmee = 0;
  // The module's +CME ERROR numbers with the texts AT+CMEE=2 shows (static data of the model).
  at::CmeTexts cme_texts;
  // What tells this model's firmware builds apart in its output (ATI, +CGMR): a regular expression
  // `cellemu replay` masks, so a log of another build still compares. Empty: none known.
  std::string_view build_pattern;
  // Lines sent after power-up; "{nitz}" is replaced by the network time.
  std::vector<std::string> power_up_urcs;
  std::vector<std::string> no_sim_urcs;
  // Fixed "+NITZ:" time ("24/07/23,08:35:01+32,0"); empty: network time in network.time_zone.
  std::string nitz;
  int max_links = 6;
  // Longest command line body (after "AT") the module takes; longer lines are answered ERROR
  // (OQ-4).
  std::size_t max_command_line = 1024;
  // OQ-11: answer SIMCom-only AT+CLTS / AT+CBATCHK with OK so TinyGSM's init() works.
  bool simcom_compat = true;
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
