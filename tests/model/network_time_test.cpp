// Network time on the manual clock: the power-up +NITZ is the host's UTC when the modem was made,
// in the profile's zone (S0 "+32" by default), and only the injected clock moves it on.
#include <chrono>

#include <gtest/gtest.h>

#include "tests/support/nitz_time.h"
#include "tests/support/transcript.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// An Air780EP with its power-up burst kept (echo on, as after power-up).
Transcript powered_up(std::function<void(models::Profile&)> profile = {}) {
  return Transcript(
      TranscriptOptions{.echo = true, .keep_power_up_output = true, .profile = std::move(profile)});
}

TEST(NetworkTime, PowerUpNitzIsTheHostTimeInUtcPlus8) {
  const auto before = floor<seconds>(system_clock::now());
  Transcript t = powered_up();
  const auto after = system_clock::now();
  const std::string burst = t.take();
  const auto nitz = find_nitz(burst);
  ASSERT_TRUE(nitz) << burst;
  EXPECT_EQ(nitz->zone, 32);
  EXPECT_NE(burst.find("+32,0\r\n"), std::string::npos) << burst;
  EXPECT_GE(nitz->utc, before);
  EXPECT_LE(nitz->utc, after);
}

TEST(NetworkTime, TheProfileZoneIsPrinted) {
  const auto before = floor<seconds>(system_clock::now());
  Transcript t = powered_up([](models::Profile& p) { p.network.time_zone = -20; });  // UTC-5
  const auto after = system_clock::now();
  const std::string burst = t.take();
  const auto nitz = find_nitz(burst);
  ASSERT_TRUE(nitz) << burst;
  EXPECT_NE(burst.find("-20,0\r\n"), std::string::npos) << burst;
  EXPECT_GE(nitz->utc, before);
  EXPECT_LE(nitz->utc, after);
}

TEST(NetworkTime, OnlyTheManualClockMovesIt) {
  Transcript t = powered_up();
  const auto first = find_nitz(t.take());
  ASSERT_TRUE(first);
  t.advance(90min);  // network time counts whole seconds of the injected clock
  t.exchange("AT+CFUN=1,1\r", "AT+CFUN=1,1\r\r\nOK\r\n");
  t.advance(1ms);  // the reboot: 90 minutes after power-up
  const std::string burst = t.take();
  const auto second = find_nitz(burst);
  ASSERT_TRUE(second) << burst;
  EXPECT_EQ(second->utc - first->utc, 90min);
}

}  // namespace
}  // namespace cellemu::testing
