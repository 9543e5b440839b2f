#include "net/ppp/ppp_network.h"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include "emulator/core/logging.h"

namespace cellemu::net::ppp {
namespace {
constexpr std::size_t kMaxPendingRoutes = 16;

bool seq_after(std::uint32_t a, std::uint32_t b) {
  return static_cast<std::int32_t>(a - b) > 0;
}

const char* protocol_name(std::uint8_t protocol) {
  switch (protocol) {
    case kIpTcp:
      return "TCP";
    case kIpUdp:
      return "UDP";
    default:
      return "ICMP";
  }
}

std::string endpoint(std::uint8_t protocol, Ipv4 address, std::uint16_t port) {
  if (protocol == kIpIcmp) return to_dotted(address);
  return to_dotted(address) + ":" + std::to_string(port);
}

FlowKey peer_key(const IpPacket& p) {
  return FlowKey{p.protocol(), p.src_port(), p.dst(), p.dst_port()};
}
}  // namespace

PppNetwork::PppNetwork(PppNetworkEnv env, PppNetworkConfig config, ToPeer to_peer)
    : env_(env),
      config_(config),
      to_peer_(std::move(to_peer)),
      table_(env.timers, env.conditions, config.max_flows,
             [this](const Flow& flow, bool idle) { flow_removed(flow, idle); }),
      dns_(env.resolver, config.dns1, config.dns2, config.dns_ttl,
           [this](IpPacket packet) { send_to_peer(std::move(packet)); }),
      up_(env.timers, env.conditions, config.max_queued,
          [this](std::string packet) { route_up(std::move(packet)); }),
      down_(env.timers, env.conditions, config.max_queued,
            [this](std::string packet) { to_peer_(std::move(packet)); }),
      slirp_(env.io, env.timers,
             SlirpSetup{.host = config.gateway, .guest = config.peer, .mtu = config.mtu},
             [this](std::string packet) { route_down(std::move(packet)); }) {}

PppNetwork::~PppNetwork() {
  *alive_ = false;
  table_.clear();  // the journal learns what each flow carried
}

void PppNetwork::from_peer(std::string ipv4) {
  up_.push(std::move(ipv4));
}

bool PppNetwork::add_forward(const PortForward& forward, std::string& error) {
  if (!slirp_.add_forward(forward.protocol == Protocol::Udp, forward.host_address,
                          forward.host_port, forward.peer_port, error)) {
    return false;
  }
  forwards_.push_back(forward);
  return true;
}

// --- host -> network ---

void PppNetwork::route_up(std::string bytes) {
  auto packet = IpPacket::parse(std::move(bytes));
  // The carrier translates the address it gave the host and nothing else.
  if (!packet || packet->fragment() || packet->src() != config_.peer) return drop();
  if (dns_.handle(*packet)) return;
  if (!packet->has_ports()) return drop();
  if (Flow* flow = table_.by_peer(peer_key(*packet))) {
    if (flow->closing) return closing_up(*flow, *packet);
    return forward_up(*flow, std::move(*packet));
  }
  // Only a SYN or an echo request opens a mapping; a stray segment finds none and is dropped.
  if (packet->protocol() == kIpTcp &&
      (packet->tcp_flags() & (kTcpSyn | kTcpAck | kTcpRst)) != kTcpSyn) {
    return drop();
  }
  if (packet->protocol() == kIpIcmp && !packet->is_icmp_echo_request()) return drop();
  open_flow(std::move(*packet));
}

void PppNetwork::open_flow(IpPacket packet) {
  const FlowKey key = peer_key(packet);
  if (pending_.count(key) != 0) return drop();  // its route target is being resolved
  const Ipv4 dst = packet.dst();
  const Ipv4 lan = config_.gateway & 0xFFFFFF00;
  if ((dst & 0xFFFFFF00) == lan && !(dst == config_.gateway && packet.is_icmp_echo_request())) {
    return refuse(packet, "no such host on the module's LAN");
  }
  const std::uint16_t asked_port = packet.protocol() == kIpIcmp ? 0 : packet.dst_port();
  std::string host;
  std::uint16_t port = 0;
  std::tie(host, port) = env_.config.route(to_dotted(dst), asked_port);
  boost::system::error_code ec;
  const auto literal = boost::asio::ip::make_address_v4(host, ec);
  if (!ec) return connect_flow(std::move(packet), {literal.to_uint()}, port, host);
  if (pending_.size() >= kMaxPendingRoutes) return drop();
  pending_[key] = PendingRoute{packet.bytes()};
  env_.resolver.resolve_real(host,
                             [this, alive = std::weak_ptr<bool>(alive_), key, port, host](
                                 std::optional<NetError> error, Resolver::Addresses addresses) {
                               if (alive.expired()) return;
                               const auto it = pending_.find(key);
                               if (it == pending_.end()) return;
                               auto held = IpPacket::parse(std::move(it->second.packet));
                               pending_.erase(it);
                               if (!held) return;
                               if (error) return refuse(*held, "the route target does not resolve");
                               std::vector<Ipv4> v4;
                               for (const auto& a : addresses) {
                                 if (a.is_v4()) v4.push_back(a.to_v4().to_uint());
                               }
                               connect_flow(std::move(*held), v4, port, host);
                             });
}

void PppNetwork::connect_flow(IpPacket packet, const std::vector<Ipv4>& targets, std::uint16_t port,
                              const std::string& target_host) {
  const std::string name = dns_.name_of(packet.dst());
  std::vector<std::string> names;
  if (!name.empty()) names.push_back(name);
  boost::system::error_code ec;
  boost::asio::ip::make_address(target_host, ec);
  if (ec) names.push_back(target_host);
  if (targets.empty()) return refuse(packet, "no IPv4 address");
  Ipv4 real = 0;
  for (const Ipv4 t : targets) {
    if (env_.config.filter.permits(names, boost::asio::ip::address_v4(t))) {
      real = t;
      break;
    }
  }
  if (real == 0) return refuse(packet, "refused by --allow/--deny");
  // slirp would take the module's own address for this machine's loopback (SlirpStack).
  if (real == config_.gateway) return refuse(packet, "the module's own address");
  Flow* flow = table_.add(peer_key(packet), real, port, false);
  if (!flow) return refuse(packet, "the NAT table is full");
  flow->name = name;
  core::logger("net")->debug(
      "ppp flow {}: {} {} -> {}", flow->id, protocol_name(flow->peer.protocol),
      endpoint(flow->peer.protocol, flow->peer.remote, flow->peer.remote_port),
      endpoint(flow->peer.protocol, real, flow->slirp.remote_port));
  forward_up(*flow, std::move(packet));
}

void PppNetwork::forward_up(Flow& flow, IpPacket packet) {
  bool rst = false;
  if (packet.protocol() == kIpTcp) {
    const std::uint32_t next = packet.tcp_seq() + packet.tcp_span();
    if (!flow.peer_next || seq_after(next, *flow.peer_next)) flow.peer_next = next;
    flow.fin_up |= (packet.tcp_flags() & kTcpFin) != 0;
    rst = (packet.tcp_flags() & kTcpRst) != 0;
  }
  packet.set_src_port(flow.slirp.peer_port);
  packet.set_dst(flow.slirp.remote);
  packet.set_dst_port(flow.slirp.remote_port);
  flow.bytes_up += packet.size();
  table_.touch(flow);
  const std::uint64_t id = flow.id;
  slirp_.input(packet.bytes());
  // slirp may have answered synchronously and ended the flow: look it up again.
  Flow* after = table_.by_id(id);
  if (!after) return;
  if (rst) return table_.remove(id);
  if (after->fin_up && after->fin_down) table_.linger(*after);
}

// After an injected close the host finishes its side against us: its FIN is acknowledged,
// data gets a reset (the socket is gone), bare ACKs need nothing.
void PppNetwork::closing_up(Flow& flow, const IpPacket& packet) {
  const std::uint8_t flags = packet.tcp_flags();
  const std::uint64_t id = flow.id;
  if (flags & kTcpRst) return table_.remove(id);
  const std::uint32_t ack = packet.tcp_seq() + packet.tcp_span();
  const bool fin = (flags & kTcpFin) != 0;
  if (!fin && packet.payload().empty()) return;
  send_to_peer(IpPacket::tcp(flow.peer.remote, flow.peer.remote_port, config_.peer,
                             flow.peer.peer_port, flow.remote_next.value_or(0), ack,
                             fin ? kTcpAck : (kTcpRst | kTcpAck)));
  table_.remove(id);
}

void PppNetwork::refuse(const IpPacket& packet, const char* why) {
  drop();
  const bool tcp = packet.protocol() == kIpTcp;
  auto log = core::logger("net");
  log->log(tcp ? spdlog::level::info : spdlog::level::debug, "ppp: {} {} refused: {}",
           protocol_name(packet.protocol()),
           endpoint(packet.protocol(), packet.dst(), packet.dst_port()), why);
  if (!tcp || (packet.tcp_flags() & kTcpRst)) return;
  send_to_peer(IpPacket::tcp(packet.dst(), packet.dst_port(), packet.src(), packet.src_port(), 0,
                             packet.tcp_seq() + packet.tcp_span(), kTcpRst | kTcpAck));
}

// --- network -> host ---

void PppNetwork::route_down(std::string bytes) {
  auto packet = IpPacket::parse(std::move(bytes));
  if (!packet || !packet->has_ports() || packet->dst() != config_.peer) return drop();
  const FlowKey key{packet->protocol(), packet->dst_port(), packet->src(), packet->src_port()};
  Flow* flow = table_.by_slirp(key);
  if (!flow) flow = inbound_flow(*packet);
  // No mapping (it vanished, or never was): the carrier drops it.
  if (!flow || flow->closing) return drop();
  bool rst = false;
  if (packet->protocol() == kIpTcp) {
    const std::uint32_t next = packet->tcp_seq() + packet->tcp_span();
    if (!flow->remote_next || seq_after(next, *flow->remote_next)) flow->remote_next = next;
    flow->fin_down |= (packet->tcp_flags() & kTcpFin) != 0;
    rst = (packet->tcp_flags() & kTcpRst) != 0;
  }
  packet->set_src(flow->peer.remote);
  packet->set_src_port(flow->peer.remote_port);
  packet->set_dst_port(flow->peer.peer_port);
  flow->bytes_down += packet->size();
  table_.touch(*flow);
  if (rst) {
    table_.remove(flow->id);
  } else if (flow->fin_up && flow->fin_down) {
    table_.linger(*flow);
  }
  send_to_peer(std::move(*packet));
}

Flow* PppNetwork::inbound_flow(const IpPacket& packet) {
  const bool tcp = packet.protocol() == kIpTcp;
  if (!tcp && packet.protocol() != kIpUdp) return nullptr;
  if (tcp && (packet.tcp_flags() & (kTcpSyn | kTcpAck)) != kTcpSyn) return nullptr;
  const Protocol protocol = tcp ? Protocol::Tcp : Protocol::Udp;
  for (const auto& f : forwards_) {
    if (f.protocol != protocol || f.peer_port != packet.dst_port()) continue;
    if (!inbound_permitted(packet)) return nullptr;
    const FlowKey peer{packet.protocol(), packet.dst_port(), packet.src(), packet.src_port()};
    return table_.add(peer, packet.src(), packet.src_port(), true);
  }
  return nullptr;
}

// --allow/--deny say whom the module may exchange traffic with, so they judge an inbound
// connection by who opens it. slirp shows a client on the host's loopback as its own address
// (the gateway): that is 127.0.0.1. A refused TCP connect is reset, a datagram dropped.
bool PppNetwork::inbound_permitted(const IpPacket& packet) {
  const Ipv4 from = packet.src() == config_.gateway ? Ipv4{0x7F000001} : packet.src();
  if (env_.config.filter.permits({}, boost::asio::ip::address_v4(from))) return true;
  core::logger("net")->info("ppp: inbound {} from {} refused by --allow/--deny",
                            protocol_name(packet.protocol()), to_dotted(from));
  if (packet.protocol() == kIpTcp) {
    // From slirp's own output path: the reset goes in once slirp is out of it.
    boost::asio::post(
        env_.io,
        [this, alive = std::weak_ptr<bool>(alive_),
         rst = IpPacket::tcp(config_.peer, packet.dst_port(), packet.src(), packet.src_port(), 0,
                             packet.tcp_seq() + packet.tcp_span(), kTcpRst | kTcpAck)] {
          if (auto a = alive.lock(); a && *a) slirp_.input(rst.bytes());
        });
  }
  return false;
}

// --- faults and status ---

void PppNetwork::reset_slirp_side(const Flow& flow) {
  slirp_.input(IpPacket::tcp(config_.peer, flow.slirp.peer_port, flow.slirp.remote,
                             flow.slirp.remote_port, flow.peer_next.value_or(0), 0, kTcpRst)
                   .bytes());
}

bool PppNetwork::fault(std::uint64_t flow_id, FlowFault fault) {
  Flow* flow = table_.by_id(flow_id);
  if (!flow) return false;
  core::logger("net")->info("ppp flow {}: injected {}", flow_id,
                            fault == FlowFault::Close   ? "close"
                            : fault == FlowFault::Reset ? "reset"
                                                        : "blackhole");
  if (fault == FlowFault::Blackhole || flow->peer.protocol != kIpTcp) {
    table_.remove(flow_id, fault == FlowFault::Blackhole);
    return true;
  }
  const std::uint32_t seq = flow->remote_next.value_or(0);
  const std::uint32_t ack = flow->peer_next.value_or(0);
  send_to_peer(IpPacket::tcp(
      flow->peer.remote, flow->peer.remote_port, config_.peer, flow->peer.peer_port, seq, ack,
      fault == FlowFault::Reset ? (kTcpRst | kTcpAck) : (kTcpFin | kTcpAck)));
  const Flow copy = *flow;
  if (fault == FlowFault::Reset) {
    table_.remove(flow_id);
  } else {
    flow->closing = true;
    flow->remote_next = seq + 1;
    table_.linger(*flow);
  }
  reset_slirp_side(copy);
  return true;
}

void PppNetwork::flow_removed(const Flow& flow, bool idle) {
  const char* proto = protocol_name(flow.peer.protocol);
  const std::string remote = endpoint(flow.peer.protocol, flow.peer.remote, flow.peer.remote_port);
  if (idle) {
    core::logger("net")->info(
        "ppp flow {}: carrier NAT dropped the idle mapping ({} {}); its packets are now lost",
        flow.id, proto, remote);
  }
  if (env_.journal)
    env_.journal->record(std::string(proto) + " " + remote, flow.bytes_up, flow.bytes_down);
}

std::vector<FlowInfo> PppNetwork::flows() const {
  std::vector<FlowInfo> out;
  const core::TimePoint now = env_.timers.now();
  for (const Flow* f : table_.flows()) {
    out.push_back(FlowInfo{f->id, protocol_name(f->peer.protocol),
                           endpoint(f->peer.protocol, f->peer.remote, f->peer.remote_port),
                           endpoint(f->peer.protocol, f->slirp.remote, f->slirp.remote_port),
                           f->peer.peer_port, f->inbound, f->name, f->bytes_up, f->bytes_down,
                           now - f->last_activity});
  }
  return out;
}

}  // namespace cellemu::net::ppp
