#include "net/ppp/ip_packet.h"

#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
namespace {
constexpr std::uint8_t kIcmpEchoReply = 0;
constexpr std::uint8_t kIcmpEchoRequest = 8;

// RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m').
std::uint16_t adjust(std::uint16_t checksum, std::uint16_t old_value, std::uint16_t new_value) {
  std::uint32_t sum = static_cast<std::uint16_t>(~checksum) +
                      static_cast<std::uint32_t>(static_cast<std::uint16_t>(~old_value)) +
                      new_value;
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

std::string ip_header(Ipv4 src, Ipv4 dst, std::uint8_t protocol, std::size_t l4_size) {
  std::string h;
  append8(h, 0x45);
  append8(h, 0);
  append16(h, static_cast<std::uint16_t>(20 + l4_size));
  append32(h, 0x00004000);  // id 0, don't fragment
  append8(h, 64);
  append8(h, protocol);
  append16(h, 0);
  append32(h, src);
  append32(h, dst);
  put16(h, 10, inet_checksum(h));
  return h;
}

std::uint32_t pseudo_sum(Ipv4 src, Ipv4 dst, std::uint8_t protocol, std::size_t length) {
  return (src >> 16) + (src & 0xFFFF) + (dst >> 16) + (dst & 0xFFFF) + protocol +
         static_cast<std::uint32_t>(length);
}
}  // namespace

std::uint16_t inet_checksum(std::string_view bytes, std::uint32_t sum) {
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) sum += get16(bytes, i);
  if (i < bytes.size()) sum += static_cast<std::uint32_t>(get8(bytes, i)) << 8;
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

IpPacket::IpPacket(std::string bytes) : bytes_(std::move(bytes)) {}

std::optional<IpPacket> IpPacket::parse(std::string bytes) {
  if (bytes.size() < 20 || (get8(bytes, 0) >> 4) != 4) return std::nullopt;
  const std::size_t header = (get8(bytes, 0) & 0x0F) * 4u;
  const std::size_t total = get16(bytes, 2);
  if (header < 20 || total < header || total > bytes.size()) return std::nullopt;
  bytes.resize(total);
  IpPacket p(std::move(bytes));
  p.header_ = header;
  if (p.fragment()) return p;
  const std::size_t l4 = total - header;
  switch (p.protocol()) {
    case kIpTcp:
      p.has_ports_ = l4 >= 20 && (get8(p.bytes_, header + 12) >> 4) * 4u >= 20 &&
                     (get8(p.bytes_, header + 12) >> 4) * 4u <= l4;
      break;
    case kIpUdp:
      p.has_ports_ = l4 >= 8;
      break;
    case kIpIcmp:
      p.has_ports_ = l4 >= 8 && (get8(p.bytes_, header) == kIcmpEchoRequest ||
                                 get8(p.bytes_, header) == kIcmpEchoReply);
      break;
    default:
      break;
  }
  return p;
}

IpPacket IpPacket::tcp(Ipv4 src, std::uint16_t sport, Ipv4 dst, std::uint16_t dport,
                       std::uint32_t seq, std::uint32_t ack, std::uint8_t flags,
                       std::string_view payload) {
  std::string t;
  append16(t, sport);
  append16(t, dport);
  append32(t, seq);
  append32(t, ack);
  append8(t, 0x50);
  append8(t, flags);
  append16(t, (flags & kTcpRst) ? 0 : 65535);
  append32(t, 0);  // checksum, urgent pointer
  t.append(payload);
  put16(t, 16, inet_checksum(t, pseudo_sum(src, dst, kIpTcp, t.size())));
  return *parse(ip_header(src, dst, kIpTcp, t.size()) + t);
}

IpPacket IpPacket::udp(Ipv4 src, std::uint16_t sport, Ipv4 dst, std::uint16_t dport,
                       std::string_view payload) {
  std::string u;
  append16(u, sport);
  append16(u, dport);
  append16(u, static_cast<std::uint16_t>(8 + payload.size()));
  append16(u, 0);
  u.append(payload);
  std::uint16_t checksum = inet_checksum(u, pseudo_sum(src, dst, kIpUdp, u.size()));
  put16(u, 6, checksum == 0 ? 0xFFFF : checksum);
  return *parse(ip_header(src, dst, kIpUdp, u.size()) + u);
}

Ipv4 IpPacket::src() const {
  return get32(bytes_, 12);
}
Ipv4 IpPacket::dst() const {
  return get32(bytes_, 16);
}
std::uint8_t IpPacket::protocol() const {
  return get8(bytes_, 9);
}
bool IpPacket::fragment() const {
  return (get16(bytes_, 6) & 0x3FFF) != 0;
}

std::uint16_t IpPacket::src_port() const {
  return protocol() == kIpIcmp ? get16(bytes_, l4() + 4) : get16(bytes_, l4());
}
std::uint16_t IpPacket::dst_port() const {
  return protocol() == kIpIcmp ? get16(bytes_, l4() + 4) : get16(bytes_, l4() + 2);
}

std::optional<std::size_t> IpPacket::l4_checksum_at() const {
  if (!has_ports_) return std::nullopt;
  switch (protocol()) {
    case kIpTcp:
      return l4() + 16;
    case kIpUdp:
      return get16(bytes_, l4() + 6) == 0 ? std::nullopt : std::optional(l4() + 6);
    default:
      return l4() + 2;
  }
}

void IpPacket::replace16(std::size_t at, std::uint16_t value, bool pseudo) {
  const std::uint16_t old_value = get16(bytes_, at);
  if (old_value == value) return;
  put16(bytes_, at, value);
  if (at < header_) put16(bytes_, 10, adjust(get16(bytes_, 10), old_value, value));
  // Addresses count in TCP/UDP checksums (pseudo header), never in ICMP's.
  const auto at_sum = l4_checksum_at();
  if (!at_sum || (pseudo && protocol() == kIpIcmp)) return;
  std::uint16_t sum = adjust(get16(bytes_, *at_sum), old_value, value);
  if (sum == 0 && protocol() == kIpUdp) sum = 0xFFFF;
  put16(bytes_, *at_sum, sum);
}

void IpPacket::replace_address(std::size_t at, Ipv4 value) {
  replace16(at, static_cast<std::uint16_t>(value >> 16), true);
  replace16(at + 2, static_cast<std::uint16_t>(value & 0xFFFF), true);
}

void IpPacket::set_src(Ipv4 address) {
  replace_address(12, address);
}
void IpPacket::set_dst(Ipv4 address) {
  replace_address(16, address);
}

void IpPacket::set_src_port(std::uint16_t port) {
  if (!has_ports_) return;
  replace16(protocol() == kIpIcmp ? l4() + 4 : l4(), port, false);
}
void IpPacket::set_dst_port(std::uint16_t port) {
  if (!has_ports_) return;
  replace16(protocol() == kIpIcmp ? l4() + 4 : l4() + 2, port, false);
}

std::uint8_t IpPacket::tcp_flags() const {
  return get8(bytes_, l4() + 13);
}
std::uint32_t IpPacket::tcp_seq() const {
  return get32(bytes_, l4() + 4);
}
std::uint32_t IpPacket::tcp_ack() const {
  return get32(bytes_, l4() + 8);
}

std::string_view IpPacket::payload() const {
  if (!has_ports_) return {};
  std::size_t offset = 8;
  if (protocol() == kIpTcp) offset = (get8(bytes_, l4() + 12) >> 4) * 4u;
  return std::string_view(bytes_).substr(l4() + offset);
}

std::uint32_t IpPacket::tcp_span() const {
  const std::uint8_t flags = tcp_flags();
  return static_cast<std::uint32_t>(payload().size()) + ((flags & kTcpSyn) ? 1 : 0) +
         ((flags & kTcpFin) ? 1 : 0);
}

bool IpPacket::is_icmp_echo_request() const {
  return protocol() == kIpIcmp && has_ports_ && get8(bytes_, l4()) == kIcmpEchoRequest;
}

}  // namespace cellemu::net::ppp
