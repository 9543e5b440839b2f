#include "models/air780ep/heartbeat_timer.h"

namespace cellemu::models::air780ep {

HeartbeatTimer::HeartbeatTimer(core::TimerService& timers, Beat beat)
    : timers_(timers), timer_(timers), beat_(std::move(beat)) {}

void HeartbeatTimer::start(core::Duration period) {
  period_ = period;
  next_ = timers_.now() + period_;
  timer_.start(period_, [this] { tick(); });
}

void HeartbeatTimer::stop() {
  timer_.cancel();
  period_ = core::Duration::zero();
  last_sent_.reset();
  count_ = 0;
}

void HeartbeatTimer::record_sent() {
  last_sent_ = timers_.now();
  ++count_;
}

// The next tick is due one period after this one was (not after it ran), so a late callback
// under --time-scale does not make the schedule drift.
void HeartbeatTimer::tick() {
  if (beat_()) record_sent();
  next_ += period_;
  const core::Duration wait = next_ - timers_.now();
  timer_.start(wait > core::Duration::zero() ? wait : core::Duration::zero(), [this] { tick(); });
}

HeartbeatTimer::Stats HeartbeatTimer::stats() const {
  using std::chrono::ceil;
  using std::chrono::floor;
  using std::chrono::seconds;
  Stats s;
  if (!timer_.armed()) return s;
  const core::TimePoint now = timers_.now();
  if (last_sent_) s.since_last = floor<seconds>(now - *last_sent_).count();
  s.to_next = ceil<seconds>(next_ - now).count();
  s.count = count_;
  return s;
}

}  // namespace cellemu::models::air780ep
