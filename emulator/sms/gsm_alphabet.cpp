#include "emulator/sms/gsm_alphabet.h"

#include <array>

namespace cellemu::sms {
namespace {

// 23.038 §6.2.1, default alphabet in code order. 0x1B (escape) shows as a space on its own.
constexpr std::array<char32_t, 128> kDefault = {
    U'@',      U'\u00A3', U'$',      U'\u00A5', U'\u00E8', U'\u00E9', U'\u00F9', U'\u00EC',  // 0x00
    U'\u00F2', U'\u00C7', U'\n',     U'\u00D8', U'\u00F8', U'\r',     U'\u00C5', U'\u00E5',  // 0x08
    U'\u0394', U'_',      U'\u03A6', U'\u0393', U'\u039B', U'\u03A9', U'\u03A0', U'\u03A8',  // 0x10
    U'\u03A3', U'\u0398', U'\u039E', U' ',      U'\u00C6', U'\u00E6', U'\u00DF', U'\u00C9',  // 0x18
    U' ',      U'!',      U'"',      U'#',      U'\u00A4', U'%',      U'&',      U'\'',      // 0x20
    U'(',      U')',      U'*',      U'+',      U',',      U'-',      U'.',      U'/',       // 0x28
    U'0',      U'1',      U'2',      U'3',      U'4',      U'5',      U'6',      U'7',       // 0x30
    U'8',      U'9',      U':',      U';',      U'<',      U'=',      U'>',      U'?',       // 0x38
    U'\u00A1', U'A',      U'B',      U'C',      U'D',      U'E',      U'F',      U'G',       // 0x40
    U'H',      U'I',      U'J',      U'K',      U'L',      U'M',      U'N',      U'O',       // 0x48
    U'P',      U'Q',      U'R',      U'S',      U'T',      U'U',      U'V',      U'W',       // 0x50
    U'X',      U'Y',      U'Z',      U'\u00C4', U'\u00D6', U'\u00D1', U'\u00DC', U'\u00A7',  // 0x58
    U'\u00BF', U'a',      U'b',      U'c',      U'd',      U'e',      U'f',      U'g',       // 0x60
    U'h',      U'i',      U'j',      U'k',      U'l',      U'm',      U'n',      U'o',       // 0x68
    U'p',      U'q',      U'r',      U's',      U't',      U'u',      U'v',      U'w',       // 0x70
    U'x',      U'y',      U'z',      U'\u00E4', U'\u00F6', U'\u00F1', U'\u00FC', U'\u00E0',  // 0x78
};

struct Extension {
  std::uint8_t code;
  char32_t character;
};

// 23.038 §6.2.1.1, the extension table's characters (form feed, ^ { } \ [ ~ ] | and the euro).
constexpr std::array<Extension, 10> kExtension = {{
    {0x0A, U'\f'},
    {0x14, U'^'},
    {0x28, U'{'},
    {0x29, U'}'},
    {0x2F, U'\\'},
    {0x3C, U'['},
    {0x3D, U'~'},
    {0x3E, U']'},
    {0x40, U'|'},
    {0x65, U'\u20AC'},
}};

std::optional<std::uint8_t> default_code(char32_t c) {
  for (std::size_t i = 0; i < kDefault.size(); ++i) {
    if (kDefault[i] == c && i != GsmAlphabet::kEscape) return static_cast<std::uint8_t>(i);
  }
  return std::nullopt;
}

std::optional<std::uint8_t> extension_code(char32_t c) {
  for (const auto& e : kExtension) {
    if (e.character == c) return e.code;
  }
  return std::nullopt;
}

std::optional<char32_t> extension_character(std::uint8_t code) {
  for (const auto& e : kExtension) {
    if (e.code == code) return e.character;
  }
  return std::nullopt;
}

}  // namespace

int GsmAlphabet::septets_for(char32_t c) {
  if (default_code(c)) return 1;
  if (extension_code(c)) return 2;
  return 0;
}

std::optional<std::size_t> GsmAlphabet::septet_length(std::u32string_view text) {
  std::size_t n = 0;
  for (const char32_t c : text) {
    const int k = septets_for(c);
    if (k == 0) return std::nullopt;
    n += static_cast<std::size_t>(k);
  }
  return n;
}

std::optional<Octets> GsmAlphabet::encode(std::u32string_view text) {
  Octets out;
  out.reserve(text.size());
  for (const char32_t c : text) {
    if (auto code = default_code(c)) {
      out.push_back(*code);
    } else if (auto ext = extension_code(c)) {
      out.push_back(kEscape);
      out.push_back(*ext);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::u32string GsmAlphabet::decode(OctetView septets) {
  std::u32string out;
  out.reserve(septets.size());
  for (std::size_t i = 0; i < septets.size(); ++i) {
    const std::uint8_t code = septets[i] & 0x7F;
    if (code != kEscape) {
      out += kDefault[code];
    } else if (i + 1 == septets.size()) {
      out += U' ';
    } else {
      const std::uint8_t next = septets[++i] & 0x7F;
      out += extension_character(next).value_or(kDefault[next]);
    }
  }
  return out;
}

}  // namespace cellemu::sms
