#include "emulator/sms/octets.h"
#include "emulator/core/bytes.h"

namespace cellemu::sms {
std::string to_hex(OctetView octets) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(octets.size() * 2);
  for (const std::uint8_t b : octets) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0F];
  }
  return out;
}

std::optional<Octets> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  Octets out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = core::hex_digit_value(hex[i]);
    const int lo = core::hex_digit_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

}  // namespace cellemu::sms
