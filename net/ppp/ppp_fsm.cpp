#include "net/ppp/ppp_fsm.h"

#include "net/ppp/control_packet.h"
#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
namespace {
// A Code-Reject carries the rejected packet; keep it within the peer's default MRU.
constexpr std::size_t kMaxRejected = 1500 - 4;
}  // namespace

const char* to_string(FsmState state) {
  static constexpr const char* kNames[] = {"Initial",  "Starting", "Closed",   "Stopped",
                                           "Closing",  "Stopping", "Req-Sent", "Ack-Rcvd",
                                           "Ack-Sent", "Opened"};
  return kNames[static_cast<int>(state)];
}

PppFsm::PppFsm(core::TimerService& timers, FsmLayer& layer, FsmTiming timing)
    : layer_(layer), timing_(timing), restart_timer_(timers) {}

void PppFsm::set_state(FsmState next) {
  state_ = next;
  // The restart timer runs only in the states that wait for an answer (RFC 1661 §4.6).
  switch (next) {
    case FsmState::Closing:
    case FsmState::Stopping:
    case FsmState::ReqSent:
    case FsmState::AckRcvd:
    case FsmState::AckSent:
      break;
    default:
      restart_timer_.cancel();
  }
}

// --- administrative and lower-layer events ---

void PppFsm::up() {
  if (state_ == FsmState::Initial) {
    set_state(FsmState::Closed);
  } else if (state_ == FsmState::Starting) {
    irc(timing_.max_configure);
    set_state(FsmState::ReqSent);
    scr();
  }
}

void PppFsm::down() {
  switch (state_) {
    case FsmState::Closed:
    case FsmState::Closing:
      set_state(FsmState::Initial);
      break;
    case FsmState::Stopped:
      set_state(FsmState::Starting);
      layer_.layer_started();
      break;
    case FsmState::Stopping:
    case FsmState::ReqSent:
    case FsmState::AckRcvd:
    case FsmState::AckSent:
      set_state(FsmState::Starting);
      break;
    case FsmState::Opened:
      set_state(FsmState::Starting);
      tld();
      break;
    default:
      break;
  }
}

void PppFsm::open() {
  if (state_ == FsmState::Initial) {
    set_state(FsmState::Starting);
    layer_.layer_started();
  } else if (state_ == FsmState::Closed) {
    irc(timing_.max_configure);
    set_state(FsmState::ReqSent);
    scr();
  } else if (state_ == FsmState::Closing) {
    set_state(FsmState::Stopping);
  }
}

void PppFsm::close() {
  switch (state_) {
    case FsmState::Starting:
      set_state(FsmState::Initial);
      tlf();
      break;
    case FsmState::Stopped:
      set_state(FsmState::Closed);
      break;
    case FsmState::Stopping:
      set_state(FsmState::Closing);
      break;
    case FsmState::Opened:
    case FsmState::ReqSent:
    case FsmState::AckRcvd:
    case FsmState::AckSent: {
      const bool was_open = state_ == FsmState::Opened;
      irc(timing_.max_terminate);
      set_state(FsmState::Closing);
      if (was_open) tld();
      str();
      break;
    }
    default:
      break;
  }
}

void PppFsm::on_timeout() {
  const bool more = restart_count_ > 0;
  switch (state_) {
    case FsmState::Closing:
    case FsmState::Stopping:
      if (more) return str();
      set_state(state_ == FsmState::Closing ? FsmState::Closed : FsmState::Stopped);
      return tlf();
    case FsmState::ReqSent:
    case FsmState::AckRcvd:
    case FsmState::AckSent:
      if (!more) {
        set_state(FsmState::Stopped);  // the passive option of the table ("3p")
        return tlf();
      }
      if (state_ == FsmState::AckRcvd) set_state(FsmState::ReqSent);
      return scr();
    default:
      return;
  }
}

// --- received packets ---

void PppFsm::receive(std::string_view info) {
  if (state_ == FsmState::Initial || state_ == FsmState::Starting) return;
  const auto packet = ControlPacket::parse(info);
  if (!packet) return;
  switch (packet->code) {
    case code::kConfigureRequest:
      return receive_request(*packet);
    case code::kConfigureAck:
      return receive_ack(*packet);
    case code::kConfigureNak:
      return receive_nak(*packet, false);
    case code::kConfigureReject:
      return receive_nak(*packet, true);
    case code::kTerminateRequest:
      return receive_terminate_request(*packet);
    case code::kTerminateAck:
      return receive_terminate_ack();
    case code::kCodeReject:
      return receive_code_reject(*packet);
    default:
      break;
  }
  switch (layer_.on_extra_code(*packet, opened())) {
    case FsmLayer::Extra::Handled:
      return;
    case FsmLayer::Extra::RejectPermitted:
      return rxj(false);
    case FsmLayer::Extra::RejectCatastrophic:
      return rxj(true);
    case FsmLayer::Extra::Unknown:
      return receive_unknown(info.substr(0, 4 + packet->data.size()));
  }
}

void PppFsm::receive_request(const ControlPacket& packet) {
  switch (state_) {
    case FsmState::Closed:
      return sta(packet.id);
    case FsmState::Closing:
    case FsmState::Stopping:
      return;
    default:
      break;
  }
  const RequestVerdict verdict =
      layer_.judge_request(packet.data, naks_sent_ < timing_.max_failure);
  const bool good = verdict.code == code::kConfigureAck;
  switch (state_) {
    case FsmState::Stopped:
      irc(timing_.max_configure);
      set_state(good ? FsmState::AckSent : FsmState::ReqSent);
      scr();
      break;
    case FsmState::Opened:
      set_state(good ? FsmState::AckSent : FsmState::ReqSent);
      tld();
      scr();
      break;
    case FsmState::ReqSent:
    case FsmState::AckSent:
      set_state(good ? FsmState::AckSent : FsmState::ReqSent);
      break;
    default:  // Ack-Rcvd
      break;
  }
  send_verdict(packet.id, verdict);
  if (good && state_ == FsmState::AckRcvd) {
    set_state(FsmState::Opened);
    tlu();
  }
}

void PppFsm::receive_ack(const ControlPacket& packet) {
  if (packet.id != request_id_ || packet.data != last_request_) return;  // stale or bogus
  switch (state_) {
    case FsmState::Closed:
    case FsmState::Stopped:
      return sta(packet.id);
    case FsmState::ReqSent:
      layer_.on_ack(packet.data);
      irc(timing_.max_configure);
      return set_state(FsmState::AckRcvd);
    case FsmState::AckRcvd:  // crossed connection ("6x")
      set_state(FsmState::ReqSent);
      return scr();
    case FsmState::AckSent:
      layer_.on_ack(packet.data);
      irc(timing_.max_configure);
      set_state(FsmState::Opened);
      return tlu();
    case FsmState::Opened:
      set_state(FsmState::ReqSent);
      tld();
      return scr();
    default:
      return;
  }
}

void PppFsm::receive_nak(const ControlPacket& packet, bool reject) {
  if (packet.id != request_id_) return;
  switch (state_) {
    case FsmState::Closed:
    case FsmState::Stopped:
      return sta(packet.id);
    case FsmState::Closing:
    case FsmState::Stopping:
      return;
    default:
      break;
  }
  if (reject) {
    layer_.on_reject(packet.data);
  } else {
    layer_.on_nak(packet.data);
  }
  switch (state_) {
    case FsmState::ReqSent:
    case FsmState::AckSent:
      irc(timing_.max_configure);
      return scr();
    case FsmState::AckRcvd:
      set_state(FsmState::ReqSent);
      return scr();
    case FsmState::Opened:
      set_state(FsmState::ReqSent);
      tld();
      return scr();
    default:
      return;
  }
}

void PppFsm::receive_terminate_request(const ControlPacket& packet) {
  switch (state_) {
    case FsmState::AckRcvd:
    case FsmState::AckSent:
      set_state(FsmState::ReqSent);
      sta(packet.id);
      break;
    case FsmState::Opened:
      set_state(FsmState::Stopping);
      tld();
      zrc();
      sta(packet.id);
      break;
    default:
      sta(packet.id);
  }
  layer_.terminate_requested();
}

void PppFsm::receive_terminate_ack() {
  switch (state_) {
    case FsmState::Closing:
      set_state(FsmState::Closed);
      return tlf();
    case FsmState::Stopping:
      set_state(FsmState::Stopped);
      return tlf();
    case FsmState::AckRcvd:
      return set_state(FsmState::ReqSent);
    case FsmState::Opened:
      set_state(FsmState::ReqSent);
      tld();
      return scr();
    default:
      return;
  }
}

void PppFsm::receive_code_reject(const ControlPacket& packet) {
  // Rejecting one of the codes the automaton itself needs is fatal (RFC 1661 §5.6).
  const bool catastrophic = !packet.data.empty() &&
                            static_cast<std::uint8_t>(packet.data[0]) >= 1 &&
                            static_cast<std::uint8_t>(packet.data[0]) <= 7;
  rxj(catastrophic);
}

void PppFsm::receive_unknown(std::string_view info) {
  layer_.send_packet(
      ControlPacket::build(code::kCodeReject, next_id_++, info.substr(0, kMaxRejected)));
}

void PppFsm::rxj(bool catastrophic) {
  if (!catastrophic) {
    if (state_ == FsmState::AckRcvd) set_state(FsmState::ReqSent);
    return;
  }
  switch (state_) {
    case FsmState::Closed:
    case FsmState::Closing:
      set_state(FsmState::Closed);
      return tlf();
    case FsmState::Stopped:
    case FsmState::Stopping:
    case FsmState::ReqSent:
    case FsmState::AckRcvd:
    case FsmState::AckSent:
      set_state(FsmState::Stopped);
      return tlf();
    case FsmState::Opened:
      irc(timing_.max_terminate);
      set_state(FsmState::Stopping);
      tld();
      return str();
    default:
      return;
  }
}

// --- actions ---

void PppFsm::zrc() {
  restart_count_ = 0;
  restart_timer_.start(timing_.restart, [this] { on_timeout(); });
}

void PppFsm::scr() {
  last_request_ = layer_.request_options();
  request_id_ = next_id_++;
  --restart_count_;
  restart_timer_.start(timing_.restart, [this] { on_timeout(); });
  layer_.send_packet(ControlPacket::build(code::kConfigureRequest, request_id_, last_request_));
}

void PppFsm::str() {
  --restart_count_;
  restart_timer_.start(timing_.restart, [this] { on_timeout(); });
  layer_.send_packet(ControlPacket::build(code::kTerminateRequest, next_id_++, {}));
}

void PppFsm::sta(std::uint8_t id) {
  layer_.send_packet(ControlPacket::build(code::kTerminateAck, id, {}));
}

void PppFsm::send_verdict(std::uint8_t id, const RequestVerdict& verdict) {
  if (verdict.code == code::kConfigureAck) {
    naks_sent_ = 0;
  } else if (verdict.code == code::kConfigureNak) {
    ++naks_sent_;
  }
  layer_.send_packet(ControlPacket::build(verdict.code, id, verdict.options));
}

void PppFsm::tlu() {
  layer_.layer_up();
}
void PppFsm::tld() {
  layer_.layer_down();
}
void PppFsm::tlf() {
  layer_.layer_finished();
}

}  // namespace cellemu::net::ppp
