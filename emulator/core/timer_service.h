#pragma once

#include <cstdint>
#include <functional>

#include "emulator/core/clock.h"

namespace cellemu::core {

// Identifies one scheduled callback; ordering is (deadline, sequence) so equal deadlines fire in
// the order they were scheduled.
struct TimerId {
  TimePoint at{};
  std::uint64_t seq = 0;
  friend auto operator<=>(const TimerId&, const TimerId&) = default;
  bool valid() const { return seq != 0; }
};

// The injectable clock: every wait in domain code goes through one of these.
class TimerService {
 public:
  using Callback = std::function<void()>;
  virtual ~TimerService() = default;

  virtual TimePoint now() const = 0;
  virtual TimerId schedule_at(TimePoint at, Callback cb) = 0;
  virtual void cancel(TimerId id) = 0;

  TimerId schedule(Duration after, Callback cb) {
    return schedule_at(now() + after, std::move(cb));
  }
  // How many times faster than wall time emulated time runs (for settings the kernel times
  // itself, like TCP keepalive).
  virtual double scale() const { return 1.0; }
};

// One restartable timer owned by an object; cancels itself when destroyed so callbacks never
// outlive their owner.
class Timer {
 public:
  explicit Timer(TimerService& service) : service_(&service) {}
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;
  ~Timer() { cancel(); }

  void start(Duration after, TimerService::Callback cb) {
    cancel();
    id_ = service_->schedule(after, [this, cb = std::move(cb)] {
      id_ = {};
      cb();
    });
  }
  void cancel() {
    if (id_.valid()) service_->cancel(id_);
    id_ = {};
  }
  bool armed() const { return id_.valid(); }
  TimePoint deadline() const { return id_.at; }

 private:
  TimerService* service_;
  TimerId id_;
};

}  // namespace cellemu::core
