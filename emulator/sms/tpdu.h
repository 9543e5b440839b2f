#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "emulator/sms/address.h"
#include "emulator/sms/data_coding.h"
#include "emulator/sms/timestamp.h"
#include "emulator/sms/user_data.h"

namespace cellemu::sms {

// The three TPDUs a module exchanges (3GPP TS 23.040 §9.2.2), field by field. The flags are the
// bits of the first octet; first_octet() puts them back together with TP-MTI and TP-UDHI.

// TP-VPF (23.040 §9.2.3.3) and the TP-VP it selects (§9.2.3.12).
enum class VpFormat : std::uint8_t { None = 0, Enhanced = 1, Relative = 2, Absolute = 3 };
struct ValidityPeriod {
  VpFormat format = VpFormat::None;
  std::uint8_t relative = 0;               // VpFormat::Relative (167 = 24 hours)
  Timestamp absolute;                      // VpFormat::Absolute
  std::array<std::uint8_t, 7> enhanced{};  // VpFormat::Enhanced, kept as it came
  friend bool operator==(const ValidityPeriod&, const ValidityPeriod&) = default;
};

// SMS-SUBMIT, mobile originated (AT+CMGS, AT+CMGW).
struct Submit {
  bool reject_duplicates = false;
  bool status_report_request = false;  // TP-SRR
  bool reply_path = false;
  std::uint8_t reference = 0;  // TP-MR
  Address destination;
  std::uint8_t pid = 0;
  std::uint8_t dcs = 0;
  ValidityPeriod validity;
  UserData user_data;

  std::uint8_t first_octet() const;
  DataCoding coding() const { return DataCoding::from_octet(dcs); }
  friend bool operator==(const Submit&, const Submit&) = default;
};

// SMS-DELIVER, mobile terminated (+CMT, +CMGR, +CMGL).
struct Deliver {
  bool more_messages = false;  // TP-MMS 0; the examples' first octet 04 has it clear
  bool loop_prevention = false;
  bool status_report_indication = false;  // TP-SRI
  bool reply_path = false;
  Address originator;
  std::uint8_t pid = 0;
  std::uint8_t dcs = 0;
  Timestamp service_centre_time;  // TP-SCTS
  UserData user_data;

  std::uint8_t first_octet() const;
  DataCoding coding() const { return DataCoding::from_octet(dcs); }
  friend bool operator==(const Deliver&, const Deliver&) = default;
};

// SMS-STATUS-REPORT (+CDS). TP-PI and what it announces are optional (23.040 §9.2.2.3).
struct StatusReport {
  bool more_messages = false;
  bool loop_prevention = false;
  bool qualifier = false;  // TP-SRQ: false = the report of an SMS-SUBMIT
  std::uint8_t reference = 0;
  Address recipient;  // TP-RA
  Timestamp service_centre_time;
  Timestamp discharge_time;  // TP-DT
  std::uint8_t status = 0;   // TP-ST: 0 = received by the SME
  std::optional<std::uint8_t> pid;
  std::optional<std::uint8_t> dcs;
  std::optional<UserData> user_data;

  std::uint8_t first_octet() const;
  friend bool operator==(const StatusReport&, const StatusReport&) = default;
};

// TP-ST values the emulated network reports (23.040 §9.2.3.15).
namespace status {
inline constexpr std::uint8_t kReceived = 0x00;
inline constexpr std::uint8_t kNoResponse = 0x62;  // permanent: SME did not answer, no retry
}  // namespace status

}  // namespace cellemu::sms
