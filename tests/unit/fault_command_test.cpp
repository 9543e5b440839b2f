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
  EXPECT_EQ(c->verb->usage(), "net delay MS");
  EXPECT_EQ(c->duration(0), 250ms);
  c = parse_fault("nat-idle 10m tcp", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->duration(0), 10min);
  EXPECT_EQ(c->integer(1), 1) << "tcp, the second of the choice's words";
  c = parse_fault("nat-idle 10m", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->integer(1), 0) << "both when left out";
  c = parse_fault("register denied", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->integer(0), 3);
  c = parse_fault("urc \"+CPIN: NOT READY\"", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->text(0), "+CPIN: NOT READY");
  c = parse_fault(std::vector<std::string>{"link", "2", "reset"}, error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->integer(0), 2);
  c = parse_fault("signal 7", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->integer(1), 0) << "BER 0 when left out";
  c = parse_fault("net loss 2.5", error);
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->number(0), 2.5);
  c = parse_fault("reset-after off", error);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->integer(0), 0);
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

TEST(FaultCommand, ErrorsNameTheVerbTheArgumentAndWhatIsAccepted) {
  std::string error;
  EXPECT_FALSE(parse_fault("signal 40", error));
  EXPECT_EQ(error, "usage: signal RSSI [BER] with RSSI 0-31 or 99, BER 0-7 or 99 (got RSSI '40')");
  EXPECT_FALSE(parse_fault("sim eject", error));
  EXPECT_EQ(error, "usage: sim remove|insert (got 'eject')");
  EXPECT_FALSE(parse_fault("link 1", error));
  EXPECT_EQ(error,
            "usage: link ID close|reset|blackhole with ID 0-2147483647 "
            "(close|reset|blackhole missing)");
  EXPECT_FALSE(parse_fault("status now", error));
  EXPECT_EQ(error, "usage: status (unexpected 'now')");
  EXPECT_FALSE(parse_fault("net", error));
  EXPECT_EQ(
      error,
      "usage: net delay MS | net jitter MS | net loss PCT | net rate BYTES_PER_S | net clear");
  EXPECT_FALSE(parse_fault("net faster 3", error));
  EXPECT_NE(error.find("(unknown net setting 'faster')"), std::string::npos) << error;
  EXPECT_FALSE(parse_fault("reset-after 0", error));
  EXPECT_EQ(error, "usage: reset-after BYTES|off with BYTES 1 or more (got BYTES '0')");
}

// ctl net delay 1e308 was taken, and cast into a negative delay (UBSan: float-cast-overflow).
TEST(FaultCommand, DurationsOutOfRangeAreRefusedNotWrapped) {
  std::string error;
  EXPECT_FALSE(parse_fault("net delay 1e308", error));
  EXPECT_NE(error.find("usage: net delay MS with MS a duration from 0 to 1h"), std::string::npos)
      << error;
  EXPECT_NE(error.find("got MS '1e308'"), std::string::npos) << error;
  EXPECT_FALSE(parse_fault("net jitter 2h", error));
  EXPECT_FALSE(parse_fault("nat-idle 1e300s", error));
  EXPECT_FALSE(parse_fault("nat-idle 31d", error));
  EXPECT_FALSE(parse_fault("net delay -5", error));
  EXPECT_FALSE(parse_fault("net delay inf", error));
  EXPECT_FALSE(parse_fault("net loss nan", error));
  EXPECT_FALSE(parse_fault("link 99999999999 reset", error));
  auto c = parse_fault("net delay 1h", error);
  ASSERT_TRUE(c) << error;
  EXPECT_EQ(c->duration(0), 1h);
  c = parse_fault("nat-idle 30d udp", error);
  ASSERT_TRUE(c) << error;
  EXPECT_EQ(c->duration(0), 720h);
}

TEST(FaultCommand, BadInputIsQuotedShort) {
  std::string error;
  const std::string huge(1 << 20, 'x');
  EXPECT_FALSE(parse_fault(huge, error));
  EXPECT_LT(error.size(), 300u) << error.substr(0, 300);
  EXPECT_NE(error.find("unknown verb 'xxxx"), std::string::npos) << error;
  EXPECT_NE(error.find("(1048576 bytes)"), std::string::npos) << error;
  EXPECT_FALSE(parse_fault("signal " + huge, error));
  EXPECT_LT(error.size(), 300u) << error.substr(0, 300);
  EXPECT_FALSE(parse_fault(std::vector<std::string>{"status", "a\nb"}, error));
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
}

}  // namespace
}  // namespace cellemu::control
