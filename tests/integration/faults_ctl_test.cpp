// Fault injection through the real binary: the ctl client against a running emulator, and
// scenario files with both trigger kinds.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"

namespace cellemu::testing {
namespace {

std::string temp_path(const std::string& name) {
  return ::testing::TempDir() + "cellemu-" + std::to_string(::getpid()) + "-" + name;
}

TEST(FaultsCtl, LiveVerbsReachTheSerialLine) {
  const std::string sock = temp_path("ctl.sock");
  EmulatorProcess emu({"--control", sock, "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");

  auto r = run_cellemu({"ctl", "--control", sock, "signal", "7", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ok\n");
  host.exchange("AT+CSQ\r", "\r\n+CSQ: 7,2\r\n\r\nOK\r\n");

  r = run_cellemu({"ctl", "--control", sock, "sim", "remove"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  host.expect("\r\n+CPIN: SIM REMOVED\r\n");
  host.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");

  r = run_cellemu({"ctl", "--control", sock, "status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"sim\": \"absent\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"rssi\": 7"), std::string::npos) << r.out;

  r = run_cellemu({"ctl", "--control", sock, "register", "sideways"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("usage: register STAT"), std::string::npos) << r.err;
  EXPECT_EQ(emu.terminate(), 0);
}

TEST(FaultsCtl, SocketIsPrivateAndAClearErrorWhenNobodyListens) {
  const std::string sock = temp_path("private.sock");
  {
    EmulatorProcess emu({"--control", sock, "--log-level", "warn"});
    ASSERT_TRUE(emu.started());
    struct stat st {};
    ASSERT_EQ(::stat(sock.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
  }
  const auto r = run_cellemu({"ctl", "--control", sock, "status"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is cellemu running with --control"), std::string::npos) << r.err;
}

TEST(FaultsScenario, BothTriggerKindsOnEmulatedTime) {
  const std::string file = temp_path("scenario.yaml");
  std::ofstream(file) << "events:\n"
                         "  - at: 20s\n"
                         "    do: signal 4\n"
                         "  - after: AT+CGATT?\n"
                         "    delay: 10s\n"
                         "    do: register searching\n";
  // 20 s of emulated time are 0.2 s of real time at scale 100.
  EmulatorProcess emu({"--scenario", file, "--time-scale", "100", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  host.exchange("AT+CGATT?\r", "\r\n+CGATT: 1\r\n\r\nOK\r\n");
  host.expect("\r\n+CEREG: 2\r\n");  // 10 emulated seconds after the command
  // The timed event comes 20 emulated seconds after start: ask until it shows (deadline 5 s).
  std::string csq;
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (csq.find("+CSQ: 4,0") == std::string::npos && std::chrono::steady_clock::now() < until) {
    host.send("AT+CSQ\r");
    csq = host.read_until("OK\r\n", 1s);
  }
  EXPECT_NE(csq.find("+CSQ: 4,0"), std::string::npos) << csq;
}

TEST(FaultsScenario, InvalidFileIsRefusedAtStartWithTheLine) {
  const std::string file = temp_path("bad.yaml");
  std::ofstream(file) << "events:\n  - at: 5s\n    do: link zero reset\n";
  const auto r = run_cellemu({"--scenario", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(file + ":3: usage: link ID close|reset|blackhole"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");  // no pty announced
}

}  // namespace
}  // namespace cellemu::testing
