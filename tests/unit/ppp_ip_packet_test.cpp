#include <gtest/gtest.h>

#include "net/ppp/dns_message.h"
#include "net/ppp/ip_packet.h"
#include "net/ppp/wire.h"
#include "tests/unit/ppp_test_peer.h"

namespace cellemu::net::ppp {
namespace {
using testing::hex;

// Recomputing a transport checksum from scratch over the pseudo header and the segment gives 0.
bool transport_checksum_ok(const IpPacket& p) {
  const std::string& b = p.bytes();
  const std::size_t header = (get8(b, 0) & 0x0F) * 4u;
  const std::string_view segment = std::string_view(b).substr(header);
  std::uint32_t pseudo = (p.src() >> 16) + (p.src() & 0xFFFF) + (p.dst() >> 16) +
                         (p.dst() & 0xFFFF) + p.protocol() +
                         static_cast<std::uint32_t>(segment.size());
  if (p.protocol() == kIpIcmp) pseudo = 0;
  return inet_checksum(segment, pseudo) == 0;
}

TEST(PppIpPacket, RewritesKeepEveryChecksumRight) {
  for (auto p : {IpPacket::tcp(0x0A4A9530, 40000, 0x707D5908, 37076, 7, 9, kTcpSyn, "data"),
                 IpPacket::udp(0x0A4A9530, 5353, 0xD3887032, 53, "query")}) {
    ASSERT_TRUE(transport_checksum_ok(p));
    p.set_src_port(20001);
    p.set_dst(0x7F000001);
    p.set_dst_port(41234);
    p.set_src(0x0A000002);
    EXPECT_EQ(inet_checksum(std::string_view(p.bytes()).substr(0, 20)), 0);
    EXPECT_TRUE(transport_checksum_ok(p));
    EXPECT_EQ(p.src_port(), 20001);
    EXPECT_EQ(p.dst(), 0x7F000001u);
  }
}

TEST(PppIpPacket, IcmpEchoIdentifierIsItsPort) {
  // Echo request from 10.74.149.48 to 192.168.20.1, id 0x1234, seq 1.
  std::string icmp = hex("08000000 1234 0001 61626364");
  put16(icmp, 2, inet_checksum(icmp));
  std::string ip = hex("45000020 00004000 40010000 0A4A9530 C0A81401") + icmp;
  put16(ip, 10, inet_checksum(std::string_view(ip).substr(0, 20)));
  auto p = IpPacket::parse(ip);
  ASSERT_TRUE(p && p->has_ports() && p->is_icmp_echo_request());
  EXPECT_EQ(p->src_port(), 0x1234);
  p->set_src_port(20000);
  p->set_dst(0x7F000001);  // no pseudo header in ICMP: only the IP checksum changes
  EXPECT_EQ(p->dst_port(), 20000);
  EXPECT_TRUE(transport_checksum_ok(*p));
  EXPECT_EQ(inet_checksum(std::string_view(p->bytes()).substr(0, 20)), 0);
}

TEST(PppIpPacket, MalformedDatagramsAreRefused) {
  EXPECT_FALSE(IpPacket::parse(hex("45000014")));
  EXPECT_FALSE(IpPacket::parse(hex("60000000") + std::string(36, '\0')));  // IPv6
  auto p =
      IpPacket::parse(hex("45000030 00000000 40060000 01020304 05060708") + std::string(8, '\0'));
  EXPECT_FALSE(p);  // total length past the data
  p = IpPacket::parse(hex("4500001C 00002000 40110000 01020304 05060708") + std::string(8, '\0'));
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->fragment());
  EXPECT_FALSE(p->has_ports());
}

TEST(PppDnsMessage, ParsesOneQuestionAndAnswersWithARecords) {
  const std::string query =
      hex("ABCD 0100 0001 0000 0000 0000 06736572766572 0474657374 00 0001 0001");
  const auto q = DnsMessage::parse_query(query);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->name, "server.test");
  EXPECT_EQ(q->type, kDnsTypeA);
  EXPECT_EQ(core::to_hex(q->answer(kDnsNoError, {0x7F000001}, 60)),
            "ABCD818000010001000000000673657276657204746573740000010001"
            "C00C000100010000003C00047F000001");
  EXPECT_EQ(core::to_hex(q->answer(kDnsNxDomain, {}, 60)).substr(0, 12), "ABCD81830001");
  EXPECT_FALSE(DnsMessage::parse_query(query.substr(0, 20)));
  EXPECT_FALSE(
      DnsMessage::parse_query(hex("ABCD 8180 0001 0000 0000 0000 00 0001 0001")));  // a response
  EXPECT_FALSE(
      DnsMessage::parse_query(hex("ABCD 0100 0001 0000 0000 0000 C00C 0001 0001")));  // pointer
}

}  // namespace
}  // namespace cellemu::net::ppp
