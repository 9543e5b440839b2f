#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "net/ppp/ipcp.h"

namespace cellemu::net::ppp {

inline constexpr std::uint8_t kIpIcmp = 1;
inline constexpr std::uint8_t kIpTcp = 6;
inline constexpr std::uint8_t kIpUdp = 17;

inline constexpr std::uint8_t kTcpFin = 0x01;
inline constexpr std::uint8_t kTcpSyn = 0x02;
inline constexpr std::uint8_t kTcpRst = 0x04;
inline constexpr std::uint8_t kTcpAck = 0x10;

// The Internet checksum (RFC 1071) of `bytes`, folded into `sum` (for pseudo headers).
std::uint16_t inet_checksum(std::string_view bytes, std::uint32_t sum = 0);

// One IPv4 datagram the PPP link carries, with the fields the carrier network looks at and
// rewrites. Setters keep every checksum right by incremental update (RFC 1624). "Ports" are the
// TCP/UDP ports, and for ICMP echo the identifier (the only thing that tells two pings apart;
// both "ports" read and write it).
class IpPacket {
 public:
  // nullopt unless a well-formed IPv4 datagram; link padding past the total length is cut.
  static std::optional<IpPacket> parse(std::string bytes);
  static IpPacket tcp(Ipv4 src, std::uint16_t sport, Ipv4 dst, std::uint16_t dport,
                      std::uint32_t seq, std::uint32_t ack, std::uint8_t flags,
                      std::string_view payload = {});
  static IpPacket udp(Ipv4 src, std::uint16_t sport, Ipv4 dst, std::uint16_t dport,
                      std::string_view payload);

  Ipv4 src() const;
  Ipv4 dst() const;
  std::uint8_t protocol() const;
  bool fragment() const;
  // TCP/UDP with a whole header, or an ICMP echo request/reply.
  bool has_ports() const { return has_ports_; }
  std::uint16_t src_port() const;
  std::uint16_t dst_port() const;
  void set_src(Ipv4 address);
  void set_dst(Ipv4 address);
  void set_src_port(std::uint16_t port);
  void set_dst_port(std::uint16_t port);

  // TCP only.
  std::uint8_t tcp_flags() const;
  std::uint32_t tcp_seq() const;
  std::uint32_t tcp_ack() const;
  // Sequence space the segment takes (payload, plus one each for SYN and FIN).
  std::uint32_t tcp_span() const;
  bool is_icmp_echo_request() const;

  std::size_t size() const { return bytes_.size(); }
  // The transport payload (TCP/UDP data, the ICMP message past its 8-octet header).
  std::string_view payload() const;
  const std::string& bytes() const { return bytes_; }
  std::string take() { return std::move(bytes_); }

 private:
  explicit IpPacket(std::string bytes);
  std::size_t l4() const { return header_; }
  // Where the transport checksum sits and whether it covers the addresses.
  std::optional<std::size_t> l4_checksum_at() const;
  void replace16(std::size_t at, std::uint16_t value, bool pseudo);
  void replace_address(std::size_t at, Ipv4 value);

  std::string bytes_;
  std::size_t header_ = 20;
  bool has_ports_ = false;
};

}  // namespace cellemu::net::ppp
