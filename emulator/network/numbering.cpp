#include "emulator/network/numbering.h"

namespace cellemu::network {

std::optional<std::string> consecutive_number(std::string_view base, std::size_t index) {
  const bool plus = !base.empty() && base.front() == '+';
  std::string digits(plus ? base.substr(1) : base);
  if (digits.empty()) return std::nullopt;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  // Adds `index` digit by digit from the right.
  std::size_t carry = index;
  for (std::size_t i = digits.size(); i-- > 0 && carry > 0;) {
    const std::size_t sum = static_cast<std::size_t>(digits[i] - '0') + carry;
    digits[i] = static_cast<char>('0' + sum % 10);
    carry = sum / 10;
  }
  if (carry > 0) return std::nullopt;
  return (plus ? "+" : "") + digits;
}

bool reaches(std::string_view destination, bool destination_international,
             std::string_view subscriber) {
  if (destination.empty() || subscriber.empty()) return false;
  if (destination == subscriber) return true;
  if (destination_international || subscriber.size() <= destination.size()) return false;
  return subscriber.size() - destination.size() <= 3 && subscriber.ends_with(destination);
}

}  // namespace cellemu::network
