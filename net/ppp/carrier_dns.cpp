#include "net/ppp/carrier_dns.h"

#include "emulator/core/logging.h"
#include "net/ppp/dns_message.h"

namespace cellemu::net::ppp {
namespace {
constexpr std::uint16_t kDnsPort = 53;
constexpr std::uint16_t kTypeAaaa = 28;
// Lookups in flight and names remembered: a host cannot grow either without bound.
constexpr std::size_t kMaxInFlight = 32;
constexpr std::size_t kMaxNames = 512;
}  // namespace

CarrierDns::CarrierDns(Resolver& resolver, Ipv4 dns1, Ipv4 dns2, std::uint32_t ttl, Reply reply)
    : resolver_(resolver), dns1_(dns1), dns2_(dns2), ttl_(ttl), reply_(std::move(reply)) {}

bool CarrierDns::handle(const IpPacket& packet) {
  const bool ours = packet.dst() != 0 && (packet.dst() == dns1_ || packet.dst() == dns2_);
  if (!ours || packet.protocol() != kIpUdp || !packet.has_ports() ||
      packet.dst_port() != kDnsPort) {
    return false;
  }
  const auto query = DnsMessage::parse_query(packet.payload());
  if (!query || in_flight_ >= kMaxInFlight) return true;  // dropped: the stub resolver retries
  if (query->type != kDnsTypeA) {
    // No IPv6 on an "IP" PDN: AAAA and anything else have no records (NOERROR, empty).
    answer(packet, query->type == kTypeAaaa ? kDnsNoError : kDnsNotImp, {});
    return true;
  }
  ++in_flight_;
  resolver_.resolve_virtual(
      query->name, [this, alive = std::weak_ptr<bool>(alive_), packet, name = query->name](
                       std::optional<NetError> error, Resolver::Addresses addresses) {
        if (alive.expired()) return;
        --in_flight_;
        std::vector<Ipv4> v4;
        for (const auto& a : addresses) {
          if (a.is_v4()) v4.push_back(a.to_v4().to_uint());
        }
        std::uint8_t rcode = kDnsNoError;
        if (error) rcode = *error == NetError::DnsTimeout ? kDnsServFail : kDnsNxDomain;
        core::logger("net")->debug("ppp: DNS {} -> {} address(es){}", name, v4.size(),
                                   error ? std::string(", ") + std::string(describe(*error)) : "");
        remember(name, v4);
        answer(packet, rcode, v4);
      });
  return true;
}

void CarrierDns::answer(const IpPacket& query, std::uint8_t rcode,
                        const std::vector<Ipv4>& addresses) {
  const auto parsed = DnsMessage::parse_query(query.payload());
  if (!parsed) return;
  reply_(IpPacket::udp(query.dst(), kDnsPort, query.src(), query.src_port(),
                       parsed->answer(rcode, addresses, ttl_)));
}

void CarrierDns::remember(const std::string& name, const std::vector<Ipv4>& addresses) {
  for (const Ipv4 a : addresses) {
    if (names_.insert_or_assign(a, name).second) order_.push_back(a);
  }
  while (order_.size() > kMaxNames) {
    names_.erase(order_.front());
    order_.pop_front();
  }
}

std::string CarrierDns::name_of(Ipv4 address) const {
  const auto it = names_.find(address);
  return it == names_.end() ? std::string() : it->second;
}

}  // namespace cellemu::net::ppp
