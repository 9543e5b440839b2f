// network::NetworkClock, the one network time of a process: it starts at the UTC it is given and
// moves only with the asking modem's injected clock, printed in its zone as TP-SCTS and +CCLK
// print it; `ctl clock set` moves it.
#include "emulator/network/network_clock.h"

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"

namespace cellemu::network {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// 2024-07-23 08:35:01 UTC: the S0-like time the transcript tests fix.
sys_seconds seed_time() {
  return sys_days(year(2024) / July / 23) + 8h + 35min + 1s;
}

TEST(NetworkClock, LocalTimeInQuarterHourZones) {
  core::ManualTimerService timers;
  EXPECT_EQ(NetworkClock(seed_time(), 32).local(timers.now()).text(), "24/07/23,16:35:01+32");
  EXPECT_EQ(NetworkClock(seed_time(), 0).local(timers.now()).text(), "24/07/23,08:35:01+00");
  EXPECT_EQ(NetworkClock(seed_time(), 1).local(timers.now()).text(), "24/07/23,08:50:01+01");
  EXPECT_EQ(NetworkClock(seed_time(), -36).local(timers.now()).text(), "24/07/22,23:35:01-36");
}

TEST(NetworkClock, MovesOnlyWithTheInjectedClock) {
  core::ManualTimerService timers;
  const NetworkClock clock(seed_time(), 32);
  EXPECT_EQ(clock.utc(timers.now()), seed_time());
  timers.advance(90min + 750ms);
  EXPECT_EQ(clock.utc(timers.now()), seed_time() + 90min);
  EXPECT_EQ(clock.local(timers.now()).text(), "24/07/23,18:05:01+32");
  EXPECT_EQ(clock.zone(), 32);
}

TEST(NetworkClock, NewYearInTheLocalZone) {
  core::ManualTimerService timers;
  const NetworkClock clock(sys_days(year(2024) / December / 31) + 15h + 59min + 59s, 32);
  EXPECT_EQ(clock.local(timers.now()).text(), "24/12/31,23:59:59+32");
  timers.advance(1s);
  EXPECT_EQ(clock.local(timers.now()).text(), "25/01/01,00:00:00+32");
}

TEST(NetworkClock, SetMovesTheTimeAndZoneFromNowOn) {
  core::ManualTimerService timers;
  NetworkClock clock(seed_time(), 32);
  timers.advance(1h);
  clock.set_utc(timers.now(), sys_days(year(2030) / January / 1) + 0s);
  EXPECT_EQ(clock.local(timers.now()).text(), "30/01/01,08:00:00+32");
  clock.set_zone(-20);
  timers.advance(1s);
  EXPECT_EQ(clock.iso8601(timers.now()), "2029-12-31T19:00:01-05:00");
}

TEST(NetworkClock, ParsesTheProfilesFixedNitz) {
  const auto start = NetworkClock::parse_nitz("24/07/23,08:35:01+32,0");
  ASSERT_TRUE(start);
  EXPECT_EQ(start->utc, seed_time());
  EXPECT_EQ(start->zone, 32);
  EXPECT_FALSE(NetworkClock::parse_nitz("24/07/23 08:35:01"));
}

}  // namespace
}  // namespace cellemu::network
