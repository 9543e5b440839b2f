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
