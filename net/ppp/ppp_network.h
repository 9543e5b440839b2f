#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "emulator/core/timer_service.h"
#include "net/link.h"
#include "net/link_journal.h"
#include "net/net_config.h"
#include "net/network_conditions.h"
#include "net/ppp/carrier_dns.h"
#include "net/ppp/flow_table.h"
#include "net/ppp/ip_packet.h"
#include "net/ppp/packet_shaper.h"
#include "net/ppp/port_forward.h"
#include "net/ppp/slirp_stack.h"
#include "net/resolver.h"

namespace cellemu::net::ppp {

// What the modem lends the network behind its PPP call.
struct PppNetworkEnv {
  boost::asio::io_context& io;
  core::TimerService& timers;
  NetworkConditions& conditions;  // the modem's: net delay|jitter|loss|rate and NAT idle
  const NetConfig& config;        // routes, the destination filter
  Resolver& resolver;             // the module's DNS view
  std::shared_ptr<LinkJournal> journal;
};

struct PppNetworkConfig {
  Ipv4 peer = 0;  // the address IPCP gave the host
  Ipv4 gateway = 0xC0A81401;
  Ipv4 dns1 = 0;
  Ipv4 dns2 = 0;
  std::size_t mtu = 1500;
  std::size_t max_flows = 256;
  std::size_t max_queued = 256 * 1024;  // per direction, in the radio shaper
  std::uint32_t dns_ttl = 60;
};

// One row of the NAT table for `ctl status`.
struct FlowInfo {
  std::uint64_t id = 0;
  std::string protocol;  // "TCP", "UDP", "ICMP"
  std::string remote;    // as the host addresses it ("112.125.89.8:37076")
  std::string real;      // where it really goes ("127.0.0.1:40000")
  std::uint16_t peer_port = 0;
  bool inbound = false;
  std::string name;
  std::uint64_t bytes_up = 0;
  std::uint64_t bytes_down = 0;
  core::Duration idle{0};
};

enum class FlowFault { Close, Reset, Blackhole };

// The IP network behind one PPP call: the carrier NAT (one mapping per flow, idle timeouts,
// --allow/--deny per destination, --route rewriting), the operator's DNS servers (the
// module's resolver), the radio link's shaping, and libslirp for the real sockets. Datagrams
// from the host go in through from_peer(); datagrams for it come out of the `to_peer` callback.
// A SYN to a refused destination is answered with a TCP reset (the host's connect fails at
// once, as the module's own socket commands report a failure at once); a refused UDP or ICMP
// datagram is dropped. Fragments and non-IPv4 traffic are dropped.
class PppNetwork {
 public:
  using ToPeer = std::function<void(std::string ipv4)>;

  PppNetwork(PppNetworkEnv env, PppNetworkConfig config, ToPeer to_peer);
  ~PppNetwork();

  void from_peer(std::string ipv4);
  bool add_forward(const PortForward& forward, std::string& error);
  // Output toward the host is backed up: stop reading the real sockets (TCP pushes back).
  void set_downlink_paused(bool paused) { slirp_.set_reading_paused(paused); }

  std::vector<FlowInfo> flows() const;
  bool fault(std::uint64_t flow_id, FlowFault fault);
  void nat_policy_changed() { table_.nat_policy_changed(); }
  std::uint64_t dropped() const { return dropped_; }

 private:
  struct PendingRoute {
    std::string packet;
  };
  void route_up(std::string bytes);
  void open_flow(IpPacket packet);
  void connect_flow(IpPacket packet, const std::vector<Ipv4>& targets, std::uint16_t port,
                    const std::string& target_host);
  void forward_up(Flow& flow, IpPacket packet);
  void closing_up(Flow& flow, const IpPacket& packet);
  void route_down(std::string bytes);
  Flow* inbound_flow(const IpPacket& packet);
  bool inbound_permitted(const IpPacket& packet);
  void refuse(const IpPacket& packet, const char* why);
  void send_to_peer(IpPacket packet) { down_.push(packet.take()); }
  void reset_slirp_side(const Flow& flow);
  void flow_removed(const Flow& flow, bool idle);
  void drop() { ++dropped_; }

  PppNetworkEnv env_;
  PppNetworkConfig config_;
  ToPeer to_peer_;
  FlowTable table_;
  CarrierDns dns_;
  PacketShaper up_;
  PacketShaper down_;
  std::map<FlowKey, PendingRoute> pending_;
  std::vector<PortForward> forwards_;
  std::uint64_t dropped_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  SlirpStack slirp_;  // last: its callbacks reach everything above
};

}  // namespace cellemu::net::ppp
