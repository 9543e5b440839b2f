#include "emulator/sms/address.h"

#include "emulator/sms/gsm_alphabet.h"
#include "emulator/sms/septet_packing.h"
#include "emulator/sms/unicode_text.h"

namespace cellemu::sms {
namespace {

// 23.040 §9.1.2.3: semi-octet values 0-9, then '*', '#', 'a', 'b', 'c'.
constexpr char kSemiOctets[] = "0123456789*#ABC";

int semi_octet(char c) {
  if (c >= 'a' && c <= 'c') c = static_cast<char>(c - 'a' + 'A');
  for (int i = 0; i < 15; ++i) {
    if (kSemiOctets[i] == c) return i;
  }
  return -1;
}

bool valid_digits(std::string_view digits) {
  if (digits.empty() || digits.size() > Address::kMaxDigits) return false;
  for (const char c : digits) {
    if (semi_octet(c) < 0) return false;
  }
  return true;
}

void append_semi_octets(Octets& out, std::string_view digits) {
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    const int lo = semi_octet(digits[i]);
    const int hi = i + 1 < digits.size() ? semi_octet(digits[i + 1]) : 0x0F;
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
}

// `count` digits from semi-octets; a 0xF nibble is padding and may only end an odd count.
std::optional<std::string> read_semi_octets(OctetView octets, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint8_t b = octets[i / 2];
    const int v = i % 2 == 0 ? (b & 0x0F) : (b >> 4);
    if (v == 0x0F) return std::nullopt;
    out += kSemiOctets[v];
  }
  return out;
}

bool encode_alphanumeric(Octets& out, const Address& a, AddressField field) {
  const auto septets = GsmAlphabet::encode(utf8_to_u32(a.value));
  if (!septets || septets->size() > Address::kMaxAlphanumeric) return false;
  const Octets packed = pack_septets(*septets);
  const std::size_t semi = (septets->size() * 7 + 3) / 4;
  out.push_back(static_cast<std::uint8_t>(field == AddressField::Tp ? semi : packed.size() + 1));
  out.push_back(a.type);
  out.insert(out.end(), packed.begin(), packed.end());
  return true;
}

std::optional<Address> decode_body(OctetView body, std::size_t semi, std::uint8_t type) {
  Address a;
  a.type = type;
  if (a.is_alphanumeric()) {
    auto septets = unpack_septets(body, semi * 4 / 7);
    if (!septets) return std::nullopt;
    a.value = u32_to_utf8(GsmAlphabet::decode(*septets));
    return a;
  }
  auto digits = read_semi_octets(body, semi);
  if (!digits) return std::nullopt;
  a.value = (a.international() && !digits->empty() ? "+" : "") + *digits;
  return a;
}

}  // namespace

std::optional<Address> Address::from_number(std::string_view number,
                                            std::optional<std::uint8_t> type) {
  const bool plus = !number.empty() && number.front() == '+';
  if (!valid_digits(plus ? number.substr(1) : number)) return std::nullopt;
  Address a;
  a.value = std::string(number);
  for (char& c : a.value) {
    if (c >= 'a' && c <= 'c') c = static_cast<char>(c - 'a' + 'A');
  }
  a.type = type.value_or(plus ? kInternational : kUnknown);
  return a;
}

std::optional<Address> Address::alphanumeric(std::string_view utf8_text) {
  const auto septets = GsmAlphabet::encode(utf8_to_u32(utf8_text));
  if (!septets || septets->empty() || septets->size() > kMaxAlphanumeric) return std::nullopt;
  return Address{std::string(utf8_text), kAlphanumeric};
}

std::string Address::digits() const {
  if (!value.empty() && value.front() == '+') return value.substr(1);
  return value;
}

bool encode_address(Octets& out, const Address& a, AddressField field) {
  if (a.is_alphanumeric()) return encode_alphanumeric(out, a, field);
  const std::string digits = a.digits();
  if (digits.empty() && field == AddressField::ServiceCentre) {
    out.push_back(0x00);
    return true;
  }
  if (!digits.empty() && !valid_digits(digits)) return false;
  const std::size_t octets = (digits.size() + 1) / 2;
  out.push_back(static_cast<std::uint8_t>(field == AddressField::Tp ? digits.size() : octets + 1));
  out.push_back(a.type);
  append_semi_octets(out, digits);
  return true;
}

std::optional<Address> decode_address(OctetReader& in, AddressField field) {
  const auto length = in.next();
  if (!length) return std::nullopt;
  if (field == AddressField::ServiceCentre && *length == 0) return Address{"", Address::kUnknown};
  // A service centre field counts octets (type included), a TP field counts semi-octets.
  const std::size_t body = field == AddressField::Tp ? (*length + 1u) / 2 : *length - 1u;
  const std::size_t semi = field == AddressField::Tp ? *length : body * 2;
  if (body > Address::kMaxDigits / 2) return std::nullopt;
  const auto type = in.next();
  const auto octets = in.take(body);
  if (!type || !octets) return std::nullopt;
  // A service centre number with an odd digit count ends in an 0xF pad nibble.
  std::size_t count = semi;
  if (field == AddressField::ServiceCentre && body > 0 && ((*octets)[body - 1] >> 4) == 0x0F &&
      ((*type & 0x70) != 0x50)) {
    --count;
  }
  return decode_body(*octets, count, *type);
}

}  // namespace cellemu::sms
