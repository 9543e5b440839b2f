#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/sms/pdu_codec.h"
#include "emulator/sms/te_charset.h"

namespace cellemu::sms {

// The +CSMP parameters text-mode sends use (27.005 §3.3.2). Power-up value 17,167,0,0.
struct TextModeParams {
  std::uint8_t fo = 17;                  // SUBMIT, VPF relative; 49 adds TP-SRR
  std::uint8_t vp = 167;                 // relative validity when fo selects it
  std::optional<Timestamp> vp_absolute;  // the quoted <vp> when fo selects absolute
  std::uint8_t pid = 0;
  std::uint8_t dcs = 0;
};

// A number the host typed in the TE set (`<da>`, `<sca>`; UCS2 hex under "UCS2"); nullopt if
// malformed (CMS 305).
std::optional<Address> address_from_te(std::string_view te, Charset cs,
                                       std::optional<std::uint8_t> type = std::nullopt);
// An address in the TE set, as <oa>/<da>/<ra>/<sca> strings show it.
std::string address_to_te(const Address& address, Charset cs);

// The SMS-SUBMIT a text-mode AT+CMGS / AT+CMGW builds from its body and +CSMP; TP-MR is 0 (the
// module numbers it when it sends). nullopt when the body cannot be sent as one message in the
// alphabet <dcs> selects (CMS 305).
std::optional<Submit> submit_from_text(const Address& destination, std::string_view body,
                                       Charset cs, const TextModeParams& params);

// Everything the text-mode result codes (+CMGR, +CMGL, +CMT, +CDS) show of one message, already
// converted to the TE set. Which fields a line prints is the model's business.
struct TextView {
  MessageType type = MessageType::Deliver;
  std::uint8_t fo = 0;
  std::string address;  // <oa> (DELIVER), <da> (SUBMIT), <ra> (STATUS-REPORT)
  std::uint8_t address_type = Address::kUnknown;
  std::string scts;  // "24/07/23,16:35:01+32"; empty for a SUBMIT
  std::uint8_t pid = 0;
  std::uint8_t dcs = 0;
  std::string vp;  // SUBMIT: "167", "\"24/07/23,16:35:01+32\"" or empty
  std::string sca;
  std::uint8_t sca_type = Address::kUnknown;
  std::size_t length = 0;  // of `data`
  std::string data;
  std::uint8_t mr = 0;      // SUBMIT, STATUS-REPORT
  std::string discharge;    // STATUS-REPORT <dt>
  std::uint8_t status = 0;  // STATUS-REPORT <st>
};

// The view of a stored or routed PDU; `default_sca` stands in for an SCA field of "00" (the
// +CSCA the module would use). nullopt if the TPDU does not decode.
std::optional<TextView> text_view(const Pdu& pdu, Charset cs, const Address& default_sca);

}  // namespace cellemu::sms
