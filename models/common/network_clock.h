#pragma once

#include <chrono>
#include <string>

#include "emulator/core/timer_service.h"

namespace cellemu::models {

// The time the operator network hands the module (+NITZ at registration; +CCLK reads the same
// clock). It starts at the UTC it is given (the host's wall clock when the modem is created) and
// then runs on the injected clock only: --time-scale speeds it up, and in tests it stands still
// until the manual clock advances.
class NetworkClock {
 public:
  using UtcTime = std::chrono::sys_time<std::chrono::nanoseconds>;

  // `zone` in quarter hours east of UTC (+32: UTC+8, China).
  NetworkClock(const core::TimerService& timers, UtcTime utc_now, int zone);

  // The host's wall clock: where network time starts in the program.
  static UtcTime host_utc();

  UtcTime utc() const;
  int zone() const { return zone_; }
  // Local time with its zone as 27.007 prints it: "yy/MM/dd,hh:mm:ss±zz" ("24/07/23,16:35:01+32").
  std::string local_text() const;

 private:
  const core::TimerService& timers_;
  UtcTime utc_at_start_;
  core::TimePoint start_;
  int zone_;
};

}  // namespace cellemu::models
