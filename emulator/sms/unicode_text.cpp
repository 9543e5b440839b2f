#include "emulator/sms/unicode_text.h"

namespace cellemu::sms {
namespace {

// Decodes one UTF-8 sequence at utf8[i]; returns its length, or 0 if it is not valid.
std::size_t decode_utf8(std::string_view utf8, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(utf8[i]);
  std::size_t len = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > utf8.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(utf8[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void append_unit(Octets& out, char32_t unit) {
  out.push_back(static_cast<std::uint8_t>(unit >> 8));
  out.push_back(static_cast<std::uint8_t>(unit & 0xFF));
}

}  // namespace

std::u32string utf8_to_u32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(utf8, i, cp);
    out += len == 0 ? kReplacement : cp;
    i += len == 0 ? 1 : len;
  }
  return out;
}

std::string u32_to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char32_t cp : text) append_utf8(out, cp);
  return out;
}

Octets u32_to_ucs2(std::u32string_view text) {
  Octets out;
  out.reserve(text.size() * 2);
  for (char32_t cp : text) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
    if (cp < 0x10000) {
      append_unit(out, cp);
      continue;
    }
    const char32_t v = cp - 0x10000;
    append_unit(out, 0xD800 | v >> 10);
    append_unit(out, 0xDC00 | (v & 0x3FF));
  }
  return out;
}

std::u32string ucs2_to_u32(OctetView octets) {
  std::u32string out;
  out.reserve(octets.size() / 2 + 1);
  const std::size_t units = octets.size() / 2;
  auto unit = [&](std::size_t i) -> char32_t { return octets[2 * i] << 8 | octets[2 * i + 1]; };
  for (std::size_t i = 0; i < units; ++i) {
    const char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units && unit(i + 1) >= 0xDC00 &&
        unit(i + 1) <= 0xDFFF) {
      out += 0x10000 + ((u - 0xD800) << 10) + (unit(i + 1) - 0xDC00);
      ++i;
    } else {
      out += (u >= 0xD800 && u <= 0xDFFF) ? kReplacement : u;
    }
  }
  if (octets.size() % 2 != 0) out += kReplacement;
  return out;
}

std::size_t ucs2_units(std::u32string_view text) {
  std::size_t n = 0;
  for (const char32_t cp : text) n += (cp >= 0x10000 && cp <= 0x10FFFF) ? 2 : 1;
  return n;
}

}  // namespace cellemu::sms
