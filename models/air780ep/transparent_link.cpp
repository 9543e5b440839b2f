#include "models/air780ep/transparent_link.h"

#include <algorithm>

namespace cellemu::models::air780ep {

using at::AtInterpreter;

TransparentLink::TransparentLink(ModemBase& modem, const TcpipSettings& settings)
    : modem_(modem), settings_(settings), wait_timer_(modem.timers()) {}

void TransparentLink::start(SocketSlot& slot) {
  slot_ = &slot;
  data_mode_ = true;
  uplink_.clear();
  held_.clear();
  modem_.at().enter_data_mode(*this, "CONNECT");
}

void TransparentLink::downlink(std::string_view bytes) {
  if (data_mode_) {
    modem_.at().responder().raw(bytes);  // LS:Mxo5br: raw, no framing, no CRLF
    return;
  }
  held_.append(bytes);
  if (held_.size() >= kHeldLimit && slot_) slot_->pause(SocketSlot::kPauseHeldData);
}

at::Outcome TransparentLink::resume(at::CommandContext& ctx) {
  if (!slot_ || slot_->state() != SlotState::Connected || data_mode_) {
    return at::Final::code(at::ResultCode::NoCarrier);
  }
  data_mode_ = true;
  modem_.at().enter_data_mode(*this);
  // CONNECT goes out now so that the data kept since "+++" follows it.
  ctx.emit_final(at::Final::code(at::ResultCode::Connect));
  if (!held_.empty()) modem_.at().responder().raw(held_);
  held_.clear();
  slot_->resume(SocketSlot::kPauseHeldData);
  return at::Final::none();
}

void TransparentLink::ended(std::string_view line) {
  const bool was_data_mode = data_mode_;
  detach();
  if (was_data_mode) {
    modem_.at().leave_data_mode(line);
  } else {
    modem_.urc(line);
  }
}

void TransparentLink::stop() {
  const bool was_data_mode = data_mode_;
  detach();
  if (was_data_mode) modem_.at().leave_data_mode();
}

void TransparentLink::detach() {
  slot_ = nullptr;
  data_mode_ = false;
  wait_timer_.cancel();
  uplink_.clear();
  held_.clear();
}

void TransparentLink::on_writable() {
  modem_.at().resume_input(AtInterpreter::kPauseUplink);
}

// LM CIPCCFG.md: a packet goes when SendSz bytes are queued or after WaitTm x 100 ms without
// input; the idle clock restarts with every byte from the host.
void TransparentLink::on_uplink(std::string_view bytes) {
  uplink_.append(bytes);
  send_packets(false);
  if (uplink_.empty()) {
    wait_timer_.cancel();
  } else {
    wait_timer_.start(std::chrono::milliseconds(100) * settings_.ccfg.wait_tm,
                      [this] { send_packets(true); });
  }
  net::Link* link = slot_ ? slot_->link() : nullptr;
  if (link && link->send_backlog() > kUplinkLimit) {
    modem_.at().pause_input(AtInterpreter::kPauseUplink);
  }
}

// Whatever the host typed before "+++" still goes to the peer.
void TransparentLink::on_escape() {
  data_mode_ = false;
  wait_timer_.cancel();
  send_packets(true);
}

void TransparentLink::send_packets(bool all) {
  net::Link* link = slot_ ? slot_->link() : nullptr;
  if (!link || slot_->state() != SlotState::Connected) {
    uplink_.clear();
    return;
  }
  const auto size = static_cast<std::size_t>(settings_.ccfg.send_size);
  std::size_t off = 0;
  while (uplink_.size() - off >= size || (all && off < uplink_.size())) {
    // UDP: one datagram per packet; TCP: full packets may share one write.
    std::size_t n = std::min(size, uplink_.size() - off);
    if (slot_->protocol() == net::Protocol::Tcp && n == size) {
      n = (uplink_.size() - off) / size * size;
    }
    link->send(uplink_.substr(off, n));
    slot_->count_sent(n);
    off += n;
  }
  uplink_.erase(0, off);
}

}  // namespace cellemu::models::air780ep
