// ControlRequest: every field of a control line is checked before anything runs (issue 14 item 3:
// {"cmd":"status","modem":"0"} used to abort the whole emulator).
#include "emulator/control/control_request.h"

#include <gtest/gtest.h>

#include "emulator/control/control_server.h"

namespace cellemu::control {
namespace {

std::string refusal(const std::string& line, std::size_t modems = 2) {
  std::string error;
  const auto request = ControlRequest::parse(line, modems, error);
  EXPECT_FALSE(request) << line;
  return error;
}

TEST(ControlRequest, CommandOrArgsAndAModem) {
  std::string error;
  auto r = ControlRequest::parse(R"({"cmd":"link 0 reset","modem":1})", 2, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->modem, 1u);
  EXPECT_EQ(r->command.source, "link 0 reset");
  r = ControlRequest::parse(R"({"args":["net","loss",2.5]})", 2, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->modem, 0u);
  EXPECT_DOUBLE_EQ(r->command.number(0), 2.5);
  r = ControlRequest::parse(R"({"args":["link",1,"close"],"modem":0})", 2, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->command.integer(0), 1);
}

TEST(ControlRequest, EveryFieldHasItsType) {
  EXPECT_EQ(refusal(R"({"cmd":"status","modem":"0"})"),
            "\"modem\" must be a modem number from 0 to 1, not string");
  EXPECT_EQ(refusal(R"({"cmd":"status","modem":null})"),
            "\"modem\" must be a modem number from 0 to 1, not null");
  EXPECT_EQ(refusal(R"({"cmd":"status","modem":0.5})"),
            "\"modem\" must be a modem number from 0 to 1, not 0.5");
  EXPECT_EQ(refusal(R"({"cmd":"status","modem":[0]})"),
            "\"modem\" must be a modem number from 0 to 1, not array");
  EXPECT_EQ(refusal(R"({"cmd":"status","modem":-1})"), "no modem -1 (this emulator runs 2)");
  EXPECT_EQ(refusal(R"({"cmd":"status","modem":18446744073709551615})"),
            "no modem 18446744073709551615 (this emulator runs 2)");
  EXPECT_TRUE(refusal(R"({"cmd":7})").starts_with("\"cmd\" must be a string, not number"));
  EXPECT_TRUE(
      refusal(R"({"args":"status"})").starts_with("\"args\" must be a list of strings or num"));
  EXPECT_TRUE(refusal(R"({"args":["link",null,"reset"]})")
                  .starts_with("\"args\" must be a list of strings or num"));
  EXPECT_TRUE(
      refusal(R"({"args":[{"a":1}]})").starts_with("\"args\" must be a list of strings or num"));
  EXPECT_TRUE(
      refusal(R"({"cmd":"status","args":["status"]})").starts_with("give either \"cmd\" (a stri"));
  EXPECT_TRUE(refusal(R"({"modem":0})").starts_with("give either \"cmd\" (a stri"));
  EXPECT_EQ(refusal(R"({"cmd":"status","modme":0})"),
            "unknown field 'modme' (a request has cmd or args, and modem)");
  EXPECT_TRUE(refusal("[1,2]").starts_with("not a JSON object"));
  EXPECT_TRUE(refusal("").starts_with("not a JSON object"));
  EXPECT_TRUE(refusal(R"({"cmd":"explode"})").starts_with("unknown verb 'explode'; v"));
}

TEST(ControlRequest, BadInputIsQuotedShort) {
  const std::string huge(60000, 'z');
  EXPECT_LT(refusal(R"({"cmd":")" + huge + R"("})").size(), 300u);
  EXPECT_LT(refusal(R"({")" + huge + R"(":1})").size(), 300u);
  EXPECT_LT(refusal(R"({"args":["signal",")" + huge + R"("]})").size(), 300u);
}

// A status may carry text the host chose (a link's remote name) that is not UTF-8: the reply is
// still one line, where nlohmann's dump() would have thrown out of the event loop.
TEST(ControlServer, ReplyLinesNeverThrowOnTextThatIsNotUtf8) {
  const nlohmann::json reply = {{"ok", true}, {"status", {{"remote", "\xff\xfe:80"}}}};
  std::string line;
  EXPECT_NO_THROW(line = ControlServer::reply_line(reply));
  EXPECT_EQ(line, "{\"ok\":true,\"status\":{\"remote\":\"\xEF\xBF\xBD\xEF\xBF\xBD:80\"}}\n");
}

}  // namespace
}  // namespace cellemu::control
