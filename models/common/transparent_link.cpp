#include "models/common/transparent_link.h"

#include <algorithm>

namespace cellemu::models {

using at::AtInterpreter;

TransparentLink::TransparentLink(ModuleSockets& sockets, TransparentPolicy policy)
    : sockets_(sockets),
      at_(sockets.modem().at()),
      policy_(std::move(policy)),
      idle_timer_(sockets.modem().timers()) {}

TransparentLink::~TransparentLink() {
  if (idle_waiter_) at_.when_idle(nullptr);
}

void TransparentLink::attach(ModuleSocket& s) {
  if (socket_ != &s) uplink_.clear();
  socket_ = &s;
  data_mode_ = true;
}

void TransparentLink::detach() {
  socket_ = nullptr;
  data_mode_ = false;
  awaiting_connect_ = false;
  idle_timer_.cancel();
  uplink_.clear();
}

void TransparentLink::start(ModuleSocket& s, std::string_view announce) {
  attach(s);
  at_.enter_data_mode(*this, announce);
}

at::Outcome TransparentLink::enter(at::CommandContext& ctx, ModuleSocket& s) {
  attach(s);
  at::Outcome outcome = ctx.connect_data_mode(*this);
  awaiting_connect_ = true;
  idle_waiter_ = true;
  at_.when_idle([this] {
    idle_waiter_ = false;
    awaiting_connect_ = false;
    flush_held();
  });
  return outcome;
}

void TransparentLink::flush_held() {
  if (!socket_ || !data_mode_) return;
  const std::string held = socket_->buffer().take_held();
  if (!held.empty()) at_.responder().raw(held);
  socket_->resume(ModuleSocket::kPauseBuffer);
  sockets_.check_output();
}

void TransparentLink::downlink(ModuleSocket& s, std::string_view bytes) {
  if (carrying(s) && !awaiting_connect_) {
    at_.responder().raw(bytes);  // LS:Mxo5br: raw, no framing, no CRLF
    sockets_.check_output();
    return;
  }
  s.hold(bytes, policy_.held_limit);
}

void TransparentLink::ended(ModuleSocket& s, std::string_view line) {
  if (carrying(s)) {
    const std::string rest = s.buffer().take_held();
    if (!rest.empty()) at_.responder().raw(rest);
    detach();
    at_.leave_data_mode(line);  // at once, without NO CARRIER (OQ-6)
    return;
  }
  if (active_on(s)) detach();
  if (!line.empty()) sockets_.modem().urc(line);
  if (policy_.held_readable_after_end) {
    s.buffer().make_held_readable();
  } else {
    s.buffer().discard_held();
  }
}

void TransparentLink::stop() {
  const bool was_data_mode = data_mode_;
  if (socket_) socket_->buffer().discard_held();
  detach();
  if (was_data_mode) at_.leave_data_mode();
}

void TransparentLink::on_writable(ModuleSocket& s) {
  if (active_on(s)) at_.resume_input(AtInterpreter::kPauseUplink);
}

// Air780EP (LM CIPCCFG.md): a packet goes when SendSz bytes are queued or after WaitTm x 100 ms
// without input; the idle clock restarts with every byte from the host.
void TransparentLink::on_uplink(std::string_view bytes) {
  if (!socket_ || socket_->state() != ModuleSocket::State::Connected) {
    uplink_.clear();
    return;
  }
  if (policy_.packets) {
    uplink_.append(bytes);
    send_packets(false);
    if (uplink_.empty()) {
      idle_timer_.cancel();
    } else {
      idle_timer_.start(policy_.packets().idle, [this] { send_packets(true); });
    }
  } else {
    socket_->send(std::string(bytes));
  }
  const net::Link* link = socket_->link();
  if (link && link->send_backlog() > kUplinkLimit) at_.pause_input(AtInterpreter::kPauseUplink);
}

// "+++" accepted (the engine answered OK): whatever the host typed before it still goes to the
// peer, and arrivals are kept from now on.
void TransparentLink::on_escape() {
  data_mode_ = false;
  idle_timer_.cancel();
  send_packets(true);
  if (socket_) socket_->update_flow(true);
}

void TransparentLink::send_packets(bool all) {
  if (!socket_ || socket_->state() != ModuleSocket::State::Connected) {
    uplink_.clear();
    return;
  }
  const std::size_t size = policy_.packets ? std::max<std::size_t>(1, policy_.packets().size) : 0;
  if (size == 0) return;
  std::size_t off = 0;
  while (uplink_.size() - off >= size || (all && off < uplink_.size())) {
    // UDP: one datagram per packet; TCP: full packets may share one write.
    std::size_t n = std::min(size, uplink_.size() - off);
    if (socket_->protocol() == net::Protocol::Tcp && n == size) {
      n = (uplink_.size() - off) / size * size;
    }
    socket_->send(uplink_.substr(off, n));
    off += n;
  }
  uplink_.erase(0, off);
}

}  // namespace cellemu::models
