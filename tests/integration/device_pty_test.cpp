// Device control through the real binary's pty (spec services §4.3, §4.5, §5.3): AT+CSCLK sleep
// losing the first line and woken by a URC, `ctl dtr`, the reset line and boot timing of the
// real timing profile, `ctl sim lock` (issue 15).
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

using namespace std::chrono_literals;

struct DeviceBench {
  explicit DeviceBench(std::vector<std::string> extra = {})
      : control(temp_path("device-ctl") + ".sock"), emu(args(control, std::move(extra))) {}
  static std::vector<std::string> args(const std::string& control, std::vector<std::string> extra) {
    std::vector<std::string> a = {"--control", control, "--log-level", "warn"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  CommandResult ctl(std::vector<std::string> words) {
    std::vector<std::string> argv = {"ctl", "--control", control};
    argv.insert(argv.end(), words.begin(), words.end());
    return run_cellemu(argv);
  }
  // The "sleep" object of `ctl status`.
  nlohmann::json sleep_status() {
    const auto r = ctl({"status"});
    if (r.exit_code != 0) return {};
    const auto status = nlohmann::json::parse(r.out, nullptr, false);
    return status.is_object() ? status.value("sleep", nlohmann::json{}) : nlohmann::json{};
  }
  // Polls `ctl status` until the module is in `state` (deadline 5 s).
  bool await_sleep_state(const std::string& state) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
      const auto sleep = sleep_status();
      if (sleep.is_object() && sleep.value("state", "") == state) return true;
      std::this_thread::sleep_for(20ms);  // a poll interval, not a wait for the module
    }
    return false;
  }
  std::string control;
  EmulatorProcess emu;
};

TEST(DevicePty, K012_K013_SleepLosesTheFirstLineAndAUrcWakesIt) {
  DeviceBench b;
  ASSERT_TRUE(b.emu.started()) << b.emu.logs();
  PtyClient host(b.emu.pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CNMI=2,1\r", "\r\nOK\r\n");
  host.exchange("AT+CSCLK=2\r", "\r\nOK\r\n");
  ASSERT_TRUE(b.await_sleep_state("asleep"));  // WAKETIM 1 s of idle
  host.send("AT\r");
  EXPECT_EQ(host.read_until("OK", 300ms), "");  // the wake-up took it
  host.exchange("AT\r", "\r\nOK\r\n");
  ASSERT_TRUE(b.await_sleep_state("asleep"));
  ASSERT_EQ(b.ctl({"sms", "deliver", "+8613912345678", "Hello"}).exit_code, 0);
  host.expect("\r\n+CMTI: \"SM\",1\r\n");
  host.exchange("AT\r", "\r\nOK\r\n");  // the URC woke it: nothing lost
  EXPECT_EQ(b.emu.terminate(), 0);
}

TEST(DevicePty, DtrWakesALevel1ModuleWithoutLosingALine) {
  DeviceBench b;
  ASSERT_TRUE(b.emu.started()) << b.emu.logs();
  PtyClient host(b.emu.pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CSCLK=1\r", "\r\nOK\r\n");
  ASSERT_EQ(b.ctl({"dtr", "high"}).exit_code, 0);
  ASSERT_TRUE(b.await_sleep_state("asleep"));
  EXPECT_EQ(b.sleep_status(), (nlohmann::json{{"csclk", 1}, {"state", "asleep"}, {"dtr", "high"}}));
  ASSERT_EQ(b.ctl({"dtr", "low"}).exit_code, 0);
  host.exchange("AT+CSCLK?\r", "\r\n+CSCLK: 1\r\n\r\nOK\r\n");
  EXPECT_EQ(b.emu.terminate(), 0);
}

// K-017 on the real timing profile (scaled 10x): OK, RDY ≈1 s later, the burst ≈5 s after it.
TEST(DevicePty, K017_RebootShowsRdyThenTheBurstOnTheRealTiming) {
  DeviceBench b({"--timing", "real", "--time-scale", "10"});
  ASSERT_TRUE(b.emu.started()) << b.emu.logs();
  PtyClient host(b.emu.pty());
  host.read_until("+NITZ: ");
  host.read_until("\r\n");
  host.exchange("AT+CMGF=1\r", "AT+CMGF=1\r\r\nOK\r\n");
  host.exchange("AT+CFUN=1,1\r", "AT+CFUN=1,1\r\r\nOK\r\n");
  const auto reset = std::chrono::steady_clock::now();
  EXPECT_EQ(host.read_exact(7, 2s), "\r\nRDY\r\n");
  const auto ready = std::chrono::steady_clock::now() - reset;
  std::string burst = host.read_until("+NITZ: ", 3s);
  const auto registered = std::chrono::steady_clock::now() - reset;
  burst += host.read_until("\r\n");
  EXPECT_EQ(burst.rfind("\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n", 0), 0u) << burst;
  EXPECT_GE(ready, 90ms);        // 1 s of emulated time
  EXPECT_GE(registered, 550ms);  // 6 s
  host.exchange("AT+CMGF?\r", "AT+CMGF?\r\r\n+CMGF: 0\r\n\r\nOK\r\n");
  EXPECT_EQ(b.emu.terminate(), 0);
}

TEST(DevicePty, SimLockAsksForThePinAfterTheNextReboot) {
  DeviceBench b;
  ASSERT_TRUE(b.emu.started()) << b.emu.logs();
  PtyClient host(b.emu.pty());
  host.discard_input();
  ASSERT_EQ(b.ctl({"sim", "lock", "2468"}).exit_code, 0);
  EXPECT_EQ(b.ctl({"sim", "lock", "24"}).exit_code, 1);
  ASSERT_EQ(b.ctl({"reboot"}).exit_code, 0);
  EXPECT_EQ(host.read_exact(7), "\r\nRDY\r\n");  // a locked SIM: no registration burst
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CPIN?\r", "\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");
  host.exchange("AT+CPIN=\"2468\"\r", "\r\nOK\r\n");
  const std::string burst = host.read_until("+NITZ: ");
  EXPECT_NE(burst.find("^MODE: 17,17"), std::string::npos) << burst;
  host.read_until("\r\n");
  host.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  EXPECT_EQ(b.emu.terminate(), 0);
}

}  // namespace
}  // namespace cellemu::testing
