#include "net/ppp/ppp_session.h"

#include <algorithm>

#include "net/ppp/control_packet.h"
#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
const char* to_string(DownReason reason) {
  switch (reason) {
    case DownReason::PeerTerminated:
      return "terminated by the host";
    case DownReason::LocalTerminated:
      return "terminated by the module";
    case DownReason::NegotiationFailed:
      return "negotiation failed";
    case DownReason::AuthFailed:
      return "authentication failed";
    case DownReason::EchoTimeout:
      return "LCP echo timeout";
  }
  return "?";
}

PppSession::PppSession(core::TimerService& timers, PppConfig config, Random random,
                       Listener& listener)
    : config_(std::move(config)),
      listener_(listener),
      decoder_(config_.max_frame),
      lcp_(timers, config_.lcp, random, *this),
      auth_(timers, config_.auth, random, *this),
      ipcp_(timers, config_.ipcp, *this) {}

void PppSession::start() {
  if (started_) return;
  started_ = true;
  phase_ = Phase::Establish;
  // The module is up and willing at once: Configure-Request id 1 right after CONNECT.
  lcp_.fsm().open();
  lcp_.fsm().up();
}

void PppSession::input(std::string_view bytes) {
  if (phase_ == Phase::Dead) return;
  counters_.bytes_in += bytes.size();
  decoder_.feed(bytes, [this](std::string_view frame) { on_frame(frame); });
}

void PppSession::on_frame(std::string_view frame) {
  if (phase_ == Phase::Dead) return;
  const auto parsed = PppFrame::parse(frame);
  if (!parsed) return;
  const std::uint16_t protocol = parsed->protocol;
  if (protocol == kProtoLcp) return lcp_.fsm().receive(parsed->info);
  // Before LCP is open every other protocol is silently discarded (RFC 1661 §3.4).
  if (!lcp_.fsm().opened()) return;
  switch (protocol) {
    case kProtoPap:
    case kProtoChap:
      return auth_.receive(protocol, parsed->info);
    case kProtoIpcp:
      if (phase_ == Phase::Network) ipcp_.fsm().receive(parsed->info);
      return;
    case kProtoIpv4:
      if (!network_up_) return;
      ++counters_.packets_in;
      return listener_.ppp_packet(parsed->info);
    default:  // IPv6CP, CCP, IPv6, anything else (services.md §6.3)
      return reject_protocol(protocol, parsed->info);
  }
}

void PppSession::reject_protocol(std::uint16_t protocol, std::string_view info) {
  std::string data;
  append16(data, protocol);
  const std::size_t room = std::max<std::size_t>(lcp_.result().peer_mru, 64) - 6;
  data.append(info.substr(0, room));
  send(kProtoLcp, ControlPacket::build(code::kProtocolReject, lcp_.fsm().next_id(), data));
}

void PppSession::send(std::uint16_t protocol, std::string_view info) {
  if (phase_ == Phase::Dead) return;
  out_.clear();
  encoder_.encode(protocol, info, out_);
  counters_.bytes_out += out_.size();
  listener_.ppp_output(out_);
}

bool PppSession::send_packet(std::string_view ipv4) {
  if (!network_up_ || phase_ != Phase::Network) return false;
  ++counters_.packets_out;
  send(kProtoIpv4, ipv4);
  return true;
}

void PppSession::lcp_up() {
  const LcpResult& r = lcp_.result();
  encoder_.set_options({.accm = r.peer_accm, .acfc = r.peer_acfc, .pfc = r.peer_pfc});
  decoder_.set_rx_accm(r.accm);
  if (r.auth != AuthMethod::None) {
    phase_ = Phase::Authenticate;
    return auth_.start(r.auth);
  }
  // The host refused every protocol the module insists on.
  if (!config_.lcp.auth.empty()) return close(DownReason::AuthFailed);
  begin_network();
}

void PppSession::auth_succeeded(const Credentials& peer) {
  peer_ = peer;
  begin_network();
}

void PppSession::begin_network() {
  phase_ = Phase::Network;
  ipcp_.fsm().open();
  ipcp_.fsm().up();
}

void PppSession::ipcp_up() {
  network_up_ = true;
  listener_.ppp_up(PppLinkInfo{lcp_.result(), ipcp_.result(), peer_});
}

void PppSession::lcp_down() {
  // Renegotiation or the end: network and authentication start over. We escape every control
  // character again (always decodable), but keep accepting raw ones as negotiated: the host's
  // Terminate-Ack or Configure-Ack still comes with the ACCM it agreed to.
  network_up_ = false;
  auth_.stop();
  ipcp_.fsm().down();
  encoder_.set_options({});
  if (phase_ != Phase::Dead) phase_ = closing_ ? Phase::Terminate : Phase::Establish;
}

void PppSession::lcp_finished() {
  finish(closing_.value_or(DownReason::NegotiationFailed));
}

void PppSession::lcp_terminate_requested() {
  if (closing_) return;  // crossed with our own Terminate-Request: ours finishes the link
  // The Terminate-Ack is out; the call ends now rather than after the restart timer, so the
  // model's NO CARRIER follows the Ack's closing flag (services.md §6.4).
  finish(DownReason::PeerTerminated);
}

void PppSession::lcp_protocol_rejected(std::uint16_t protocol) {
  if (protocol == kProtoIpcp) close(DownReason::NegotiationFailed);
}

void PppSession::close(DownReason reason) {
  if (phase_ == Phase::Dead || closing_) return;
  closing_ = reason;
  phase_ = Phase::Terminate;
  network_up_ = false;
  lcp_.fsm().close();
  // Not negotiating (Closed/Stopped): nothing to wait for.
  const FsmState s = lcp_.fsm().state();
  if (s != FsmState::Closing && s != FsmState::Stopping) finish(reason);
}

void PppSession::terminate() {
  close(DownReason::LocalTerminated);
}

void PppSession::stop() {
  if (phase_ == Phase::Dead) return;
  phase_ = Phase::Dead;
  network_up_ = false;
  auth_.stop();
  ipcp_.fsm().down();
  lcp_.fsm().down();
}

void PppSession::finish(DownReason reason) {
  if (phase_ == Phase::Dead) return;
  stop();
  listener_.ppp_down(reason);
}

}  // namespace cellemu::net::ppp
