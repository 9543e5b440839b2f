#include "emulator/sms/septet_packing.h"

namespace cellemu::sms {

std::size_t packed_size(std::size_t count, int fill_bits) {
  return (static_cast<std::size_t>(fill_bits) + 7 * count + 7) / 8;
}

Octets pack_septets(OctetView septets, int fill_bits) {
  Octets out(packed_size(septets.size(), fill_bits), 0);
  std::size_t bit = static_cast<std::size_t>(fill_bits);
  for (const std::uint8_t s : septets) {
    const unsigned v = s & 0x7Fu;
    const std::size_t at = bit / 8;
    const unsigned shift = bit % 8;
    out[at] = static_cast<std::uint8_t>(out[at] | (v << shift));
    if (shift > 1) out[at + 1] = static_cast<std::uint8_t>(out[at + 1] | (v >> (8 - shift)));
    bit += 7;
  }
  return out;
}

std::optional<Octets> unpack_septets(OctetView octets, std::size_t count, int fill_bits) {
  if (packed_size(count, fill_bits) > octets.size()) return std::nullopt;
  Octets out;
  out.reserve(count);
  std::size_t bit = static_cast<std::size_t>(fill_bits);
  for (std::size_t i = 0; i < count; ++i, bit += 7) {
    const std::size_t at = bit / 8;
    const unsigned shift = bit % 8;
    unsigned v = octets[at] >> shift;
    if (shift > 1) v |= static_cast<unsigned>(octets[at + 1]) << (8 - shift);
    out.push_back(static_cast<std::uint8_t>(v & 0x7F));
  }
  return out;
}

}  // namespace cellemu::sms
