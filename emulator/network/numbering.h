#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cellemu::network {

// Subscriber numbers of the emulated network.

// The number of modem `index` in a fleet whose first modem has `base`: modem0 gets `base`,
// modem1 `base` + 1 and so on, keeping the length and any leading '+' ("+8613912340000" ->
// "+8613912340007"). nullopt if `base` is not a number or the count runs past its digits.
std::optional<std::string> consecutive_number(std::string_view base, std::size_t index);

// Whether a destination address reaches a subscriber: the same digits, or (for a destination
// written without its country code, TON unknown/national) the subscriber's number ends with the
// destination's digits after at most three digits of country code.
bool reaches(std::string_view destination_digits, bool destination_international,
             std::string_view subscriber_digits);

}  // namespace cellemu::network
