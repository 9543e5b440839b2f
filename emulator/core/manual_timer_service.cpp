#include "emulator/core/manual_timer_service.h"

namespace cellemu::core {

void ManualTimerService::advance(Duration by) {
  const TimePoint target = now_ + by;
  while (auto due = queue_.pop_due(target)) {
    if (due->first.at > now_) now_ = due->first.at;
    due->second();
  }
  now_ = target;
}

}  // namespace cellemu::core
