#pragma once

#include <optional>

#include "emulator/sms/octets.h"

namespace cellemu::sms {

// GSM 7-bit packing (3GPP TS 23.038 §6.1.2.1.1): septets fill octets from the least significant
// bit. `fill_bits` (0-6) are the zero bits that align the first septet to a septet boundary
// after a user data header (23.040 §9.2.3.24).

// Packs septet codes (one per element, the high bit ignored) after `fill_bits` zero bits.
Octets pack_septets(OctetView septets, int fill_bits = 0);
// Octets `count` septets need after `fill_bits` fill bits.
std::size_t packed_size(std::size_t count, int fill_bits = 0);
// The `count` septets stored after `fill_bits` bits of `octets`; nullopt if `octets` is short.
std::optional<Octets> unpack_septets(OctetView octets, std::size_t count, int fill_bits = 0);

}  // namespace cellemu::sms
