#include "emulator/at/v250_parser.h"

#include <gtest/gtest.h>

namespace cellemu::at {
namespace {

std::string describe(const std::vector<AtCommand>& cmds) {
  std::string out;
  for (const auto& c : cmds) {
    static constexpr const char* kKinds[] = {"exec", "set", "read", "test"};
    out += c.name + ":" + kKinds[static_cast<int>(c.kind)] + "[" + c.args + "] ";
  }
  return out;
}

std::string parse(std::string_view body) {
  auto cmds = parse_command_line(body);
  return cmds ? describe(*cmds) : "INVALID";
}

// The interpreter parses every line into the same vector.
TEST(V250Parser, ReusedVectorIsClearedAndRefilled) {
  std::vector<AtCommand> cmds;
  ASSERT_TRUE(parse_command_line("+CSQ;+CREG?;E0", cmds));
  EXPECT_EQ(describe(cmds), "+CSQ:exec[] +CREG:read[] E:exec[0] ");
  ASSERT_TRUE(parse_command_line("+CMEE=2", cmds));
  EXPECT_EQ(describe(cmds), "+CMEE:set[2] ");
  EXPECT_FALSE(parse_command_line("+CSQ;\"", cmds));
  EXPECT_TRUE(cmds.empty());
  ASSERT_TRUE(parse_command_line("", cmds));
  EXPECT_TRUE(cmds.empty());
}

TEST(V250Parser, EmptyBodyIsNoCommand) {
  EXPECT_EQ(parse(""), "");
}

TEST(V250Parser, ExtendedForms) {
  EXPECT_EQ(parse("+CSQ"), "+CSQ:exec[] ");
  EXPECT_EQ(parse("+CMEE?"), "+CMEE:read[] ");
  EXPECT_EQ(parse("+CMEE=?"), "+CMEE:test[] ");
  EXPECT_EQ(parse("+CMEE=2"), "+CMEE:set[2] ");
  EXPECT_EQ(parse("+cmee=2"), "+CMEE:set[2] ");
  EXPECT_EQ(parse("^HEARTBEAT=0,tcp---test"), "^HEARTBEAT:set[0,tcp---test] ");
}

TEST(V250Parser, SetArgumentsKeepQuotedSemicolons) {
  EXPECT_EQ(parse("+CIPSTART=\"TCP\",\"a;b\",80;+CSQ"),
            "+CIPSTART:set[\"TCP\",\"a;b\",80] +CSQ:exec[] ");
}

TEST(V250Parser, SpaceBeforeEqualsTolerated) {  // OQ-51, S3 "AT+IPSENDEX =1,..."
  EXPECT_EQ(parse("+IPSENDEX =1,\"313233\""), "+IPSENDEX:set[1,\"313233\"] ");
}

TEST(V250Parser, BasicConcatenation) {  // TG factoryDefault: AT&FZE0&W
  EXPECT_EQ(parse("&FZE0&W"), "&F:exec[] Z:exec[] E:exec[0] &W:exec[] ");
  EXPECT_EQ(parse("E0V1Q0"), "E:exec[0] V:exec[1] Q:exec[0] ");
}

TEST(V250Parser, ExtendedThenBasicAfterSemicolon) {  // TG: AT+CIFSR;E0
  EXPECT_EQ(parse("+CIFSR;E0"), "+CIFSR:exec[] E:exec[0] ");
}

TEST(V250Parser, SRegisters) {
  EXPECT_EQ(parse("S5?"), "S5:read[] ");
  EXPECT_EQ(parse("S3=13"), "S3:set[13] ");
  EXPECT_EQ(parse("S5=?"), "S5:test[] ");
  EXPECT_EQ(parse("S="), "INVALID");
}

TEST(V250Parser, DialTakesTheRestOfTheLine) {
  EXPECT_EQ(parse("D*99#;"), "D:exec[*99#;] ");
}

TEST(V250Parser, Malformed) {
  EXPECT_EQ(parse("+"), "INVALID");
  EXPECT_EQ(parse("+CSQ X"), "INVALID");
  EXPECT_EQ(parse("+CIPSTART=\"TCP"), "INVALID");
  EXPECT_EQ(parse("&"), "INVALID");
  EXPECT_EQ(parse("\x01\x02"), "INVALID");
  EXPECT_EQ(parse("123"), "INVALID");
}

TEST(V250Parser, ChineseQuotesAreOrdinaryText) {  // S0: the host string fails later, at DNS
  EXPECT_EQ(parse("+CIPSTART=\"TCP\",\xE2\x80\x9D"
                  "112.125.89.8\xE2\x80\x9C,37076"),
            "+CIPSTART:set[\"TCP\",\xE2\x80\x9D"
            "112.125.89.8\xE2\x80\x9C,37076] ");
}

}  // namespace
}  // namespace cellemu::at
