#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "emulator/core/timer_queue.h"

namespace cellemu::core {

// Real timers on one io_context. Emulated time runs `scale` times faster than wall time, so a
// ten-minute NAT timeout can be shown in ten seconds at scale 60. One instance serves every
// session on a thread: a single steady_timer is armed for the earliest deadline.
class AsioTimerService final : public TimerService {
 public:
  explicit AsioTimerService(boost::asio::io_context& io, double scale = 1.0);

  TimePoint now() const override;
  TimerId schedule_at(TimePoint at, Callback cb) override;
  void cancel(TimerId id) override;
  double scale() const override { return scale_; }

 private:
  using SteadyClock = std::chrono::steady_clock;
  SteadyClock::time_point to_real(TimePoint at) const;
  void rearm();
  void on_expiry();

  boost::asio::steady_timer timer_;
  TimerQueue queue_;
  SteadyClock::time_point start_;
  double scale_;
  std::optional<TimePoint> armed_for_;
};

}  // namespace cellemu::core
