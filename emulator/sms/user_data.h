#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "emulator/sms/data_coding.h"
#include "emulator/sms/octets.h"

namespace cellemu::sms {

// One information element of a user data header (23.040 §9.2.3.24).
struct InformationElement {
  std::uint8_t id = 0;
  Octets data;
  friend bool operator==(const InformationElement&, const InformationElement&) = default;
};

// Concatenated short message IE (23.040 §9.2.3.24.1 and .8): 8-bit (IE 0x00) or 16-bit (IE 0x08)
// reference, parts count, this part's number (1-based).
struct Concatenation {
  std::uint16_t reference = 0;
  std::uint8_t total = 0;
  std::uint8_t sequence = 0;
  bool wide_reference = false;
  InformationElement element() const;
  friend bool operator==(const Concatenation&, const Concatenation&) = default;
};

// TP-UD split into its header and its payload. The payload holds one septet code per octet for
// GSM 7-bit, the octets themselves for 8-bit data and UCS2.
struct UserData {
  bool has_header = false;  // TP-UDHI
  std::vector<InformationElement> header;
  Octets payload;

  // The concatenation IE, if the header has a usable one (23.040: an IE with a part number of 0
  // or above the total is ignored).
  std::optional<Concatenation> concatenation() const;
  std::size_t header_octets() const;  // the UDH including its length octet; 0 without a header
  friend bool operator==(const UserData&, const UserData&) = default;
};

inline constexpr std::size_t kMaxUserDataOctets = 140;
inline constexpr std::size_t kMaxUserDataSeptets = 160;

// TP-UDL and TP-UD of `ud` coded as `coding` says; nullopt when it does not fit one message.
struct EncodedUserData {
  std::uint8_t length = 0;
  Octets octets;
};
std::optional<EncodedUserData> encode_user_data(const UserData& ud, const DataCoding& coding);
// Reads TP-UDL and TP-UD from `in` (the rest of the TPDU); nullopt if they are inconsistent.
std::optional<UserData> decode_user_data(OctetReader& in, bool has_header,
                                         const DataCoding& coding);

}  // namespace cellemu::sms
