#pragma once

#include <chrono>
#include <cstdint>

namespace cellemu::core {

// Emulated time. Domain code measures and waits only in this clock; the TimerService decides how
// it relates to wall time (manual in tests, scaled real time in the program).
struct EmulatedClock {
  using rep = std::int64_t;
  using period = std::nano;
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<EmulatedClock, duration>;
  static constexpr bool is_steady = true;
};

using Duration = EmulatedClock::duration;
using TimePoint = EmulatedClock::time_point;

using std::chrono::milliseconds;
using std::chrono::seconds;

}  // namespace cellemu::core
