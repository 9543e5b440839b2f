// --listen: the AT channel on TCP, next to the pty; the probe subcommand.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"
#include "tests/support/loopback_servers.h"

namespace cellemu::testing {
namespace {

void tcp_exchange(TcpClient& c, std::string_view in, std::string_view out) {
  c.send(in);
  EXPECT_EQ(c.read_exact(out.size()), out);
}

// Connects to `port` until the emulator has let the previous client go (it sees the close
// asynchronously): a refused attempt reads BUSY.
std::unique_ptr<TcpClient> connect_when_free(std::uint16_t port) {
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < until) {
    auto c = std::make_unique<TcpClient>(port);
    c->send("AT\r");
    const std::string got = c->read_exact(9, 2s);
    if (got == "AT\r\r\nOK\r\n") return c;
    EXPECT_EQ(got.substr(0, 8), "\r\nBUSY\r\n");
  }
  ADD_FAILURE() << "port " << port << " stayed busy";
  return nullptr;
}

TEST(FixtureTcp, AnswersAtOverTcpOnAnEphemeralPort) {
  EmulatorProcess emu({"--listen", "127.0.0.1:0", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  const auto modem = parse_modem_line(emu.pty());
  ASSERT_NE(modem.tcp_port, 0) << emu.pty();
  EXPECT_EQ(emu.pty(), modem.pty + " tcp://127.0.0.1:" + std::to_string(modem.tcp_port));
  TcpClient c(modem.tcp_port);
  ASSERT_TRUE(c.connected());
  tcp_exchange(c, "AT\r", "AT\r\r\nOK\r\n");
  tcp_exchange(c, "ATI\r", "ATI\r\r\nAirM2M_780EP_V1007_LTE_AT\r\n\r\nOK\r\n");
  tcp_exchange(c, "ATE0\r", "ATE0\r\r\nOK\r\n");
  tcp_exchange(c, "AT+CSQ\r", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  EXPECT_EQ(emu.terminate(), 0);
}

TEST(FixtureTcp, ASecondClientIsRefusedWithBusyAndTheFirstKeepsItsSession) {
  EmulatorProcess emu({"--listen", "127.0.0.1:0", "--log-level", "info"});
  ASSERT_TRUE(emu.started());
  const auto port = parse_modem_line(emu.pty()).tcp_port;
  TcpClient first(port);
  tcp_exchange(first, "AT\r", "AT\r\r\nOK\r\n");

  TcpClient second(port);
  ASSERT_TRUE(second.connected());
  second.send("AT\r");
  EXPECT_EQ(second.read_exact(8), "\r\nBUSY\r\n");
  EXPECT_TRUE(second.wait_closed());

  tcp_exchange(first, "AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  first.close();
  auto third = connect_when_free(port);  // the slot is free again once the first has gone
  ASSERT_TRUE(third);
  tcp_exchange(*third, "ATI\r", "ATI\r\r\nAirM2M_780EP_V1007_LTE_AT\r\n\r\nOK\r\n");
  EXPECT_NE(emu.logs().find("refused"), std::string::npos) << emu.logs();
}

TEST(FixtureTcp, PtyAndTcpShareOneModem) {
  EmulatorProcess emu({"--listen", "127.0.0.1:0", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  const auto modem = parse_modem_line(emu.pty());
  PtyClient pty(modem.pty);
  pty.discard_input();  // power-up URCs
  TcpClient tcp(modem.tcp_port);

  // A command typed on TCP: answered on TCP, and the pty sees the same bytes.
  tcp_exchange(tcp, "AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  pty.expect("AT+CSQ\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  // The other way round, and state is shared: ATE0 on the pty turns echo off for TCP too.
  pty.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  EXPECT_EQ(tcp.read_exact(11), "ATE0\r\r\nOK\r\n");
  tcp_exchange(tcp, "AT\r", "\r\nOK\r\n");
  pty.expect("\r\nOK\r\n");
}

TEST(FixtureTcp, AnUnreadPtyDoesNotStallTheTcpClient) {
  EmulatorProcess emu({"--listen", "127.0.0.1:0", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  TcpClient tcp(parse_modem_line(emu.pty()).tcp_port);
  tcp_exchange(tcp, "ATE0\r", "ATE0\r\r\nOK\r\n");
  // ~90 KiB of answers: far more than the pty buffers while nobody reads it.
  std::string commands;
  std::string answers;
  for (int i = 0; i < 2000; ++i) {
    commands += "ATI\r";
    answers += "\r\nAirM2M_780EP_V1007_LTE_AT\r\n\r\nOK\r\n";
  }
  tcp.send(commands);
  EXPECT_EQ(tcp.read_exact(answers.size(), 10s), answers);
}

TEST(FixtureTcp, ANonLoopbackAddressIsServedWithAWarning) {
  EmulatorProcess emu({"--listen", "0.0.0.0:0"});
  ASSERT_TRUE(emu.started());
  const auto port = parse_modem_line(emu.pty()).tcp_port;
  TcpClient c(port);
  tcp_exchange(c, "AT\r", "AT\r\r\nOK\r\n");
  EXPECT_NE(emu.logs().find("reachable from other machines"), std::string::npos) << emu.logs();
}

TEST(FixtureTcp, ABadListenAddressIsRejected) {
  EmulatorProcess emu({"--listen", "example.com:7000"}, 0);
  const int status = emu.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << status;
  EXPECT_NE(emu.logs().find("expected [HOST:]PORT"), std::string::npos) << emu.logs();
}

TEST(FixtureProbe, ExitsZeroOnOkAndOneWhenNobodyAnswers) {
  EmulatorProcess emu({"--listen", "127.0.0.1:0", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  const auto modem = parse_modem_line(emu.pty());
  {
    EmulatorProcess probe({"probe", "127.0.0.1:" + std::to_string(modem.tcp_port)});
    ASSERT_TRUE(probe.started());
    EXPECT_EQ(probe.pty(), "OK");
    EXPECT_EQ(probe.wait(), 0);
  }
  {
    EmulatorProcess probe({"probe", modem.pty});
    ASSERT_TRUE(probe.started());
    EXPECT_EQ(probe.pty(), "OK");
    EXPECT_EQ(probe.wait(), 0);
  }
  {
    EmulatorProcess probe(
        {"probe", "--timeout", "1", "127.0.0.1:" + std::to_string(refused_port())}, 0);
    const int status = probe.wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
  }
}

}  // namespace
}  // namespace cellemu::testing
