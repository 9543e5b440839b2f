// The program end to end: the real binary, its real pty, opened exactly as a host does.
#include <sys/stat.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"

namespace cellemu::testing {
namespace {

// What the acceptance host does, on a freshly opened port.
void host_session(PtyClient& host, const std::string& ati, const std::string& cmee) {
  host.discard_input();
  std::string got;
  for (int i = 0; i < 20 && got.find("OK\r\n") == std::string::npos; ++i) {
    host.send("AT\r");
    got += host.read_until("OK\r\n", 500ms);
  }
  ASSERT_NE(got.find("OK\r\n"), std::string::npos) << "no OK to AT";
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CSQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  host.exchange("AT+CPIN?\r", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  host.exchange("ATI\r", "\r\n" + ati + "\r\n\r\nOK\r\n");
  host.exchange("AT+CMEE?\r", "\r\n+CMEE: " + cmee + "\r\n\r\nOK\r\n");
  host.exchange("AT+NOSUCH\r", "\r\nERROR\r\n");
  host.exchange("AT+CSQ;+CGATT?\r", "\r\n+CSQ: 23,0\r\n\r\n+CGATT: 1\r\n\r\nOK\r\n");
  host.exchange("ATV0\r", "0\r");
  host.exchange("AT+CSQ\r", "+CSQ: 23,0\r\n0\r");
  host.exchange("ATV1\r", "\r\nOK\r\n");
  host.exchange("ATE1\r", "\r\nOK\r\n");
}

// 5,000 deterministic garbage bytes without 'A'/'a' (no "AT" prefix, no "A/") and without S5:
// every CR-terminated chunk that holds more than line feeds is one echoed line answered ERROR.
void garbage_session(PtyClient& host) {
  std::string garbage;
  std::uint32_t x = 2024;
  while (garbage.size() < 5000) {
    x = x * 1664525u + 1013904223u;
    const char c = static_cast<char>((x >> 24) & 0xFF);
    if (c == 'A' || c == 'a' || c == '\x08') continue;
    garbage += c;
  }
  garbage += '\r';
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  std::string expected;
  std::size_t start = 0;
  while (start < garbage.size()) {
    const std::size_t cr = garbage.find('\r', start);
    const std::string_view line(garbage.data() + start, cr - start);
    if (line.find_first_not_of('\n') != std::string_view::npos) expected += "\r\nERROR\r\n";
    start = cr + 1;
  }
  host.send(garbage);
  host.expect(expected, 10s);
  host.exchange("AT\r", "\r\nOK\r\n");
}

class PtyBasics : public ::testing::TestWithParam<const char*> {};

TEST_P(PtyBasics, HostSessionReopenAndGarbage) {
  const std::string model = GetParam();
  const bool air = model == "air780ep";
  EmulatorProcess emu({"--model", model, "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  {
    PtyClient host(emu.pty());
    host_session(host, air ? "AirM2M_780EP_V1007_LTE_AT" : "NM28", air ? "1" : "0");
  }
  for (int round = 0; round < 3; ++round) {  // close and re-open the port, several times
    PtyClient host(emu.pty());
    host.discard_input();
    host.exchange("AT\r", "AT\r\r\nOK\r\n");
  }
  {
    PtyClient host(emu.pty());
    garbage_session(host);
  }
  EXPECT_TRUE(emu.running());
  EXPECT_EQ(emu.terminate(), 0);
}

INSTANTIATE_TEST_SUITE_P(BothModels, PtyBasics, ::testing::Values("air780ep", "nm28"));

TEST(PtyProgram, LinkIsCreatedAndRemoved) {
  const std::string link = "/tmp/cellemu-test-link-" + std::to_string(::getpid());
  ::symlink("/nonexistent/stale", link.c_str());  // a stale link is replaced
  {
    EmulatorProcess emu({"--link", link, "--log-level", "warn"});
    ASSERT_TRUE(emu.started());
    char target[256] = {};
    ASSERT_GT(::readlink(link.c_str(), target, sizeof target - 1), 0);
    EXPECT_EQ(std::string(target), emu.pty());
    PtyClient host(link);
    host.discard_input();
    host.exchange("AT\r", "AT\r\r\nOK\r\n");
    EXPECT_EQ(emu.terminate(), 0);
  }
  struct stat st {};
  EXPECT_NE(::lstat(link.c_str(), &st), 0) << "link left behind";
}

TEST(PtyProgram, RefusesToReplaceARegularFile) {
  const std::string path = "/tmp/cellemu-test-file-" + std::to_string(::getpid());
  FILE* f = std::fopen(path.c_str(), "w");
  std::fclose(f);
  EmulatorProcess emu({"--link", path, "--log-level", "warn"}, 0);
  int status = emu.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
  EXPECT_NE(emu.logs().find("cannot create link"), std::string::npos) << emu.logs();
  ::unlink(path.c_str());
}

TEST(PtyProgram, PowerUpUrcsWaitForTheFirstReader) {
  EmulatorProcess emu({"--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  const std::string boot = host.read_until("+NITZ: ");
  EXPECT_EQ(boot.rfind("\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
                       "\r\n+NITZ: ",
                       0),
            0u)
      << boot;
}

}  // namespace
}  // namespace cellemu::testing
