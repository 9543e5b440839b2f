#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "emulator/core/timer_service.h"

namespace cellemu::models::air780ep {

// The schedule behind AT^HEARTCONFIG and the statistics AT^HEARTINQUIRE reads (air780ep.md §5,
// LM HEARTCONFIG.md, HEARTINQUIRE.md). While enabled it ticks every <time> seconds counted from
// the moment it was configured, not from the connect: in S0's walkthrough HEARTCONFIG=1,0,180
// went in at 15:30:02.477, "0, CONNECT OK" came at 15:30:52.735 and the echoed heartbeat at
// 15:33:02.643, i.e. 180 s after the configuration and 130 s after the connect. A tick that finds
// the heartbeat link unconnected sends nothing and the schedule goes on (LM HEARTINQUIRE's
// "115,5,8" adds up to the period).
class HeartbeatTimer {
 public:
  // Sends the heartbeat payload now; false when the heartbeat link is not connected.
  using Beat = std::function<bool()>;

  struct Stats {
    std::int64_t since_last = 0;  // whole seconds since the last heartbeat went out, 0 if none
    std::int64_t to_next = 0;     // seconds until the next tick, rounded up
    std::uint64_t count = 0;      // heartbeats sent since the heartbeat was enabled
  };

  HeartbeatTimer(core::TimerService& timers, Beat beat);

  // Enabled with this period: ticks from now on (a new configuration restarts the schedule and
  // keeps the count).
  void start(core::Duration period);
  // Disabled: no more ticks, statistics cleared (LM HEARTINQUIRE: "统计已经清零").
  void stop();
  // A heartbeat went out outside the schedule (AT^HEARTBEATHEX on the heartbeat link).
  void record_sent();
  bool running() const { return timer_.armed(); }
  Stats stats() const;

 private:
  void tick();

  core::TimerService& timers_;
  core::Timer timer_;
  Beat beat_;
  core::Duration period_{0};
  core::TimePoint next_{};
  std::optional<core::TimePoint> last_sent_;
  std::uint64_t count_ = 0;
};

}  // namespace cellemu::models::air780ep
