#pragma once

#include <cstdint>
#include <optional>

namespace cellemu::sms {

// How TP-UD is coded: which alphabet, and whether it is compressed (then its octets are opaque).
enum class Alphabet { Gsm7, Data8, Ucs2 };

// TP-DCS as 3GPP TS 23.038 §4 defines it (general data coding, message waiting, data coding /
// message class groups). Reserved values are read as the default alphabet, as §4 asks.
struct DataCoding {
  Alphabet alphabet = Alphabet::Gsm7;
  std::optional<int> message_class;  // 0-3 when the DCS gives one
  bool compressed = false;

  static DataCoding from_octet(std::uint8_t dcs);
  // The DCS of a plain message in `alphabet` with no class: 0x00, 0x04, 0x08.
  static std::uint8_t octet_for(Alphabet alphabet);
  // How TP-UDL counts and TP-UD is laid out: septets for GSM 7-bit, octets otherwise
  // (compressed data is octets whatever its alphabet).
  bool septet_coded() const { return alphabet == Alphabet::Gsm7 && !compressed; }
};

}  // namespace cellemu::sms
