// --trace and --trace-json: every byte both ways, one entry per chunk.
#include <regex>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

const std::string kTime = R"(\[\d\d:\d\d:\d\d\.\d\d\d\] )";

void expect_match(const std::string& line, const std::string& pattern) {
  EXPECT_TRUE(std::regex_match(line, std::regex(pattern))) << line << "\n  !~ " << pattern;
}

void known_exchange(PtyClient& host) {
  host.discard_input();
  host.exchange("AT\r", "AT\r\r\nOK\r\n");
  host.exchange("AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
}

TEST(FixtureTrace, TextTraceReadsLikeASerialTool) {
  const std::string path = temp_path("trace") + ".log";
  {
    EmulatorProcess emu({"--trace", path, "--log-level", "warn"});
    ASSERT_TRUE(emu.started());
    PtyClient host(emu.pty());
    known_exchange(host);
    EXPECT_EQ(emu.terminate(), 0);  // the last entry is written by then
  }
  const auto lines = split_lines(read_text_file(path));
  ASSERT_EQ(lines.size(), 5u) << read_text_file(path);
  expect_match(lines[0], kTime + R"(← \\r\\n\^MODE: 17,17\\r\\n\\r\\n\+E_UTRAN Service\\r\\n)"
                                 R"(\\r\\n\+CGEV: ME PDN ACT 1\\r\\n\\r\\n\+NITZ: .*\\r\\n)");
  expect_match(lines[1], kTime + R"(→ AT\\r)");
  expect_match(lines[2], kTime + R"(← AT\\r\\r\\nOK\\r\\n)");
  expect_match(lines[3], kTime + R"(→ AT\+CSQ\\r)");
  expect_match(lines[4], kTime + R"(← AT\+CSQ\\r\\r\\n\+CSQ: 23,0\\r\\n\\r\\nOK\\r\\n)");
  ::unlink(path.c_str());
}

TEST(FixtureTrace, JsonTraceHasOneObjectPerChunk) {
  const std::string path = temp_path("trace") + ".jsonl";
  {
    EmulatorProcess emu({"--trace-json", path, "--log-level", "warn"});
    ASSERT_TRUE(emu.started());
    PtyClient host(emu.pty());
    known_exchange(host);
    host.exchange("AT+NOSUCH=\"\x1a\"\r", "AT+NOSUCH=\"\x1a\"\r\r\nERROR\r\n");
    EXPECT_EQ(emu.terminate(), 0);
  }
  const auto lines = split_lines(read_text_file(path));
  ASSERT_EQ(lines.size(), 7u) << read_text_file(path);
  const std::string t = R"(\{"t":\d{10}\.\d{3},"modem":"modem0",)";
  expect_match(lines[0], t + R"("dir":"tx","data":"\\r\\n\^MODE: 17,17\\r\\n.*"\})");
  expect_match(lines[1], t + R"("dir":"rx","data":"AT\\r"\})");
  expect_match(lines[2], t + R"("dir":"tx","data":"AT\\r\\r\\nOK\\r\\n"\})");
  expect_match(lines[3], t + R"("dir":"rx","data":"AT\+CSQ\\r"\})");
  expect_match(lines[4],
               t + R"("dir":"tx","data":"AT\+CSQ\\r\\r\\n\+CSQ: 23,0\\r\\n\\r\\nOK\\r\\n"\})");
  expect_match(lines[5], t + R"("dir":"rx","data":"AT\+NOSUCH=\\"\\u001a\\"\\r"\})");
  expect_match(lines[6],
               t + R"("dir":"tx","data":"AT\+NOSUCH=\\"\\u001a\\"\\r\\r\\nERROR\\r\\n"\})");
  ::unlink(path.c_str());
}

TEST(FixtureTrace, SeveralModemsAreNamedInTheTrace) {
  const std::string path = temp_path("trace-fleet") + ".log";
  {
    EmulatorProcess emu({"--count", "2", "--trace", path, "--log-level", "warn"}, 2);
    ASSERT_TRUE(emu.started());
    PtyClient host(emu.pty(1));
    host.discard_input();
    host.exchange("ATI\r", "ATI\r\r\nAirM2M_780EP_V1007_LTE_AT\r\n\r\nOK\r\n");
    EXPECT_EQ(emu.terminate(), 0);
  }
  const auto lines = split_lines(read_text_file(path));
  ASSERT_EQ(lines.size(), 4u) << read_text_file(path);
  // The modems run on two threads: modem0's power-up burst may be written at any point, so the
  // bursts are checked apart from modem1's exchange (whose two lines keep their order).
  std::vector<std::string> bursts;
  std::vector<std::string> exchange;
  for (const auto& line : lines)
    (line.find("^MODE") != std::string::npos ? bursts : exchange).push_back(line);
  ASSERT_EQ(bursts.size(), 2u) << read_text_file(path);
  ASSERT_EQ(exchange.size(), 2u) << read_text_file(path);
  expect_match(bursts[0], kTime + R"(modem[01] ← \\r\\n\^MODE.*)");
  expect_match(bursts[1], kTime + R"(modem[01] ← \\r\\n\^MODE.*)");
  EXPECT_NE(bursts[0].find("modem0") == std::string::npos,
            bursts[1].find("modem0") == std::string::npos);
  expect_match(exchange[0], kTime + R"(modem1 → ATI\\r)");
  expect_match(exchange[1],
               kTime + R"(modem1 ← ATI\\r\\r\\nAirM2M_780EP_V1007_LTE_AT\\r\\n\\r\\nOK\\r\\n)");
  ::unlink(path.c_str());
}

}  // namespace
}  // namespace cellemu::testing
