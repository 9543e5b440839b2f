#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "net/ppp/ip_packet.h"
#include "net/resolver.h"

namespace cellemu::net::ppp {

// The operator's DNS servers as the PPP peer sees them (the IPCP DNS addresses): queries are
// answered from the module's resolver, so --host, --dns static and DNS faults apply exactly as
// to the module's own lookups, and nothing is forwarded to another server. Remembers which
// name each answered address came from, so --allow/--deny name rules work for PPP flows too.
class CarrierDns {
 public:
  using Reply = std::function<void(IpPacket packet)>;

  CarrierDns(Resolver& resolver, Ipv4 dns1, Ipv4 dns2, std::uint32_t ttl, Reply reply);

  // True when the packet was a query to one of our servers (consumed, answered later).
  bool handle(const IpPacket& packet);
  // The name an address was given out for, or empty.
  std::string name_of(Ipv4 address) const;

 private:
  void answer(const IpPacket& query, std::uint8_t rcode, const std::vector<Ipv4>& addresses);
  void remember(const std::string& name, const std::vector<Ipv4>& addresses);

  Resolver& resolver_;
  Ipv4 dns1_;
  Ipv4 dns2_;
  std::uint32_t ttl_;
  Reply reply_;
  std::size_t in_flight_ = 0;
  std::map<Ipv4, std::string> names_;
  std::deque<Ipv4> order_;  // oldest first, to keep names_ bounded
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace cellemu::net::ppp
