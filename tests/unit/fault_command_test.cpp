#include "emulator/control/fault_command.h"

#include <gtest/gtest.h>

namespace cellemu::control {
namespace {
using namespace std::chrono_literals;

TEST(FaultCommand, EveryVerbOfTheVocabulary) {
  std::string error;
  for (const char* line : {"status",
                           "pdp-deact",
                           "reboot",
                           "sim remove",
                           "sim insert",
                           "signal 10",
                           "signal 31 2",
                           "signal 99 99",
                           "register 0",
                           "register home",
                           "register roaming",
                           "link 0 close",
                           "link 3 reset",
                           "link 5 blackhole",
                           "net delay 200",
                           "net delay 1.5s",
                           "net jitter 50ms",
                           "net loss 2.5",
                           "net rate 1000",
                           "net clear",
                           "nat-idle 10m",
                           "nat-idle 30s udp",
                           "nat-idle 0",
                           "dns fail",
                           "dns ok",
                           "connect refuse",
                           "connect timeout",
                           "connect ok",
                           "reset-after 1000",
                           "reset-after off",
                           "serial garbage 16",
                           "serial drop 3",
                           "urc \"+CPIN: NOT READY\""}) {
    EXPECT_TRUE(parse_fault(line, error)) << line << ": " << error;
  }
}

TEST(FaultCommand, ValuesAreParsed) {
  std::string error;
  auto c = parse_fault("net delay 250", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->duration, 250ms);
  c = parse_fault("nat-idle 10m tcp", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->duration, 10min);
  EXPECT_EQ(c->action, "tcp");
  c = parse_fault("register denied", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->number, 3);
  c = parse_fault("urc \"+CPIN: NOT READY\"", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->text, "+CPIN: NOT READY");
  c = parse_fault(std::vector<std::string>{"link", "2", "reset"}, error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->number, 2);
}

TEST(FaultCommand, MistakesAreExplained) {
  std::string error;
  EXPECT_FALSE(parse_fault("explode", error));
  EXPECT_NE(error.find("unknown verb 'explode'"), std::string::npos) << error;
  EXPECT_FALSE(parse_fault("signal 40", error));
  EXPECT_NE(error.find("RSSI 0-31 or 99"), std::string::npos) << error;
  EXPECT_FALSE(parse_fault("link x reset", error));
  EXPECT_NE(error.find("usage: link ID"), std::string::npos) << error;
  EXPECT_FALSE(parse_fault("net loss 120", error));
  EXPECT_NE(error.find("percentage"), std::string::npos) << error;
  EXPECT_FALSE(parse_fault("net delay soon", error));
  EXPECT_FALSE(parse_fault("status now", error));
  EXPECT_FALSE(parse_fault("urc \"a\nb\"", error));
  EXPECT_FALSE(parse_fault("", error));
  EXPECT_FALSE(parse_fault("serial drop 0", error));
}

TEST(FaultCommand, Durations) {
  EXPECT_EQ(parse_duration("500ms"), 500ms);
  EXPECT_EQ(parse_duration("30s"), 30s);
  EXPECT_EQ(parse_duration("10m"), 10min);
  EXPECT_EQ(parse_duration("1h"), 1h);
  EXPECT_EQ(parse_duration("1.5s"), 1500ms);
  EXPECT_EQ(parse_duration("20"), 20s);
  EXPECT_EQ(parse_duration("20", 1ms), 20ms);
  EXPECT_FALSE(parse_duration("-1s"));
  EXPECT_FALSE(parse_duration("abc"));
  EXPECT_FALSE(parse_duration("s"));
}

}  // namespace
}  // namespace cellemu::control
