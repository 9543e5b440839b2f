#include "net/ppp/hdlc_encoder.h"

#include <array>

namespace cellemu::net::ppp {
namespace {
constexpr unsigned char kFlag = 0x7E;
constexpr unsigned char kEscape = 0x7D;

constexpr std::array<std::uint16_t, 256> make_table() {
  std::array<std::uint16_t, 256> table{};
  for (unsigned i = 0; i < 256; ++i) {
    std::uint16_t v = static_cast<std::uint16_t>(i);
    for (int bit = 0; bit < 8; ++bit) {
      v = (v & 1) ? static_cast<std::uint16_t>((v >> 1) ^ 0x8408)
                  : static_cast<std::uint16_t>(v >> 1);
    }
    table[i] = v;
  }
  return table;
}
constexpr auto kTable = make_table();
}  // namespace

std::uint16_t fcs16(std::uint16_t fcs, std::string_view bytes) {
  for (const char c : bytes) {
    fcs = static_cast<std::uint16_t>((fcs >> 8) ^
                                     kTable[(fcs ^ static_cast<unsigned char>(c)) & 0xFF]);
  }
  return fcs;
}

void HdlcEncoder::put(std::string& out, unsigned char byte) const {
  const bool escape =
      byte == kFlag || byte == kEscape || (byte < 0x20 && ((options_.accm >> byte) & 1U) != 0);
  if (escape) {
    out.push_back(static_cast<char>(kEscape));
    out.push_back(static_cast<char>(byte ^ 0x20));
  } else {
    out.push_back(static_cast<char>(byte));
  }
}

void HdlcEncoder::encode(std::uint16_t protocol, std::string_view info, std::string& out) const {
  const bool lcp = protocol == kProtoLcp;
  // Header as transmitted (before escaping): the FCS covers exactly these bytes.
  char head[4];
  std::size_t n = 0;
  if (lcp || !options_.acfc) {
    head[n++] = static_cast<char>(0xFF);
    head[n++] = 0x03;
  }
  // A protocol value with an empty high octet fits in one octet (its low octet is always odd).
  if (lcp || !options_.pfc || protocol > 0xFF) head[n++] = static_cast<char>(protocol >> 8);
  head[n++] = static_cast<char>(protocol & 0xFF);
  const std::string_view header(head, n);
  const std::uint16_t fcs = static_cast<std::uint16_t>(~fcs16(fcs16(kFcsInit, header), info));

  out.reserve(out.size() + 2 * (n + info.size() + 2) + 2);
  out.push_back(static_cast<char>(kFlag));
  for (const char c : header) put(out, static_cast<unsigned char>(c));
  for (const char c : info) put(out, static_cast<unsigned char>(c));
  put(out, static_cast<unsigned char>(fcs & 0xFF));  // least significant octet first
  put(out, static_cast<unsigned char>(fcs >> 8));
  out.push_back(static_cast<char>(kFlag));
}

}  // namespace cellemu::net::ppp
