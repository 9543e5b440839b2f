// cellemu replay: field logs as regression tests of the emulator.
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::testing {
namespace {

const std::string kSeedTrace =
    std::string(CELLEMU_SOURCE_DIR) + "/tests/data/air780ep-seed-trace.log";

std::string temp_file(const std::string& name, const std::string& text) {
  const std::string path =
      ::testing::TempDir() + "cellemu-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(Replay, TheSeedTracePasses) {
  const auto r = run_cellemu({"replay", kSeedTrace});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("24 steps, all match"), std::string::npos) << r.out;
}

TEST(Replay, AChangedAnswerFailsWithAClearDiff) {
  std::string log = read_text_file(kSeedTrace);
  const auto at = log.find("+CSQ: 23,0");
  ASSERT_NE(at, std::string::npos);
  log.replace(at, 10, "+CSQ: 22,0");
  const auto path = temp_file("tampered.log", log);
  const auto r = run_cellemu({"replay", path});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("1 differ"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("host sent AT+CSQ\\r\\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" - +CSQ: 22,0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| +CSQ: 23,0"), std::string::npos) << r.out;
  ::unlink(path.c_str());
}

TEST(Replay, IgnoreRulesAndUnreadableLogs) {
  const auto path = temp_file("ignore.log", "[1]发→◇AT+CSQ\n[2]收←◆AT+CSQ\n+CSQ: 5,0\nOK\n");
  EXPECT_EQ(run_cellemu({"replay", path}).exit_code, 1);
  EXPECT_EQ(run_cellemu({"replay", path, "--ignore", "\\+CSQ: \\d+"}).exit_code, 0);
  const auto bad = temp_file("bad.log", "hello there\n");
  const auto r = run_cellemu({"replay", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":1: text outside an entry"), std::string::npos) << r.err;
  ::unlink(path.c_str());
  ::unlink(bad.c_str());
}

TEST(Replay, ATraceWrittenByCellemuReplays) {
  TcpServer server(TcpServer::Mode::Echo);
  const std::string trace =
      ::testing::TempDir() + "cellemu-" + std::to_string(::getpid()) + "-session.trace";
  {
    EmulatorProcess emu({"--trace", trace, "--dns", "static", "--route",
                         "112.125.89.8:37076=127.0.0.1:" + std::to_string(server.port()),
                         "--log-level", "warn"});
    ASSERT_TRUE(emu.started());
    PtyClient host(emu.pty());
    host.read_until("+32,0\r\n");  // the end of the power-up lines (the trace keeps them)
    host.exchange("AT+CMEE?\r", "AT+CMEE?\r\r\n+CMEE: 1\r\n\r\nOK\r\n");
    host.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r",
                  "AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r\r\nOK\r\n\r\nCONNECT OK\r\n");
    host.exchange("AT+CIPCLOSE\r", "AT+CIPCLOSE\r\r\nCLOSE OK\r\n");
    host.exchange("AT+NOSUCH\r", "AT+NOSUCH\r\r\nERROR\r\n");
    EXPECT_EQ(emu.terminate(), 0);
  }
  const auto r = run_cellemu({"replay", trace});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << "\n--- trace ---\n" << read_text_file(trace);
  ::unlink(trace.c_str());
}

}  // namespace
}  // namespace cellemu::testing
