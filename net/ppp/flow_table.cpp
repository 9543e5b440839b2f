#include "net/ppp/flow_table.h"

#include "net/ppp/ip_packet.h"

namespace cellemu::net::ppp {
namespace {
// Ports of the NAT's own, toward slirp.
constexpr std::uint16_t kFirstPort = 20000;
constexpr std::uint16_t kPortCount = 40000;
// After both FINs, the mapping stays for the final ACKs (a TIME_WAIT of sorts).
constexpr core::Duration kLinger = std::chrono::seconds(30);
}  // namespace

FlowTable::FlowTable(core::TimerService& timers, NetworkConditions& conditions,
                     std::size_t max_flows, Removed removed)
    : timers_(timers),
      conditions_(conditions),
      max_flows_(max_flows),
      removed_(std::move(removed)) {}

std::uint16_t FlowTable::mapped_port(const FlowKey& peer, Ipv4 real, std::uint16_t real_port) {
  for (unsigned tries = 0; tries < kPortCount; ++tries) {
    const auto port = static_cast<std::uint16_t>(kFirstPort + next_port_);
    next_port_ = static_cast<std::uint16_t>((next_port_ + 1) % kPortCount);
    if (by_slirp_.count(FlowKey{peer.protocol, port, real, real_port}) == 0) return port;
  }
  return 0;
}

Flow* FlowTable::add(const FlowKey& peer, Ipv4 real, std::uint16_t real_port, bool inbound) {
  if (flows_.size() >= max_flows_ || by_peer_.count(peer) != 0) return nullptr;
  // Inbound connections arrive at the peer's own port; outbound ones leave from one of ours.
  const std::uint16_t port = inbound ? peer.peer_port : mapped_port(peer, real, real_port);
  // An ICMP echo's identifier is both of its "ports".
  const FlowKey slirp{peer.protocol, port, real, peer.protocol == kIpIcmp ? port : real_port};
  if (port == 0 || by_slirp_.count(slirp) != 0) return nullptr;
  auto entry = std::make_unique<Entry>(timers_);
  Flow& f = entry->flow;
  f.id = next_id_++;
  f.inbound = inbound;
  f.peer = peer;
  f.slirp = slirp;
  f.created = f.last_activity = timers_.now();
  by_peer_[peer] = f.id;
  by_slirp_[slirp] = f.id;
  Entry& e = *entry;
  flows_[f.id] = std::move(entry);
  arm(e);
  return &e.flow;
}

Flow* FlowTable::by_id(std::uint64_t id) {
  const auto it = flows_.find(id);
  return it == flows_.end() ? nullptr : &it->second->flow;
}

Flow* FlowTable::by_peer(const FlowKey& key) {
  const auto it = by_peer_.find(key);
  return it == by_peer_.end() ? nullptr : by_id(it->second);
}

Flow* FlowTable::by_slirp(const FlowKey& key) {
  const auto it = by_slirp_.find(key);
  return it == by_slirp_.end() ? nullptr : by_id(it->second);
}

void FlowTable::touch(Flow& flow) {
  flow.last_activity = timers_.now();
}

core::Duration FlowTable::idle_limit(const Flow& flow) const {
  // A public address (inbound forwards) has no carrier NAT in front of it.
  if (flow.inbound) return core::Duration::zero();
  return flow.peer.protocol == kIpTcp ? conditions_.nat.tcp_idle : conditions_.nat.udp_idle;
}

void FlowTable::arm(Entry& entry) {
  const core::Duration limit = idle_limit(entry.flow);
  if (limit.count() <= 0) return entry.timer.cancel();
  const core::Duration quiet = timers_.now() - entry.flow.last_activity;
  const std::uint64_t id = entry.flow.id;
  entry.timer.start(std::max(limit - quiet, core::Duration::zero()),
                    [this, id] { check_idle(id); });
}

void FlowTable::check_idle(std::uint64_t id) {
  const auto it = flows_.find(id);
  if (it == flows_.end()) return;
  const core::Duration limit = idle_limit(it->second->flow);
  if (limit.count() > 0 && timers_.now() - it->second->flow.last_activity >= limit) {
    return remove(id, true);
  }
  arm(*it->second);
}

void FlowTable::linger(Flow& flow) {
  const std::uint64_t id = flow.id;
  flows_.at(id)->timer.start(kLinger, [this, id] { remove(id); });
}

void FlowTable::remove(std::uint64_t id, bool idle) {
  const auto it = flows_.find(id);
  if (it == flows_.end()) return;
  std::unique_ptr<Entry> entry = std::move(it->second);
  flows_.erase(it);
  by_peer_.erase(entry->flow.peer);
  by_slirp_.erase(entry->flow.slirp);
  if (removed_) removed_(entry->flow, idle);
}

void FlowTable::nat_policy_changed() {
  for (auto& kv : flows_) {
    Entry& entry = *kv.second;
    if (!entry.flow.fin_up || !entry.flow.fin_down) arm(entry);
  }
}

std::vector<const Flow*> FlowTable::flows() const {
  std::vector<const Flow*> out;
  out.reserve(flows_.size());
  for (const auto& kv : flows_) out.push_back(&kv.second->flow);
  return out;
}

void FlowTable::clear() {
  while (!flows_.empty()) remove(flows_.begin()->first);
}

}  // namespace cellemu::net::ppp
