#include "emulator/port/paced_channel.h"

#include <algorithm>
#include <cmath>

namespace cellemu::port {
namespace {
constexpr double kBitsPerByte = 10;  // start bit, 8 data bits, stop bit

core::Duration scaled(double real_ns, double scale) {
  return core::Duration(static_cast<core::Duration::rep>(std::llround(real_ns * scale)));
}

// Drops what has been taken; keeps an idle lane's memory small.
void compact(std::string& queue, std::size_t& offset) {
  if (offset == queue.size()) {
    queue.clear();
    offset = 0;
    if (queue.capacity() > 4096) queue.shrink_to_fit();
  } else if (offset > 4096 && offset > queue.size() / 2) {
    queue.erase(0, offset);
    offset = 0;
  }
}
}  // namespace

PacedChannel::PacedChannel(std::shared_ptr<core::ByteChannel> inner, core::TimerService& timers,
                           RateSource rate, double time_scale)
    : inner_(std::move(inner)),
      timers_(timers),
      rate_(std::move(rate)),
      time_scale_(time_scale > 0 ? time_scale : 1.0),
      out_(timers),
      in_(timers) {}

void PacedChannel::start(core::ByteChannel::Listener& listener) {
  listener_ = &listener;
  inner_->start(*this);
}

unsigned PacedChannel::current_baud() const {
  const auto baud = rate_ ? rate_() : std::nullopt;
  return baud.value_or(0);
}

// How long `bytes` bytes take on the line, in emulated time.
core::Duration PacedChannel::burst_time(const Lane& lane, std::uint64_t bytes) const {
  const double ns = static_cast<double>(bytes) * kBitsPerByte * 1e9 * time_scale_ / lane.baud;
  return core::Duration(static_cast<core::Duration::rep>(std::ceil(ns)));
}

void PacedChannel::begin_burst(Lane& lane) {
  lane.baud = current_baud();
  lane.start = timers_.now();
  lane.released = 0;
}

std::string_view PacedChannel::take_due(Lane& lane) {
  std::size_t n = lane.waiting();
  if (lane.baud > 0) {
    const double elapsed_ns = static_cast<double>((timers_.now() - lane.start).count());
    const double crossed = elapsed_ns * lane.baud / (kBitsPerByte * 1e9 * time_scale_);
    const auto total = static_cast<std::uint64_t>(std::max(0.0, std::floor(crossed + 1e-9)));
    n = std::min<std::size_t>(n, total > lane.released ? total - lane.released : 0);
    lane.released += n;
  }
  const std::string_view due(lane.queue.data() + lane.offset, n);
  lane.offset += n;
  return due;
}

void PacedChannel::arm(Lane& lane, void (PacedChannel::*tick)()) {
  const auto now = timers_.now();
  const auto next_byte = lane.baud > 0 ? lane.start + burst_time(lane, lane.released + 1) : now;
  const auto earliest = now + scaled(std::chrono::nanoseconds(kMinTick).count(), time_scale_);
  lane.timer.start(std::max(next_byte, earliest) - now, [this, tick] { (this->*tick)(); });
}

void PacedChannel::write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (out_.waiting() == 0) {
    begin_burst(out_);
    if (out_.baud == 0) return inner_->write(bytes);
  }
  out_.queue.append(bytes);
  if (queued_output() > low_water()) above_low_water_ = true;
  if (!out_.timer.armed()) arm(out_, &PacedChannel::on_out_tick);
}

void PacedChannel::on_out_tick() {
  const auto due = take_due(out_);
  if (!due.empty()) inner_->write(due);
  compact(out_.queue, out_.offset);
  if (out_.waiting() > 0) arm(out_, &PacedChannel::on_out_tick);
  check_drained();
}

void PacedChannel::on_input(std::string_view bytes) {
  if (in_.waiting() == 0) {
    begin_burst(in_);
    if (in_.baud == 0 && !paused_by_host_) {
      if (listener_) listener_->on_input(bytes);
      return;
    }
  }
  in_.queue.append(bytes);
  update_input_pause();
  if (!in_.timer.armed() && !paused_by_host_) arm(in_, &PacedChannel::on_in_tick);
}

void PacedChannel::on_in_tick() {
  if (paused_by_host_) return;
  // A copy: the modem may pause, write or close while it handles the bytes.
  const std::string due(take_due(in_));
  compact(in_.queue, in_.offset);
  if (!due.empty() && listener_) listener_->on_input(due);
  if (in_.waiting() > 0 && !paused_by_host_ && !in_.timer.armed()) {
    arm(in_, &PacedChannel::on_in_tick);
  }
  update_input_pause();
}

void PacedChannel::update_input_pause() {
  const bool want = paused_by_host_ || in_.waiting() > kInputLimit;
  if (want == inner_paused_) return;
  inner_paused_ = want;
  if (want) {
    inner_->pause_input();
  } else {
    inner_->resume_input();
  }
}

void PacedChannel::pause_input() {
  paused_by_host_ = true;
  in_.timer.cancel();
  update_input_pause();
}

void PacedChannel::resume_input() {
  paused_by_host_ = false;
  if (in_.waiting() > 0 && !in_.timer.armed()) arm(in_, &PacedChannel::on_in_tick);
  update_input_pause();
}

std::size_t PacedChannel::queued_output() const {
  return out_.waiting() + inner_->queued_output();
}

void PacedChannel::on_output_drained() {
  check_drained();
}

void PacedChannel::check_drained() {
  if (!above_low_water_ || queued_output() > low_water()) return;
  above_low_water_ = false;
  if (listener_) listener_->on_output_drained();
}

void PacedChannel::close() {
  out_.timer.cancel();
  in_.timer.cancel();
  listener_ = nullptr;
  inner_->close();
}

}  // namespace cellemu::port
