#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/sms/user_data.h"

namespace cellemu::sms {

// The text a message carries: GSM 7-bit septets or UCS2 decoded; nullopt for 8-bit data and
// compressed messages (they carry octets, not text).
std::optional<std::u32string> text_of(const UserData& ud, const DataCoding& coding);

// Long text cut into the user data of one message or of concatenated parts (23.040 §9.2.3.24.1).
struct TextParts {
  Alphabet alphabet = Alphabet::Gsm7;
  std::vector<UserData> parts;
};

inline constexpr std::size_t kMaxParts = 255;

// GSM 7-bit when every character has a GSM code (or `ucs2` is false and it does), else UCS2. One
// message holds 160 septets or 70 UCS2 units; parts carry an 8-bit reference IE (`reference`'s
// low octet) and hold 153 septets or 67 units. An escape pair or a surrogate pair is never cut.
// nullopt if the text needs more than 255 parts.
std::optional<TextParts> split_text(std::u32string_view text, std::uint16_t reference,
                                    bool force_ucs2 = false);

}  // namespace cellemu::sms
