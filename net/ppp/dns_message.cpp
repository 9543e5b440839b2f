#include "net/ppp/dns_message.h"

#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
namespace {
constexpr std::size_t kHeader = 12;
constexpr std::size_t kMaxName = 255;
}  // namespace

std::optional<DnsMessage> DnsMessage::parse_query(std::string_view p) {
  if (p.size() < kHeader) return std::nullopt;
  DnsMessage q;
  q.id = get16(p, 0);
  q.flags = get16(p, 2);
  const bool is_query = (q.flags & 0x8000) == 0;
  const unsigned opcode = (q.flags >> 11) & 0xF;
  if (!is_query || opcode != 0 || get16(p, 4) != 1) return std::nullopt;
  std::size_t at = kHeader;
  std::size_t wire_length = 0;
  while (true) {
    if (at >= p.size()) return std::nullopt;
    const std::size_t label = get8(p, at);
    if (label == 0) break;
    // Queries carry no compression pointers; a label is at most 63 octets.
    if (label > 63 || at + 1 + label > p.size()) return std::nullopt;
    wire_length += label + 1;
    if (wire_length > kMaxName) return std::nullopt;
    if (!q.name.empty()) q.name.push_back('.');
    q.name.append(p.substr(at + 1, label));
    at += 1 + label;
  }
  if (at + 5 > p.size()) return std::nullopt;
  q.type = get16(p, at + 1);
  q.qclass = get16(p, at + 3);
  q.question = std::string(p.substr(kHeader, at + 5 - kHeader));
  return q;
}

std::string DnsMessage::answer(std::uint8_t rcode, const std::vector<Ipv4>& addresses,
                               std::uint32_t ttl) const {
  const std::vector<Ipv4> none;
  const auto& records = rcode == kDnsNoError && type == kDnsTypeA ? addresses : none;
  std::string out;
  append16(out, id);
  // QR, the query's opcode and RD, RA (a recursive server), the response code.
  append16(out, static_cast<std::uint16_t>(0x8000 | (flags & 0x7900) | 0x0080 | (rcode & 0xF)));
  append16(out, 1);
  append16(out, static_cast<std::uint16_t>(records.size()));
  append16(out, 0);
  append16(out, 0);
  out += question;
  for (const Ipv4 a : records) {
    append16(out, 0xC00C);  // the name: a pointer to the question's
    append16(out, kDnsTypeA);
    append16(out, 1);
    append32(out, ttl);
    append16(out, 4);
    append32(out, a);
  }
  return out;
}

}  // namespace cellemu::net::ppp
