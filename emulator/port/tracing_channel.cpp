#include "emulator/port/tracing_channel.h"

namespace cellemu::port {

TracingChannel::TracingChannel(std::shared_ptr<core::ByteChannel> inner, core::TimerService& timers,
                               std::string modem, std::vector<std::shared_ptr<TraceLog>> logs,
                               WallClock wall_clock)
    : inner_(std::move(inner)),
      modem_(std::move(modem)),
      logs_(std::move(logs)),
      wall_clock_(std::move(wall_clock)),
      flush_timer_(timers) {
  for (const auto& log : logs_) notes_ |= log->wants_notes();
}

TracingChannel::~TracingChannel() {
  flush();
}

void TracingChannel::set_annotators(Annotator rx, Annotator tx) {
  rx_annotator_ = std::move(rx);
  tx_annotator_ = std::move(tx);
}

void TracingChannel::start(core::ByteChannel::Listener& listener) {
  listener_ = &listener;
  inner_->start(*this);
}

void TracingChannel::write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (burst_.empty()) {
    burst_time_ = wall_clock_();
    flush_timer_.start(core::Duration::zero(), [this] { flush(); });
  }
  burst_.append(bytes);
  inner_->write(bytes);
}

void TracingChannel::flush() {
  flush_timer_.cancel();
  if (burst_.empty()) return;
  record(burst_time_, TraceDirection::Tx, burst_);
  burst_.clear();
  if (burst_.capacity() > 4096) burst_.shrink_to_fit();  // idle modems stay small
}

void TracingChannel::close() {
  flush();
  listener_ = nullptr;
  inner_->close();
}

void TracingChannel::on_input(std::string_view bytes) {
  flush();  // what the modem said before this input came first
  record(wall_clock_(), TraceDirection::Rx, bytes);
  if (listener_) listener_->on_input(bytes);
}

void TracingChannel::record(TraceLog::WallTime when, TraceDirection dir, std::string_view bytes) {
  for (const auto& log : logs_) log->record(when, modem_, dir, bytes);
  const Annotator& annotate = dir == TraceDirection::Rx ? rx_annotator_ : tx_annotator_;
  if (!notes_ || !annotate) return;
  for (const auto& line : annotate(bytes)) {
    for (const auto& log : logs_) log->note(modem_, dir, line);
  }
}

}  // namespace cellemu::port
