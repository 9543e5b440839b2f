#include "emulator/scenario/scenario.h"

#include <gtest/gtest.h>

namespace cellemu::scenario {
namespace {
using namespace std::chrono_literals;

std::optional<Scenario> parse(const std::string& yaml, std::string& error) {
  return parse_scenario(YAML::Load(yaml), "s.yaml", error);
}

TEST(Scenario, BothTriggerKinds) {
  std::string error;
  auto s = parse(
      "events:\n"
      "  - at: 30s\n"
      "    do: pdp-deact\n"
      "  - after: \"AT+CIPSEND\"\n"
      "    delay: 2s\n"
      "    do: link 0 reset\n"
      "  - at: 1m\n"
      "    do: [net, delay, 200]\n"
      "    modem: 1\n",
      error);
  ASSERT_TRUE(s) << error;
  ASSERT_EQ(s->events.size(), 3u);
  EXPECT_EQ(s->events[0].at, 30s);
  EXPECT_EQ(s->events[1].after, "AT+CIPSEND");
  EXPECT_EQ(s->events[1].delay, 2s);
  EXPECT_EQ(s->events[1].command.source, "link 0 reset");
  EXPECT_EQ(s->events[2].modem, 1);
  EXPECT_EQ(s->events[2].line, 7);
}

TEST(Scenario, InvalidFilesNameTheLineAndTheReason) {
  std::string error;
  EXPECT_FALSE(parse("events:\n  - at: 30s\n    do: explode\n", error));
  EXPECT_EQ(error.rfind("s.yaml:3: unknown verb 'explode'", 0), 0u) << error;
  EXPECT_FALSE(parse("events:\n  - at: soon\n    do: reboot\n", error));
  EXPECT_EQ(error.rfind("s.yaml:2: 'at' must be a duration", 0), 0u) << error;
  EXPECT_FALSE(parse("events:\n  - do: reboot\n", error));
  EXPECT_NE(error.find("needs 'at: DURATION' or 'after:"), std::string::npos) << error;
  EXPECT_FALSE(parse("events:\n  - at: 1s\n    after: AT\n    do: reboot\n", error));
  EXPECT_NE(error.find("exclude each other"), std::string::npos) << error;
  EXPECT_FALSE(parse("events:\n  - at: 1s\n    do: reboot\n    when: later\n", error));
  EXPECT_EQ(error.rfind("s.yaml:4: unknown key 'when'", 0), 0u) << error;
  EXPECT_FALSE(parse("faults: []\n", error));
  EXPECT_NE(error.find("top-level 'events:'"), std::string::npos) << error;
}

// Issue 14 item 8: "at: 1e300s" was taken and fired at once.
TEST(Scenario, TimesTooLargeForTheClockAreRefused) {
  std::string error;
  EXPECT_FALSE(parse("events:\n  - at: 1e300s\n    do: reboot\n", error));
  EXPECT_EQ(error,
            "s.yaml:2: 'at' must be a duration from 0 to 365d such as 500ms, 30s or 10m (a bare "
            "number counts seconds), got '1e300s'");
  EXPECT_FALSE(parse("events:\n  - after: AT\n    delay: 1e20\n    do: reboot\n", error));
  EXPECT_EQ(error.rfind("s.yaml:3: 'delay' must be a duration from 0 to 365d", 0), 0u) << error;
  EXPECT_FALSE(parse("events:\n  - at: [1s]\n    do: reboot\n", error));
  EXPECT_NE(error.find("got no single value"), std::string::npos) << error;
  auto s = parse("events:\n  - at: 365d\n    do: reboot\n", error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->events[0].at, std::chrono::hours(365 * 24));
}

TEST(Scenario, HugeBadInputIsQuotedShort) {
  std::string error;
  const std::string huge(1 << 20, 'y');
  EXPECT_FALSE(parse("events:\n  - at: 1s\n    do: " + huge + "\n", error));
  EXPECT_LT(error.size(), 300u) << error.substr(0, 300);
  EXPECT_FALSE(parse("events:\n  - at: 1s\n    do: reboot\n    ? " + huge + "\n    : 1\n", error));
  EXPECT_LT(error.size(), 300u) << error.substr(0, 300);
  EXPECT_FALSE(parse("events:\n  - at: " + huge + "\n    do: reboot\n", error));
  EXPECT_LT(error.size(), 300u) << error.substr(0, 300);
}

TEST(Scenario, UnreadableOrMalformedFile) {
  std::string error;
  EXPECT_FALSE(load_scenario("/nonexistent/scenario.yaml", error));
  EXPECT_NE(error.find("cannot read"), std::string::npos) << error;
  const std::string path = ::testing::TempDir() + "bad-scenario.yaml";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("events:\n  - at: [1s\n", f);
  std::fclose(f);
  EXPECT_FALSE(load_scenario(path, error));
  EXPECT_EQ(error.rfind(path + ":", 0), 0u) << error;
}

}  // namespace
}  // namespace cellemu::scenario
