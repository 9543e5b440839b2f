#include "net/ppp/dialup_call.h"

#include "emulator/core/logging.h"

namespace cellemu::net::ppp {
namespace {
// Unread output toward the host beyond which the real sockets are no longer read, and below
// which reading resumes.
constexpr std::size_t kHighWater = 64 * 1024;
constexpr std::size_t kLowWater = 16 * 1024;
}  // namespace

DialupCall::DialupCall(PppNetworkEnv env, DialupConfig config, Port port, Listener& listener)
    : env_(env),
      config_(std::move(config)),
      port_(std::move(port)),
      listener_(listener),
      random_(std::random_device{}()),
      session_(
          env.timers, config_.ppp, [this] { return static_cast<std::uint32_t>(random_()); }, *this),
      end_timer_(env.timers) {}

DialupCall::~DialupCall() = default;

void DialupCall::start() {
  session_.start();
}

void DialupCall::on_uplink(std::string_view bytes) {
  if (!ended_) session_.input(bytes);
}

void DialupCall::ppp_output(std::string_view bytes) {
  if (held_ || ended_) return;  // online command state: nothing of PPP reaches the host
  port_.write(bytes);
  if (network_ && !downlink_paused_ && port_.backlog() > kHighWater) {
    downlink_paused_ = true;
    network_->set_downlink_paused(true);
  }
}

void DialupCall::on_output_drained() {
  if (!downlink_paused_ || port_.backlog() > kLowWater) return;
  downlink_paused_ = false;
  if (network_) network_->set_downlink_paused(false);
}

void DialupCall::ppp_up(const PppLinkInfo& info) {
  if (!network_) {
    PppNetworkConfig net;
    net.peer = info.ipcp.peer;
    net.gateway = info.ipcp.local;
    net.dns1 = config_.ppp.ipcp.dns1;
    net.dns2 = config_.ppp.ipcp.dns2;
    net.mtu = std::min<std::size_t>(info.lcp.peer_mru, 1500);
    net.max_flows = config_.max_flows;
    network_ = std::make_unique<PppNetwork>(env_, net,
                                            [this](std::string ipv4) { to_peer(std::move(ipv4)); });
    for (const auto& forward : config_.forwards) {
      std::string error;
      if (!network_->add_forward(forward, error)) {
        core::logger("net")->warn("ppp: port forward to the host's port {}: {}", forward.peer_port,
                                  error);
      }
    }
  }
  core::logger("net")->info("ppp: up, host {} module {} DNS {} {}", to_dotted(info.ipcp.peer),
                            to_dotted(info.ipcp.local), to_dotted(info.ipcp.dns1),
                            to_dotted(info.ipcp.dns2));
  listener_.on_call_up(info);
}

void DialupCall::ppp_packet(std::string_view ipv4) {
  if (network_) network_->from_peer(std::string(ipv4));
}

void DialupCall::to_peer(std::string ipv4) {
  if (held_ || ended_) return;  // online command state: downlink packets are dropped
  session_.send_packet(ipv4);
}

void DialupCall::ppp_down(DownReason reason) {
  end(reason);
}

void DialupCall::end(DownReason reason) {
  if (ended_) return;
  ended_ = true;
  core::logger("net")->info("ppp: call ended: {}", to_string(reason));
  end_timer_.start(core::Duration::zero(), [this, reason] {
    network_.reset();
    listener_.on_call_ended(reason);
  });
}

void DialupCall::hang_up() {
  if (ended_) return;
  ended_ = true;
  session_.stop();
  end_timer_.cancel();
  network_.reset();
}

void DialupCall::terminate() {
  if (ended_) return;
  if (held_) {
    session_.stop();
    return end(DownReason::LocalTerminated);
  }
  session_.terminate();
}

std::vector<FlowInfo> DialupCall::flows() const {
  return network_ ? network_->flows() : std::vector<FlowInfo>{};
}

}  // namespace cellemu::net::ppp
