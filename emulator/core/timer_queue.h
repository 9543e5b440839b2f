#pragma once

#include <map>
#include <optional>

#include "emulator/core/timer_service.h"

namespace cellemu::core {

// Ordered set of pending callbacks shared by the manual and the real timer services.
class TimerQueue {
 public:
  TimerId add(TimePoint at, TimerService::Callback cb);
  void remove(TimerId id) { entries_.erase(id); }
  std::optional<TimePoint> earliest() const;
  // Removes and returns the earliest callback due at or before `now`, if any.
  std::optional<std::pair<TimerId, TimerService::Callback>> pop_due(TimePoint now);
  std::size_t size() const { return entries_.size(); }

 private:
  std::map<TimerId, TimerService::Callback> entries_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace cellemu::core
