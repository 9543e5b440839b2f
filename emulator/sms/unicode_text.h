#pragma once

#include <string>
#include <string_view>

#include "emulator/sms/octets.h"

namespace cellemu::sms {

// Text crosses the codec as code points (std::u32string). UTF-8 is what users type into `cellemu
// ctl` and what logs show; UCS2 is the SMS alphabet (big-endian UTF-16: characters outside the
// BMP become surrogate pairs, as handsets send them).

inline constexpr char32_t kReplacement = U'\uFFFD';

// Invalid or truncated sequences become U+FFFD, one per bad byte.
std::u32string utf8_to_u32(std::string_view utf8);
std::string u32_to_utf8(std::u32string_view text);

Octets u32_to_ucs2(std::u32string_view text);
// A trailing odd octet and unpaired surrogates become U+FFFD.
std::u32string ucs2_to_u32(OctetView octets);
// Number of UCS2 code units `text` needs (2 for characters outside the BMP).
std::size_t ucs2_units(std::u32string_view text);

}  // namespace cellemu::sms
