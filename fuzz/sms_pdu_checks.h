#pragma once

// What fuzz_sms_pdu runs on each input, shared with the unit test that replays its corpus and
// the inputs that once broke it (tests/unit/sms_fuzz_regression_test.cpp).
#include <cstdint>
#include <string>

#include "emulator/sms/message_text.h"
#include "emulator/sms/pdu_codec.h"
#include "emulator/sms/septet_packing.h"
#include "emulator/sms/sms_service.h"
#include "emulator/sms/text_mode.h"

namespace cellemu::fuzz {

// Every TPDU that decodes encodes again and decodes to the same fields.
template <class T, class Decode>
bool round_trips(const T& decoded, Decode decode) {
  const auto again = sms::encode(decoded);
  if (!again) return false;
  const auto back = decode(*again);
  return back && *back == decoded;
}

inline bool check_tpdu(sms::OctetView octets) {
  if (auto s = sms::decode_submit(octets); s && !round_trips(*s, sms::decode_submit)) return false;
  if (auto d = sms::decode_deliver(octets)) {
    if (!round_trips(*d, sms::decode_deliver)) return false;
    sms::text_of(d->user_data, d->coding());
  }
  if (auto r = sms::decode_status_report(octets);
      r && !round_trips(*r, sms::decode_status_report)) {
    return false;
  }
  return true;
}

// The text a host types after a text-mode prompt, in every alphabet and TE set.
inline bool check_text_body(std::string_view body) {
  const sms::Address to{"+8613912345678", sms::Address::kInternational};
  for (const auto a : {sms::Alphabet::Gsm7, sms::Alphabet::Data8, sms::Alphabet::Ucs2}) {
    for (const auto cs : {sms::Charset::Ira, sms::Charset::Ucs2}) {
      sms::TextModeParams params;
      params.dcs = sms::DataCoding::octet_for(a);
      const auto s = sms::submit_from_text(to, body, cs, params);
      if (s && !round_trips(*s, sms::decode_submit)) return false;
    }
  }
  sms::address_from_te(body, sms::Charset::Ucs2);
  return true;
}

// One input: as SCA + TPDU, as a bare TPDU, as a PDU-mode body (its <length> in the first
// octet), as a text-mode body, as packed septets. False if an invariant broke.
inline bool check_sms_input(const std::uint8_t* data, std::size_t size) {
  const sms::OctetView octets(data, size);
  if (auto pdu = sms::Pdu::split(octets)) {
    if (!check_tpdu(pdu->tpdu)) return false;
    const sms::Address smsc{"+8613800210500", sms::Address::kInternational};
    for (const auto cs : {sms::Charset::Gsm, sms::Charset::Ucs2}) sms::text_view(*pdu, cs, smsc);
  }
  if (!check_tpdu(octets)) return false;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > 0) {
    sms::SmsService::parse_pdu_body(text.substr(1), data[0]);
    sms::unpack_septets(octets.subspan(1), data[0] % 161, data[0] % 7);
  }
  return check_text_body(text);
}

}  // namespace cellemu::fuzz
