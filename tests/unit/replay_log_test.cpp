#include <gtest/gtest.h>

#include "emulator/replay/output_matcher.h"
#include "emulator/replay/serial_log.h"
#include "models/profile.h"

namespace cellemu::replay {
namespace {

TEST(SerialLog, LlcomEntries) {
  std::string error;
  auto log = parse_serial_log(
      "# a comment\n"
      "[16:25:26.408]发→◇AT\n"
      "[16:25:26.410]收←◆AT\n"
      "\n"
      "OK\n"
      "[16:26:38.667]发→◇AT+CIPSEND\n"
      "[16:26:43.648]发→◇666888\n"
      "[16:26:46.292]发→◇\\x1A\n"
      "[16:26:46.306]收←◆\n"
      "DATA ACCEPT:8\n",
      error);
  ASSERT_TRUE(log) << error;
  ASSERT_EQ(log->size(), 6u);
  EXPECT_EQ((*log)[0].kind, LogEntry::Kind::Host);
  EXPECT_EQ((*log)[0].data, "AT\r\n");
  EXPECT_EQ((*log)[0].time, "16:25:26.408");
  EXPECT_EQ((*log)[1].kind, LogEntry::Kind::Module);
  EXPECT_EQ((*log)[1].data, "AT\n\nOK");
  EXPECT_EQ((*log)[3].data, "666888\r\n");  // the tool appends CR LF (S0: DATA ACCEPT:8)
  EXPECT_EQ((*log)[4].data, "\x1A");        // but not after a control byte
  EXPECT_EQ((*log)[5].line, 9);
}

TEST(SerialLog, DirectivesAndTraceFormat) {
  std::string error;
  auto log = parse_serial_log(
      "#! register searching\n"
      "#> AT+CIPSHUT\n"
      "[10:00:00.001] → AT+CSQ\\r\n"
      "[10:00:00.002] modem0 ← \\r\\n+CSQ: 23,0\\r\\n\\r\\nOK\\r\\n\n",
      error);
  ASSERT_TRUE(log) << error;
  ASSERT_EQ(log->size(), 4u);
  EXPECT_EQ((*log)[0].kind, LogEntry::Kind::Fault);
  EXPECT_EQ((*log)[0].data, "register searching");
  EXPECT_EQ((*log)[1].kind, LogEntry::Kind::HiddenHost);
  EXPECT_EQ((*log)[1].data, "AT+CIPSHUT\r\n");
  EXPECT_EQ((*log)[2].data, "AT+CSQ\r");
  EXPECT_EQ((*log)[3].kind, LogEntry::Kind::Module);
  EXPECT_EQ((*log)[3].data, "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

TEST(SerialLog, StrayTextIsAnError) {
  std::string error;
  EXPECT_FALSE(parse_serial_log("hello\n", error));
  EXPECT_NE(error.find("line 1"), std::string::npos) << error;
}

TEST(OutputMatcher, LinesAndDefaultRules) {
  OutputMatcher m(models::air780ep_profile().build_pattern);
  EXPECT_EQ(m.lines("\r\n10.17.70.180\r\n"), (std::vector<std::string>{"<...>"}));
  EXPECT_EQ(m.lines("\r\n+NITZ: 22/10/26,07:37:55+32,0\r\n  OK  \r\n"),
            (std::vector<std::string>{"<...>", "OK"}));
  EXPECT_EQ(m.lines("AirM2M_780E_V1021_LTE_AT"), (std::vector<std::string>{"<...>"}));
  EXPECT_TRUE(m.ignore("CONNECT (OK|FAIL)"));
  EXPECT_EQ(m.lines("CONNECT FAIL"), (std::vector<std::string>{"<...>"}));
  EXPECT_FALSE(m.ignore("(unclosed"));
}

// Build strings are the model's business: a model without a build pattern keeps them.
TEST(OutputMatcher, BuildPatternComesFromTheModel) {
  EXPECT_EQ(OutputMatcher().lines("AirM2M_780E_V1021_LTE_AT"),
            (std::vector<std::string>{"AirM2M_780E_V1021_LTE_AT"}));
  EXPECT_EQ(OutputMatcher(models::nm28_profile().build_pattern).lines("\r\nNM28\r\n"),
            (std::vector<std::string>{"NM28"}));
}

TEST(OutputMatcher, DiffShowsWhatChanged) {
  const auto rows = diff_lines({"+PDP: DEACT", "+CME ERROR: 65535"}, {"+PDP: DEACT", "OK"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].same);
  const std::string text = render_diff(rows);
  EXPECT_NE(text.find(" - +CME ERROR: 65535"), std::string::npos) << text;
  EXPECT_NE(text.find(" + "), std::string::npos) << text;
  EXPECT_NE(text.find("| OK"), std::string::npos) << text;
}

}  // namespace
}  // namespace cellemu::replay
