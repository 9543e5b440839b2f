// --report: what a host exercised, written at exit.
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::testing {
namespace {

TEST(Report, CommandsUrcsErrorsStatesAndTraffic) {
  TcpServer server;
  const std::string report = ::testing::TempDir() + "cellemu-report-" + std::to_string(::getpid());
  EmulatorProcess emu({"--report", report, "--dns", "static", "--route",
                       "112.125.89.8:37076=127.0.0.1:" + std::to_string(server.port()),
                       "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  {
    PtyClient host(emu.pty());
    host.discard_input();
    host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
    host.exchange("AT+CSTT\r", "\r\nOK\r\n");
    host.exchange("AT+CSTT\r", "\r\n+CME ERROR: 3\r\n");
    host.exchange("AT+CIICR\r", "\r\nOK\r\n");
    host.exchange("AT+CIFSR\r", "\r\n10.17.70.180\r\n");
    host.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
    host.exchange("AT+CIPSEND=5\r", "\r\n> ");
    host.exchange("hello", "\r\nSEND OK\r\n");
    ASSERT_TRUE(server.wait_received(0, 5));
    server.send(0, "abc");
    host.expect("abc\r\n");
    host.exchange("AT+NOSUCH\r", "\r\nERROR\r\n");
  }
  EXPECT_EQ(emu.terminate(), 0);
  const auto json = nlohmann::json::parse(read_text_file(report), nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << read_text_file(report);
  const auto& m = json["modems"][0];
  EXPECT_EQ(m["model"], "air780ep");
  EXPECT_EQ(m["commands"]["+CSTT"]["count"], 2);
  EXPECT_EQ(m["commands"]["+CSTT"]["errors"]["+CME ERROR: 3"], 1);
  EXPECT_EQ(m["commands"]["+CIPSTART="]["count"], 1);
  EXPECT_EQ(m["commands"]["+NOSUCH"]["errors"]["ERROR"], 1);
  EXPECT_EQ(m["urcs"]["CONNECT OK"], 1);
  EXPECT_EQ(m["urcs"]["^MODE"], 1);
  const std::string text = read_text_file(report + ".txt");
  EXPECT_NE(text.find("+CIPSTART="), std::string::npos) << text;
  ::unlink(report.c_str());
  ::unlink((report + ".txt").c_str());
}

}  // namespace
}  // namespace cellemu::testing
