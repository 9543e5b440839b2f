// --count: several independent modems in one process, spread over a few threads.
#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/sanitizers.h"

namespace cellemu::testing {
namespace {

std::string link_target(const std::string& link) {
  char target[256] = {};
  const ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
  return n > 0 ? std::string(target, static_cast<std::size_t>(n)) : std::string();
}

int thread_count(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

TEST(FixtureFleet, FiveModemsWithLinksAndPortsCountingUp) {
  const std::string link = temp_path("fleet") + "-tty";
  std::unique_ptr<EmulatorProcess> emu;
  std::uint16_t base = 0;
  for (int attempt = 0; attempt < 3 && !(emu && emu->started()); ++attempt) {
    base = free_port_range(5);  // another process may take one meanwhile: then try again
    ASSERT_NE(base, 0) << "no 5 free consecutive ports on 127.0.0.1";
    emu = std::make_unique<EmulatorProcess>(
        std::vector<std::string>{"--count", "5", "--link", link, "--listen",
                                 "127.0.0.1:" + std::to_string(base), "--log-level", "warn"},
        5);
  }
  ASSERT_TRUE(emu->started());
  ASSERT_EQ(emu->stdout_lines().size(), 5u);
  std::vector<ModemEndpoints> modems;
  for (std::size_t i = 0; i < 5; ++i) {
    modems.push_back(parse_modem_line(emu->pty(i)));
    EXPECT_EQ(modems[i].tcp_port, base + i) << emu->pty(i);
    EXPECT_EQ(link_target(link + std::to_string(i)), modems[i].pty);
    for (std::size_t j = 0; j < i; ++j) EXPECT_NE(modems[i].pty, modems[j].pty);
  }

  // Each answers on its own pty and port; a setting on one leaves the others alone.
  std::vector<std::unique_ptr<PtyClient>> hosts;
  for (std::size_t i = 0; i < 5; ++i) {
    hosts.push_back(std::make_unique<PtyClient>(link + std::to_string(i)));
    hosts[i]->discard_input();
  }
  hosts[2]->exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  for (std::size_t i = 0; i < 5; ++i) {
    const std::string echo = i == 2 ? "" : "AT+CSQ\r";
    hosts[i]->exchange("AT+CSQ\r", echo + "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
    TcpClient tcp(modems[i].tcp_port);
    tcp.send("AT\r");
    EXPECT_EQ(tcp.read_exact(i == 2 ? 6 : 9), i == 2 ? "\r\nOK\r\n" : "AT\r\r\nOK\r\n");
  }
  EXPECT_EQ(emu->terminate(), 0);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(link_target(link + std::to_string(i)), "") << "link " << i << " left behind";
  }
}

TEST(FixtureFleet, ModemsAreSpreadOverTheThreadPool) {
  EmulatorProcess emu({"--count", "6", "--threads", "3", "--log-level", "warn"}, 6);
  ASSERT_TRUE(emu.started());
  EXPECT_EQ(thread_count(emu.pid()), 3 + runtime_threads())
      << "one thread per shard, none per modem";
  for (std::size_t i = 0; i < 6; ++i) {
    PtyClient host(emu.pty(i));
    host.discard_input();
    host.exchange("ATI\r", "ATI\r\r\nAirM2M_780EP_V1007_LTE_AT\r\n\r\nOK\r\n");
  }
}

TEST(FixtureFleet, ABusyModemDoesNotStallItsNeighbour) {
  // Both modems on one thread: modem0's host sends 20,000 commands and reads none of the
  // ~700 KB of answers (its output backs up, its input is paused); modem1 answers at once.
  EmulatorProcess emu({"--count", "2", "--threads", "1", "--log-level", "warn"}, 2);
  ASSERT_TRUE(emu.started());
  PtyClient flooded(emu.pty(0));
  std::string commands;
  for (int i = 0; i < 20000; ++i) commands += "ATI\r";
  // Written from the test thread only as far as the pty takes it without blocking.
  ::fcntl(flooded.fd(), F_SETFL, O_NONBLOCK);
  const ssize_t accepted = ::write(flooded.fd(), commands.data(), commands.size());
  EXPECT_GT(accepted, 0);
  PtyClient host(emu.pty(1));
  host.discard_input();
  for (int i = 0; i < 20; ++i) {
    host.send("AT\r");
    host.expect("AT\r\r\nOK\r\n", 1s);
  }
}

}  // namespace
}  // namespace cellemu::testing
