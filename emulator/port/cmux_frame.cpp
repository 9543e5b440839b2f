#include "emulator/port/cmux_frame.h"

#include <array>

namespace cellemu::port {
namespace {
constexpr std::array<std::uint8_t, 256> make_table() {
  std::array<std::uint8_t, 256> table{};
  for (unsigned i = 0; i < 256; ++i) {
    auto v = static_cast<std::uint8_t>(i);
    for (int bit = 0; bit < 8; ++bit) {
      v = (v & 1) ? static_cast<std::uint8_t>((v >> 1) ^ 0xE0) : static_cast<std::uint8_t>(v >> 1);
    }
    table[i] = v;
  }
  return table;
}
constexpr auto kTable = make_table();

void append_length(std::string& out, std::size_t length) {
  if (length < 128) {
    out.push_back(static_cast<char>(length << 1 | 1));
  } else {
    out.push_back(static_cast<char>((length & 0x7F) << 1));
    out.push_back(static_cast<char>(length >> 7));
  }
}
}  // namespace

std::uint8_t cmux_crc(std::string_view bytes) {
  std::uint8_t crc = 0xFF;
  for (const char c : bytes) crc = kTable[crc ^ static_cast<std::uint8_t>(c)];
  return crc;
}

std::uint8_t cmux_fcs(std::string_view bytes) {
  return static_cast<std::uint8_t>(0xFF - cmux_crc(bytes));
}

void encode_cmux(const CmuxFrame& frame, std::string& out) {
  const std::size_t start = out.size();
  out.push_back(static_cast<char>(kCmuxFlag));
  out.push_back(static_cast<char>(frame.dlci << 2 | (frame.cr ? 2 : 0) | 1));
  out.push_back(static_cast<char>(static_cast<std::uint8_t>(frame.type) | (frame.pf ? 0x10 : 0)));
  append_length(out, frame.info.size());
  const std::size_t header_end = out.size();
  out += frame.info;
  const std::string_view covered =
      frame.type == CmuxType::Ui ? std::string_view(out).substr(start + 1)
                                 : std::string_view(out).substr(start + 1, header_end - start - 1);
  out.push_back(static_cast<char>(cmux_fcs(covered)));
  out.push_back(static_cast<char>(kCmuxFlag));
}

bool CmuxControl::parse(std::string_view info, CmuxControl& out) {
  if (info.size() < 2) return false;
  const auto type = static_cast<std::uint8_t>(info[0]);
  if ((type & 1) == 0) return false;  // multi-octet types are not defined
  // The length field is EA-extended like the frame's; one or two octets in practice.
  std::size_t length = 0;
  std::size_t at = 1;
  for (unsigned shift = 0; at < info.size() && shift < 14; shift += 7) {
    const auto octet = static_cast<std::uint8_t>(info[at++]);
    length |= static_cast<std::size_t>(octet >> 1) << shift;
    if (octet & 1) {
      if (info.size() - at < length) return false;
      out.type = static_cast<std::uint8_t>(type >> 2);
      out.command = (type & 2) != 0;
      out.value = std::string(info.substr(at, length));
      return true;
    }
  }
  return false;
}

std::string CmuxControl::encode() const {
  std::string out;
  out.push_back(static_cast<char>(type << 2 | (command ? 2 : 0) | 1));
  // Unlike the frame's, every octet of this length field carries an EA bit.
  if (value.size() < 128) {
    out.push_back(static_cast<char>(value.size() << 1 | 1));
  } else {
    out.push_back(static_cast<char>((value.size() & 0x7F) << 1));
    out.push_back(static_cast<char>((value.size() >> 7) << 1 | 1));
  }
  out += value;
  return out;
}

}  // namespace cellemu::port
