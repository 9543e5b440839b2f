#pragma once

#include <optional>

#include "emulator/sms/tpdu.h"

namespace cellemu::sms {

// TPDU coding (3GPP TS 23.040 §9.2.2). Encoders return nullopt when a field cannot be coded (an
// address with a bad digit, user data longer than one message). Decoders are strict: a TPDU is
// accepted only if every field is well formed and it ends exactly where its TP-UD ends.
std::optional<Octets> encode(const Submit& submit);
std::optional<Octets> encode(const Deliver& deliver);
std::optional<Octets> encode(const StatusReport& report);

std::optional<Submit> decode_submit(OctetView tpdu);
std::optional<Deliver> decode_deliver(OctetView tpdu);
std::optional<StatusReport> decode_status_report(OctetView tpdu);

// TP-MTI of a TPDU's first octet; its meaning depends on the direction (23.040 §9.2.3.1).
enum class MessageType { Deliver = 0, Submit = 1, StatusReport = 2, Reserved = 3 };
// What a module reads from a stored or received TPDU: 0 DELIVER, 1 SUBMIT, 2 STATUS-REPORT.
inline MessageType message_type(std::uint8_t first_octet) {
  return static_cast<MessageType>(first_octet & 0x03);
}

// A PDU as the PDU-mode commands carry it (27.005 §3.1 <pdu>): the service centre address field,
// then the TPDU.
struct Pdu {
  std::optional<Address> sca;  // nullopt: field "00", the module's +CSCA is used
  Octets tpdu;

  // Splits `octets` after the SCA field; nullopt if that field is malformed.
  static std::optional<Pdu> split(OctetView octets);
  Octets octets() const;  // SCA field + TPDU
  friend bool operator==(const Pdu&, const Pdu&) = default;
};

}  // namespace cellemu::sms
