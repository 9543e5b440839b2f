// Durations and scales through the real binary (issue 14 item 8): values too large for the clock
// used to be accepted with their meaning inverted. Each is now refused at start (or by ctl) with
// one line naming the field and what it accepts.
#include <sys/wait.h>
#include <unistd.h>

#include <tuple>

#include <gtest/gtest.h>

#include "tests/integration/fault_bench.h"
#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

// Runs cellemu with `args`, which must refuse to start: returns its exit code and stderr.
std::pair<int, std::string> refused(std::vector<std::string> args) {
  EmulatorProcess emu(std::move(args), 0);
  const int status = emu.wait();
  EXPECT_TRUE(emu.stdout_lines().empty());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, emu.logs()};
}

TEST(Durations, ScenarioAtThatOverflowsIsRefused) {
  const std::string file = temp_path("at-1e300") + ".yaml";
  write_text_file(file, "events:\n  - at: 1e300s\n    do: reboot\n");
  const auto [code, err] = refused({"--scenario", file});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find(file + ":2: 'at' must be a duration from 0 to 365d"), std::string::npos)
      << err;
  EXPECT_NE(err.find("got '1e300s'"), std::string::npos) << err;
  ::unlink(file.c_str());
}

TEST(Durations, TimeScaleMustBeFiniteAndInRange) {
  for (const char* scale : {"inf", "1e-300", "nan", "0", "1e9"}) {
    const auto [code, err] = refused({"--time-scale", scale});
    EXPECT_NE(code, 0) << scale;
    EXPECT_NE(err.find(std::string("--time-scale: expected a number from 0.001 to 1000, got '") +
                       scale + "'"),
              std::string::npos)
        << err;
  }
}

TEST(Durations, ConnectTimeoutThatOverflowsIsRefused) {
  const auto [code, err] = refused({"--connect-timeout", "1e308"});
  EXPECT_NE(code, 0);
  EXPECT_NE(err.find("--connect-timeout: expected a duration from 0 to 1d"), std::string::npos)
      << err;
}

TEST(Durations, NatIdleThatOverflowsIsRefused) {
  const auto [code, err] = refused({"--nat-idle-udp", "1e300"});
  EXPECT_NE(code, 0);
  EXPECT_NE(err.find("--nat-idle-udp: expected a duration from 0 to 30d"), std::string::npos)
      << err;
}

TEST(Durations, ConfigFileValuesGoThroughTheSameChecks) {
  const std::string file = temp_path("durations") + ".yaml";
  write_text_file(file, "log-level: warn\ntime-scale: inf\n");
  auto [code, err] = refused({"--config", file});
  EXPECT_EQ(code, 2);
  EXPECT_NE(err.find(file + ":2: time-scale: expected a number from 0.001 to 1000, got 'inf'"),
            std::string::npos)
      << err;
  write_text_file(file, "connect-timeout: 1e308\n");
  std::tie(code, err) = refused({"--config", file});
  EXPECT_NE(err.find(file + ":1: connect-timeout: expected a duration from 0 to 1d"),
            std::string::npos)
      << err;
  ::unlink(file.c_str());
}

TEST(Durations, CtlNetDelayThatOverflowsIsRefusedAndChangesNothing) {
  FaultBench bench({"--log-level", "warn"}, "delay-1e308");
  ASSERT_TRUE(bench.ready());
  const auto r = run_cellemu({"ctl", "--control", bench.control(), "net", "delay", "1e308"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("usage: net delay MS with MS a duration from 0 to 1h"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(got MS '1e308')"), std::string::npos) << r.err;
  EXPECT_EQ(bench.status()["net"]["delay_ms"], 0);
  bench.ctl({"net", "delay", "1h"});
  EXPECT_EQ(bench.status()["net"]["delay_ms"], 3600000);
}

TEST(Durations, ValidDurationsKeepTheirMeaning) {
  FaultBench bench({"--log-level", "warn", "--nat-idle", "90", "--nat-idle-udp", "2m",
                    "--connect-timeout", "1.5", "--time-scale", "0.5"},
                   "durations-ok");
  ASSERT_TRUE(bench.ready());
  const auto net = bench.status()["net"];
  EXPECT_EQ(net["nat_idle_tcp_s"], 90);
  EXPECT_EQ(net["nat_idle_udp_s"], 120);
}

// "A 50 MB bad scalar yields a 50 MB error line": every message quotes a short prefix and the
// length instead. (A key that long needs YAML's explicit "? KEY" form.)
TEST(HugeInput, ConfigAndScenarioErrorsStayShort) {
  const std::string huge(1024 * 1024, 'A');  // 50 MB shows the same, in yaml-cpp's 30 s
  const std::string config = temp_path("huge-config") + ".yaml";
  const std::string scenario = temp_path("huge-scenario") + ".yaml";
  const std::string quoted = "'" + std::string(32, 'A') + "...' (1048576 bytes)";
  for (const auto& [file, text, args] :
       {std::tuple{config, "model: " + huge + "\n", std::vector<std::string>{"--config", config}},
        std::tuple{config, "nat-idle: " + huge + "\n",
                   std::vector<std::string>{"--config", config}},
        std::tuple{config, "? " + huge + "\n: 1\n", std::vector<std::string>{"--config", config}},
        std::tuple{scenario, "events:\n  - at: 1s\n    do: " + huge + "\n",
                   std::vector<std::string>{"--scenario", scenario}},
        std::tuple{scenario, "events:\n  - at: " + huge + "\n    do: reboot\n",
                   std::vector<std::string>{"--scenario", scenario}}}) {
    write_text_file(file, text);
    const auto [code, err] = refused(args);
    EXPECT_NE(code, 0) << text.substr(0, 20);
    EXPECT_LT(err.size(), 1000u) << err.substr(0, 1000);
    EXPECT_NE(err.find(quoted), std::string::npos) << err.substr(0, 1000);
  }
  ::unlink(config.c_str());
  ::unlink(scenario.c_str());
}

}  // namespace
}  // namespace cellemu::testing
