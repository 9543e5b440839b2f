#include "emulator/sms/te_charset.h"

#include "emulator/sms/gsm_alphabet.h"
#include "emulator/sms/unicode_text.h"

namespace cellemu::sms {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (x != b[i]) return false;
  }
  return true;
}

// Four hex digits per UCS2 unit; surrogate pairs are joined.
std::optional<std::u32string> from_ucs2_hex(std::string_view hex) {
  if (hex.size() % 4 != 0) return std::nullopt;
  const auto octets = from_hex(hex);
  if (!octets) return std::nullopt;
  return ucs2_to_u32(*octets);
}

bool shows_as_hex(const UserData& ud, const DataCoding& coding) {
  return ud.has_header || !coding.septet_coded();
}

}  // namespace

std::optional<Charset> parse_charset(std::string_view name) {
  for (const Charset cs : {Charset::Gsm, Charset::Ira, Charset::Ucs2}) {
    if (iequals(name, charset_name(cs))) return cs;
  }
  return std::nullopt;
}

std::string_view charset_name(Charset cs) {
  switch (cs) {
    case Charset::Ira:
      return "IRA";
    case Charset::Ucs2:
      return "UCS2";
    case Charset::Gsm:
      break;
  }
  return "GSM";
}

std::optional<std::u32string> text_from_te(std::string_view te, Charset cs) {
  if (cs == Charset::Ucs2) return from_ucs2_hex(te);
  std::u32string out;
  out.reserve(te.size());
  for (const char c : te) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) return std::nullopt;
    out += static_cast<char32_t>(b);
  }
  return out;
}

std::string text_to_te(std::u32string_view text, Charset cs) {
  if (cs == Charset::Ucs2) return to_hex(u32_to_ucs2(text));
  std::string out;
  out.reserve(text.size());
  for (const char32_t c : text) out += c < 0x80 ? static_cast<char>(c) : '?';
  return out;
}

std::optional<Octets> payload_from_text_body(std::string_view body, Alphabet alphabet, Charset cs) {
  if (alphabet == Alphabet::Data8) {
    auto octets = from_hex(body);
    if (!octets || octets->size() > kMaxUserDataOctets) return std::nullopt;
    return octets;
  }
  if (alphabet == Alphabet::Ucs2) {
    if (body.size() % 4 != 0) return std::nullopt;
    auto octets = from_hex(body);
    if (!octets || octets->size() > kMaxUserDataOctets) return std::nullopt;
    return octets;
  }
  const auto text = text_from_te(body, cs);
  if (!text) return std::nullopt;
  auto septets = GsmAlphabet::encode(*text);
  if (!septets || septets->size() > kMaxUserDataSeptets) return std::nullopt;
  return septets;
}

std::string text_mode_data(const UserData& ud, const DataCoding& coding, Charset cs) {
  if (!shows_as_hex(ud, coding)) return text_to_te(GsmAlphabet::decode(ud.payload), cs);
  const auto encoded = encode_user_data(ud, coding);
  return encoded ? to_hex(encoded->octets) : to_hex(ud.payload);
}

std::size_t text_mode_length(const UserData& ud, const DataCoding& coding) {
  if (!shows_as_hex(ud, coding)) return GsmAlphabet::decode(ud.payload).size();
  const auto encoded = encode_user_data(ud, coding);
  return encoded ? encoded->octets.size() : ud.payload.size();
}

}  // namespace cellemu::sms
