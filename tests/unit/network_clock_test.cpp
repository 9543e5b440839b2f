// NetworkClock: network time starts at the UTC it is given and moves only with the injected
// clock, printed in its zone as +NITZ and +CCLK print it.
#include "models/common/network_clock.h"

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"

namespace cellemu::models {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// 2024-07-23 08:35:01.250 UTC: the S0-like time the transcript tests fix.
NetworkClock::UtcTime seed_time() {
  return sys_days(year(2024) / July / 23) + 8h + 35min + 1s + 250ms;
}

TEST(NetworkClock, LocalTimeInQuarterHourZones) {
  core::ManualTimerService timers;
  EXPECT_EQ(NetworkClock(timers, seed_time(), 32).local_text(), "24/07/23,16:35:01+32");
  EXPECT_EQ(NetworkClock(timers, seed_time(), 0).local_text(), "24/07/23,08:35:01+00");
  EXPECT_EQ(NetworkClock(timers, seed_time(), 1).local_text(), "24/07/23,08:50:01+01");
  EXPECT_EQ(NetworkClock(timers, seed_time(), -36).local_text(), "24/07/22,23:35:01-36");
}

TEST(NetworkClock, MovesOnlyWithTheInjectedClock) {
  core::ManualTimerService timers;
  const NetworkClock clock(timers, seed_time(), 32);
  EXPECT_EQ(clock.utc(), seed_time());
  timers.advance(90min + 750ms);
  EXPECT_EQ(clock.utc(), seed_time() + 90min + 750ms);
  EXPECT_EQ(clock.local_text(), "24/07/23,18:05:02+32");
  EXPECT_EQ(clock.zone(), 32);
}

TEST(NetworkClock, CountsFromItsOwnStartNotTheClocksEpoch) {
  core::ManualTimerService timers;
  timers.advance(5h);  // a modem created later in a shard's life
  const NetworkClock clock(timers, seed_time(), 32);
  EXPECT_EQ(clock.local_text(), "24/07/23,16:35:01+32");
  timers.advance(24h);
  EXPECT_EQ(clock.local_text(), "24/07/24,16:35:01+32");
}

TEST(NetworkClock, NewYearInTheLocalZone) {
  core::ManualTimerService timers;
  const NetworkClock clock(timers, sys_days(year(2024) / December / 31) + 15h + 59min + 59s, 32);
  EXPECT_EQ(clock.local_text(), "24/12/31,23:59:59+32");
  timers.advance(1s);
  EXPECT_EQ(clock.local_text(), "25/01/01,00:00:00+32");
}

TEST(NetworkClock, HostUtcIsTheWallClock) {
  const auto before = system_clock::now();
  const auto now = NetworkClock::host_utc();
  EXPECT_GE(now, before);
  EXPECT_LE(now, system_clock::now());
}

}  // namespace
}  // namespace cellemu::models
