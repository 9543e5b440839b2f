#include "emulator/core/timer_queue.h"

namespace cellemu::core {

TimerId TimerQueue::add(TimePoint at, TimerService::Callback cb) {
  TimerId id{at, next_seq_++};
  entries_.emplace(id, std::move(cb));
  return id;
}

std::optional<TimePoint> TimerQueue::earliest() const {
  if (entries_.empty()) return std::nullopt;
  return entries_.begin()->first.at;
}

std::optional<std::pair<TimerId, TimerService::Callback>> TimerQueue::pop_due(TimePoint now) {
  if (entries_.empty() || entries_.begin()->first.at > now) return std::nullopt;
  auto node = entries_.extract(entries_.begin());
  return std::make_pair(node.key(), std::move(node.mapped()));
}

}  // namespace cellemu::core
