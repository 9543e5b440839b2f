#include "net/paced_events.h"

namespace cellemu::net {

PacedEvents::PacedEvents(core::TimerService& timers, std::size_t soft_limit,
                         std::function<void(bool)> on_pressure)
    : timers_(timers),
      timer_(timers),
      soft_limit_(soft_limit),
      on_pressure_(std::move(on_pressure)) {}

void PacedEvents::post(core::Duration delay, Event event) {
  const core::TimePoint now = timers_.now();
  if (queue_.empty() && !releasing_ && delay <= core::Duration::zero()) {
    last_ = now;
    event();
    return;
  }
  // Never before an event that arrived earlier: the model sees them in arrival order.
  const core::TimePoint at = std::max(now + delay, last_);
  last_ = at;
  queue_.push_back({at, std::move(event)});
  update_pressure();
  if (!timer_.armed() && !releasing_) timer_.start(at - now, [this] { release(); });
}

void PacedEvents::release() {
  releasing_ = true;
  while (!queue_.empty() && queue_.front().at <= timers_.now()) {
    Event event = std::move(queue_.front().event);
    queue_.pop_front();
    event();  // may post() more (queued behind) or clear()
  }
  releasing_ = false;
  if (!queue_.empty()) timer_.start(queue_.front().at - timers_.now(), [this] { release(); });
  update_pressure();
}

void PacedEvents::clear() {
  queue_.clear();
  timer_.cancel();
  update_pressure();
}

void PacedEvents::update_pressure() {
  const bool high = pressure_ ? queue_.size() > soft_limit_ / 2 : queue_.size() > soft_limit_;
  if (high == pressure_) return;
  pressure_ = high;
  if (on_pressure_) on_pressure_(high);
}

}  // namespace cellemu::net
