#pragma once

#include "emulator/core/timer_queue.h"

namespace cellemu::core {

// The test twin of the clock: time moves only when a test calls advance().
class ManualTimerService final : public TimerService {
 public:
  TimePoint now() const override { return now_; }
  TimerId schedule_at(TimePoint at, Callback cb) override { return queue_.add(at, std::move(cb)); }
  void cancel(TimerId id) override { queue_.remove(id); }

  // Moves time forward, firing every callback that falls due, each at its own deadline.
  void advance(Duration by);
  // Fires the callbacks already due without moving time.
  void run_due() { advance(Duration::zero()); }
  std::size_t pending() const { return queue_.size(); }

 private:
  TimerQueue queue_;
  TimePoint now_{};
};

}  // namespace cellemu::core
