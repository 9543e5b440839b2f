// JSON text escaping, connection events and the --log-format json formatter.
#include <gtest/gtest.h>

#include <spdlog/details/log_msg.h>

#include "emulator/core/connection_log.h"
#include "emulator/core/json_log_formatter.h"
#include "emulator/core/json_text.h"

namespace cellemu::core {
namespace {

std::string utf8(std::string_view s) {
  std::string out;
  append_json_utf8(out, s);
  return out;
}

TEST(JsonText, Utf8EscapesWhatJsonRequiresAndReplacesInvalidBytes) {
  EXPECT_EQ(utf8("a\"b\\c\r\n\t\x01\x7f"), R"(a\"b\\c\r\n\t\u0001\u007f)");
  EXPECT_EQ(utf8("合宙 Air780EP"), "合宙 Air780EP");
  EXPECT_EQ(utf8("\xff\xc3"), R"(\ufffd\ufffd)");
  EXPECT_EQ(utf8("\xc0\xaf"), R"(\ufffd\ufffd)") << "overlong form";
  EXPECT_EQ(utf8("\xed\xa0\x80"), R"(\ufffd\ufffd\ufffd)") << "surrogate";
}

TEST(JsonText, Latin1KeepsEveryByte) {
  std::string out;
  append_json_latin1(out, std::string("A\0\xe5\xff", 4));
  EXPECT_EQ(out, R"(A\u0000\u00e5\u00ff)");
}

TEST(ConnectionLog, LogfmtRoundTrip) {
  const ConnectionEvent e{.modem = "modem2",
                          .link = 1,
                          .protocol = "TCP",
                          .peer = "tcplab.openluat.com:8081",
                          .event = "connect",
                          .result = "CONNECT FAIL",
                          .detail = "route \"x\"=y\r\n"};
  const std::string line = to_logfmt(e);
  EXPECT_EQ(line, R"(modem=modem2 link=1 proto=TCP peer=tcplab.openluat.com:8081 event=connect )"
                  R"(result="CONNECT FAIL" detail="route \"x\"=y\r\n")");
  std::vector<std::pair<std::string, std::string>> fields;
  ASSERT_TRUE(parse_logfmt(line, fields));
  ASSERT_EQ(fields.size(), 7u);
  EXPECT_EQ(fields[5], (std::pair<std::string, std::string>{"result", "CONNECT FAIL"}));
  EXPECT_EQ(fields[6].second, "route \"x\"=y\r\n");
  fields.clear();
  EXPECT_FALSE(parse_logfmt("no fields here", fields));
}

std::string format(std::string_view logger, std::string_view text) {
  const spdlog::details::log_msg msg(
      spdlog::log_clock::time_point(std::chrono::milliseconds(1721723701408)), spdlog::source_loc{},
      spdlog::string_view_t(logger.data(), logger.size()), spdlog::level::info,
      spdlog::string_view_t(text.data(), text.size()));
  spdlog::memory_buf_t buf;
  JsonLogFormatter().format(msg, buf);
  return std::string(buf.data(), buf.size());
}

TEST(JsonLogFormatter, OneEscapedObjectPerLine) {
  EXPECT_EQ(format("app", "modem \"0\" on /dev/pts/3\tready\n"),
            R"({"time":"2024-07-23T08:35:01.408Z","level":"info","logger":"app",)"
            R"("msg":"modem \"0\" on /dev/pts/3\tready\n"})"
            "\n");
}

TEST(JsonLogFormatter, ConnectionEventsCarryTheirFields) {
  const std::string line = to_logfmt(
      {.modem = "modem0", .link = 3, .peer = "1.2.3.4:80", .event = "close", .result = "ok"});
  EXPECT_EQ(format("conn", line),
            R"({"time":"2024-07-23T08:35:01.408Z","level":"info","logger":"conn",)"
            R"("modem":"modem0","link":3,"peer":"1.2.3.4:80","event":"close","result":"ok",)"
            R"("msg":"modem=modem0 link=3 peer=1.2.3.4:80 event=close result=ok"})"
            "\n");
}

}  // namespace
}  // namespace cellemu::core
