#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/sms/octets.h"

namespace cellemu::sms {

// The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1), as two tables
// of code points. A septet string holds one code (0-127) per octet; an extension character is
// the escape code 0x1B followed by its extension code, and counts as two septets.
class GsmAlphabet {
 public:
  static constexpr std::uint8_t kEscape = 0x1B;

  // Septets for `text`; nullopt if any character has no GSM equivalent.
  static std::optional<Octets> encode(std::u32string_view text);
  // Septets one character needs: 1, 2 (extension table) or 0 (not representable).
  static int septets_for(char32_t c);
  // Total septets of `text`, or nullopt if a character is not representable.
  static std::optional<std::size_t> septet_length(std::u32string_view text);

  // Text of a septet string. Codes above 127 are masked. An escape followed by a code the
  // extension table lacks shows the default-table character, and a lone trailing escape a space
  // (23.038 §6.2.1.1), so every septet string decodes.
  static std::u32string decode(OctetView septets);
};

}  // namespace cellemu::sms
