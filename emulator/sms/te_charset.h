#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/sms/data_coding.h"
#include "emulator/sms/octets.h"
#include "emulator/sms/user_data.h"

namespace cellemu::sms {

// The TE character set of AT+CSCS and the text-mode conversions that depend on it (27.005 §3.1
// and spec services §2.14). "GSM" and "IRA" both mean: each byte one character of IRA (ASCII);
// "UCS2": four hex digits per character.
enum class Charset { Gsm, Ira, Ucs2 };

// "GSM", "IRA", "UCS2" in any case; every other name (e.g. TinyGSM's "HEX") is nullopt.
std::optional<Charset> parse_charset(std::string_view name);
std::string_view charset_name(Charset cs);

// Host text to characters: IRA bytes 0x00-0x7F, or UCS2 hex. nullopt if a byte is not IRA or the
// hex is malformed (the caller answers CMS 305).
std::optional<std::u32string> text_from_te(std::string_view te, Charset cs);
// Characters to host text. Under GSM/IRA a character with no IRA equivalent prints as '?'
// (£, é, Δ, € ...: the spec gives no byte for them and a multibyte form would not be IRA).
std::string text_to_te(std::u32string_view text, Charset cs);

// Text-mode message bodies (AT+CMGS / AT+CMGW after the prompt) to the TP-UD payload, by the
// alphabet the +CSMP <dcs> selects (§2.14 table): 7-bit takes text in the TE set and needs every
// character in the GSM alphabet; 8-bit takes 2 hex digits per octet and UCS2 4 hex digits per
// character whatever the TE set. nullopt (CMS 305) on a bad body or more than one message holds
// (160 septets, 140 octets).
std::optional<Octets> payload_from_text_body(std::string_view body, Alphabet alphabet, Charset cs);

// The <data> of a text-mode result code: 8-bit, UCS2, compressed or with a header: every TP-UD
// octet (header included) as upper-case hex; GSM 7-bit without header: the text in the TE set.
std::string text_mode_data(const UserData& ud, const DataCoding& coding, Charset cs);
// The text-mode <length>: characters for 7-bit text, octets when <data> is hex.
std::size_t text_mode_length(const UserData& ud, const DataCoding& coding);

}  // namespace cellemu::sms
