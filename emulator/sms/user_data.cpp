#include "emulator/sms/user_data.h"

#include "emulator/sms/septet_packing.h"

namespace cellemu::sms {
namespace {

constexpr std::uint8_t kConcat8 = 0x00;
constexpr std::uint8_t kConcat16 = 0x08;

// Septets a header of `octets` octets (length octet included) occupies, and the fill bits that
// bring the text to the next septet boundary (23.040 §9.2.3.24).
std::size_t header_septets(std::size_t octets) {
  return (octets * 8 + 6) / 7;
}
int fill_bits(std::size_t octets) {
  return static_cast<int>(header_septets(octets) * 7 - octets * 8);
}

bool append_header(Octets& out, const UserData& ud) {
  if (!ud.has_header) return true;
  const std::size_t length = ud.header_octets() - 1;
  if (length > kMaxUserDataOctets) return false;
  out.push_back(static_cast<std::uint8_t>(length));
  for (const auto& ie : ud.header) {
    if (ie.data.size() > 0xFF) return false;
    out.push_back(ie.id);
    out.push_back(static_cast<std::uint8_t>(ie.data.size()));
    out.insert(out.end(), ie.data.begin(), ie.data.end());
  }
  return true;
}

std::optional<std::vector<InformationElement>> parse_header(OctetView udh) {
  std::vector<InformationElement> out;
  OctetReader in(udh);
  while (!in.done()) {
    const auto id = in.next();
    const auto len = in.next();
    if (!id || !len) return std::nullopt;
    const auto data = in.take(*len);
    if (!data) return std::nullopt;
    out.push_back({*id, Octets(data->begin(), data->end())});
  }
  return out;
}

// Splits TP-UD octets into header and the rest; `ud` starts with the UDH length octet.
std::optional<UserData> split_header(OctetView ud, std::size_t& header_size) {
  UserData out;
  out.has_header = true;
  if (ud.empty() || ud[0] + 1u > ud.size()) return std::nullopt;
  header_size = ud[0] + 1u;
  auto ies = parse_header(ud.subspan(1, ud[0]));
  if (!ies) return std::nullopt;
  out.header = std::move(*ies);
  return out;
}

std::optional<UserData> decode_septets(std::uint8_t udl, OctetView ud, bool has_header) {
  if (udl > kMaxUserDataSeptets || ud.size() != packed_size(udl)) return std::nullopt;
  UserData out;
  std::size_t header = 0;
  if (has_header) {
    auto split = split_header(ud, header);
    if (!split || header_septets(header) > udl) return std::nullopt;
    out = std::move(*split);
  }
  const std::size_t skip = header == 0 ? 0 : header_septets(header);
  auto septets =
      unpack_septets(ud.subspan(header), udl - skip, header == 0 ? 0 : fill_bits(header));
  if (!septets) return std::nullopt;
  out.payload = std::move(*septets);
  return out;
}

std::optional<UserData> decode_octets(OctetView ud, bool has_header) {
  if (ud.size() > kMaxUserDataOctets) return std::nullopt;
  UserData out;
  std::size_t header = 0;
  if (has_header) {
    auto split = split_header(ud, header);
    if (!split) return std::nullopt;
    out = std::move(*split);
  }
  out.payload.assign(ud.begin() + static_cast<std::ptrdiff_t>(header), ud.end());
  return out;
}

}  // namespace

InformationElement Concatenation::element() const {
  if (wide_reference) {
    return {kConcat16,
            {static_cast<std::uint8_t>(reference >> 8), static_cast<std::uint8_t>(reference & 0xFF),
             total, sequence}};
  }
  return {kConcat8, {static_cast<std::uint8_t>(reference & 0xFF), total, sequence}};
}

std::optional<Concatenation> UserData::concatenation() const {
  for (const auto& ie : header) {
    Concatenation c;
    if (ie.id == kConcat8 && ie.data.size() == 3) {
      c = {ie.data[0], ie.data[1], ie.data[2], false};
    } else if (ie.id == kConcat16 && ie.data.size() == 4) {
      c = {static_cast<std::uint16_t>(ie.data[0] << 8 | ie.data[1]), ie.data[2], ie.data[3], true};
    } else {
      continue;
    }
    if (c.total == 0 || c.sequence == 0 || c.sequence > c.total) return std::nullopt;
    return c;
  }
  return std::nullopt;
}

std::size_t UserData::header_octets() const {
  if (!has_header) return 0;
  std::size_t n = 1;
  for (const auto& ie : header) n += 2 + ie.data.size();
  return n;
}

std::optional<EncodedUserData> encode_user_data(const UserData& ud, const DataCoding& coding) {
  EncodedUserData out;
  if (!append_header(out.octets, ud)) return std::nullopt;
  const std::size_t header = out.octets.size();
  if (coding.septet_coded()) {
    const std::size_t septets = (header == 0 ? 0 : header_septets(header)) + ud.payload.size();
    if (septets > kMaxUserDataSeptets) return std::nullopt;
    const Octets packed = pack_septets(ud.payload, header == 0 ? 0 : fill_bits(header));
    out.octets.insert(out.octets.end(), packed.begin(), packed.end());
    out.length = static_cast<std::uint8_t>(septets);
    return out;
  }
  out.octets.insert(out.octets.end(), ud.payload.begin(), ud.payload.end());
  if (out.octets.size() > kMaxUserDataOctets) return std::nullopt;
  out.length = static_cast<std::uint8_t>(out.octets.size());
  return out;
}

std::optional<UserData> decode_user_data(OctetReader& in, bool has_header,
                                         const DataCoding& coding) {
  const auto udl = in.next();
  if (!udl) return std::nullopt;
  const std::size_t octets = coding.septet_coded() ? packed_size(*udl) : *udl;
  const auto ud = in.take(octets);
  if (!ud || !in.done()) return std::nullopt;
  if (coding.septet_coded()) return decode_septets(*udl, *ud, has_header);
  return decode_octets(*ud, has_header);
}

}  // namespace cellemu::sms
