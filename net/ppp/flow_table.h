#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/timer_service.h"
#include "net/network_conditions.h"
#include "net/ppp/ipcp.h"

namespace cellemu::net::ppp {

// One side of a flow as a NAT sees it: protocol, the port at the PPP peer's end, the remote
// address and port.
struct FlowKey {
  std::uint8_t protocol = 0;
  std::uint16_t peer_port = 0;
  Ipv4 remote = 0;
  std::uint16_t remote_port = 0;
  friend auto operator<=>(const FlowKey&, const FlowKey&) = default;
};

// One mapping of the carrier NAT in front of the PPP peer. The peer side is what the host
// sees (the virtual remote of --route); the slirp side is what goes to real sockets: the real
// remote and a port of this NAT's own, so a mapping that vanished and comes back is a new
// connection to the server, as behind a real carrier NAT.
struct Flow {
  std::uint64_t id = 0;
  bool inbound = false;  // opened from outside (a port forward)
  FlowKey peer;
  FlowKey slirp;
  std::string name;  // what the peer resolved through the module's DNS, if known
  std::uint64_t bytes_up = 0;
  std::uint64_t bytes_down = 0;
  core::TimePoint created{};
  core::TimePoint last_activity{};
  // TCP: the next sequence number each end will use, to forge FIN/RST for injected faults.
  std::optional<std::uint32_t> peer_next;
  std::optional<std::uint32_t> remote_next;
  bool fin_up = false;
  bool fin_down = false;
  bool closing = false;  // an injected close: the flow only finishes the peer's side
};

// The NAT's table: mappings by either side, bounded, with the carrier's idle timeouts.
class FlowTable {
 public:
  // A mapping disappears: `idle` tells the carrier NAT timed it out.
  using Removed = std::function<void(const Flow& flow, bool idle)>;

  FlowTable(core::TimerService& timers, NetworkConditions& conditions, std::size_t max_flows,
            Removed removed);

  // nullptr when the table is full.
  Flow* add(const FlowKey& peer, Ipv4 real, std::uint16_t real_port, bool inbound);
  Flow* by_peer(const FlowKey& key);
  Flow* by_slirp(const FlowKey& key);
  Flow* by_id(std::uint64_t id);
  void touch(Flow& flow);
  void remove(std::uint64_t id, bool idle = false);
  // The TCP connection ended both ways: keep the mapping a little for the last ACKs.
  void linger(Flow& flow);
  // The NAT idle timeouts changed (a live fault): every mapping is judged by the new ones.
  void nat_policy_changed();
  std::vector<const Flow*> flows() const;
  std::size_t size() const { return flows_.size(); }
  void clear();

 private:
  struct Entry {
    explicit Entry(core::TimerService& timers) : timer(timers) {}
    Flow flow;
    core::Timer timer;
  };
  core::Duration idle_limit(const Flow& flow) const;
  void arm(Entry& entry);
  void check_idle(std::uint64_t id);
  std::uint16_t mapped_port(const FlowKey& peer, Ipv4 real, std::uint16_t real_port);

  core::TimerService& timers_;
  NetworkConditions& conditions_;
  std::size_t max_flows_;
  Removed removed_;
  std::map<std::uint64_t, std::unique_ptr<Entry>> flows_;
  std::map<FlowKey, std::uint64_t> by_peer_;
  std::map<FlowKey, std::uint64_t> by_slirp_;
  std::uint64_t next_id_ = 1;
  std::uint16_t next_port_ = 0;
};

}  // namespace cellemu::net::ppp
