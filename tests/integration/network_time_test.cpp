// Network time through the real binary and its pty: the power-up +NITZ is the host's time in the
// profile's zone (UTC+8 unless --config sets network.time_zone), and it runs on the emulated
// clock, so --time-scale speeds it up.
#include <unistd.h>

#include <chrono>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"
#include "tests/support/nitz_time.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// Everything up to the end of the next +NITZ line.
std::string read_nitz_burst(PtyClient& host) {
  std::string burst = host.read_until("+NITZ: ");
  if (burst.find("+NITZ: ") != std::string::npos) burst += host.read_until("\r\n");
  return burst;
}

TEST(NetworkTimePty, PowerUpNitzIsTheHostTimeInUtcPlus8) {
  const auto before = floor<seconds>(system_clock::now());
  EmulatorProcess emu({"--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  const std::string burst = read_nitz_burst(host);
  const auto after = system_clock::now();
  const auto nitz = find_nitz(burst);
  ASSERT_TRUE(nitz) << burst;
  EXPECT_NE(burst.find("+32,0\r\n"), std::string::npos) << burst;
  EXPECT_GE(nitz->utc, before);
  EXPECT_LE(nitz->utc, after);
}

TEST(NetworkTimePty, ConfiguredZone) {
  const std::string config = temp_path("nitz-config") + ".yaml";
  write_text_file(config, "profiles: {air780ep: {network: {time_zone: -20}}}\n");
  const auto before = floor<seconds>(system_clock::now());
  EmulatorProcess emu({"--config", config, "--log-level", "warn"});
  ::unlink(config.c_str());
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  const std::string burst = read_nitz_burst(host);
  const auto after = system_clock::now();
  const auto nitz = find_nitz(burst);
  ASSERT_TRUE(nitz) << burst;
  EXPECT_NE(burst.find("-20,0\r\n"), std::string::npos) << burst;  // UTC-5
  EXPECT_GE(nitz->utc, before);
  EXPECT_LE(nitz->utc, after);
}

TEST(NetworkTimePty, RunsOnTheScaledClock) {
  // --time-scale tops out at 1000 (kTimeScale): one emulated second per real millisecond.
  constexpr double kScale = 1e3;
  const auto start = steady_clock::now();
  EmulatorProcess emu({"--time-scale", "1000", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  const auto first = find_nitz(read_nitz_burst(host));
  ASSERT_TRUE(first);
  host.send("AT+CFUN=1,1\r");
  const std::string burst = read_nitz_burst(host);
  const auto second = find_nitz(burst);
  ASSERT_TRUE(second) << burst;
  const auto real = duration<double>(steady_clock::now() - start);
  // Between the two power-ups at least a pty round trip and a reboot passed: milliseconds, so
  // over a second of network time; and never more than the scaled real time of the whole test.
  EXPECT_GE(second->utc - first->utc, 1s);
  EXPECT_LE(second->utc - first->utc, duration_cast<seconds>(real * kScale) + 1s);
}

}  // namespace
}  // namespace cellemu::testing
