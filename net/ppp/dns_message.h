#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/ppp/ipcp.h"

namespace cellemu::net::ppp {

inline constexpr std::uint16_t kDnsTypeA = 1;
inline constexpr std::uint8_t kDnsNoError = 0;
inline constexpr std::uint8_t kDnsServFail = 2;
inline constexpr std::uint8_t kDnsNxDomain = 3;
inline constexpr std::uint8_t kDnsNotImp = 4;

// The one-question DNS query a stub resolver sends (RFC 1035 §4), and the answer the carrier's
// DNS server gives: A records from the module's resolver, nothing else.
struct DnsMessage {
  std::uint16_t id = 0;
  std::uint16_t flags = 0;
  std::string name;  // dotted, as asked
  std::uint16_t type = 0;
  std::uint16_t qclass = 0;
  std::string question;  // the question section as received, echoed in the answer

  // nullopt for anything but a standard query with exactly one well-formed question.
  static std::optional<DnsMessage> parse_query(std::string_view udp_payload);
  // The response to this query: `rcode` and, for NOERROR, A records with `ttl`.
  std::string answer(std::uint8_t rcode, const std::vector<Ipv4>& addresses,
                     std::uint32_t ttl) const;
};

}  // namespace cellemu::net::ppp
