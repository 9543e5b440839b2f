#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/sms/octets.h"

namespace cellemu::sms {

// An SMS address (TP-DA, TP-OA, TP-RA or the service centre) the way 27.005 text mode shows it:
// the number with a leading '+' when its type of number is international, or the text of an
// alphanumeric sender; `type` is the type-of-address octet (27.005 <toa>: 145, 129, 208...).
struct Address {
  static constexpr std::uint8_t kInternational = 0x91;  // 145
  static constexpr std::uint8_t kUnknown = 0x81;        // 129
  static constexpr std::uint8_t kAlphanumeric = 0xD0;   // 208
  static constexpr std::size_t kMaxDigits = 20;         // 23.040 §9.1.2.5: 10 octets of digits
  static constexpr std::size_t kMaxAlphanumeric = 11;   // 11 septets fit 20 semi-octets

  std::string value;
  std::uint8_t type = kUnknown;

  // A number as the host types it (AT+CMGS="<da>"[,<toda>]): digits, '*', '#', 'A'-'C' (either
  // case), with one optional leading '+'. Without `type`, 145 when it starts with '+', else 129
  // (27.005 §3.1). nullopt if the number is empty, too long or has another character.
  static std::optional<Address> from_number(std::string_view number,
                                            std::optional<std::uint8_t> type = std::nullopt);
  // An alphanumeric sender (type 208), e.g. an operator's name; nullopt if it has a character
  // outside the GSM alphabet or is longer than 11 characters.
  static std::optional<Address> alphanumeric(std::string_view utf8_text);

  bool international() const { return (type & 0x70) == 0x10; }
  bool is_alphanumeric() const { return (type & 0x70) == 0x50; }
  // The number without its '+' (what goes on the air).
  std::string digits() const;
  friend bool operator==(const Address&, const Address&) = default;
};

// Where an address field sits: TP addresses count their length in semi-octets (digits), the
// service centre address in octets including the type octet (23.040 §9.1.2.5, 24.011 §8.2.5.1).
enum class AddressField { Tp, ServiceCentre };

// Appends the address field; false (nothing appended) if the address cannot be coded.
bool encode_address(Octets& out, const Address& address, AddressField field);
// Reads one address field; nullopt if it is truncated or malformed. A service centre field of
// length 0 is "no address" and gives an Address with an empty value.
std::optional<Address> decode_address(OctetReader& in, AddressField field);

}  // namespace cellemu::sms
