#include "emulator/port/cmux_channel.h"

#include "emulator/port/cmux_multiplexer.h"

namespace cellemu::port {

void CmuxChannel::start(Listener& listener) {
  listener_ = &listener;
  deliver_pending();
}

void CmuxChannel::write(std::string_view bytes) {
  if (!mux_ || bytes.empty()) return;
  out_.append(bytes);
  mux_->pump();
  if (queued_output() > low_water()) above_low_water_ = true;
}

std::size_t CmuxChannel::queued_output() const {
  return mux_ ? mux_->backlog(*this) : 0;
}

void CmuxChannel::pause_input() {
  paused_ = true;
}

void CmuxChannel::resume_input() {
  paused_ = false;
  deliver_pending();
}

void CmuxChannel::receive(std::string_view bytes) {
  if (!paused_ && listener_ && in_.empty() && !delivering_) {
    delivering_ = true;
    listener_->on_input(bytes);
    delivering_ = false;
    return;
  }
  in_.append(bytes);
  if (mux_) mux_->input_backlog_changed();
}

void CmuxChannel::deliver_pending() {
  if (delivering_) return;
  while (!paused_ && listener_ && !in_.empty()) {
    std::string bytes;
    bytes.swap(in_);
    delivering_ = true;
    listener_->on_input(bytes);
    delivering_ = false;
  }
  if (mux_) mux_->input_backlog_changed();
}

std::string CmuxChannel::take_out(std::size_t n) {
  n = std::min(n, pending_out());
  std::string piece = out_.substr(out_pos_, n);
  out_pos_ += n;
  if (out_pos_ == out_.size()) {
    out_.clear();
    out_pos_ = 0;
  } else if (out_pos_ > 4096 && out_pos_ > out_.size() / 2) {
    out_.erase(0, out_pos_);
    out_pos_ = 0;
  }
  return piece;
}

void CmuxChannel::drained() {
  if (!above_low_water_ || queued_output() > low_water()) return;
  above_low_water_ = false;
  if (listener_) listener_->on_output_drained();
}

}  // namespace cellemu::port
