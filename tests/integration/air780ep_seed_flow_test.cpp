// The seed trace (S0, ../shared/seeds/000_b62aec9fda410ce1.txt; clean copy LT) replayed through the
// real binary and its pty against a real loopback server: every byte the module says must be the
// trace's (timestamps aside). The host types like LLCOM: echo on, "\r\n" after every command.
#include "tests/integration/air780ep_pty_util.h"

namespace cellemu::testing::air780ep_pty {
namespace {

// Sends a command line the way LLCOM does and expects the echo followed by `reply`.
void command(PtyClient& host, const std::string& line, const std::string& reply) {
  host.exchange(line + "\r\n", line + "\r\n" + reply);
}

TEST(Air780epSeedFlow, SingleLinkTraceIsByteIdentical) {
  TcpServer server;
  EmulatorProcess emu(emulator_args({{"112.125.89.8:37076", server.port()}}));
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  read_power_up(host);
  command(host, "AT", "\r\nOK\r\n");
  command(host, "AT+CPIN?", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  command(host, "AT+CSQ", "\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  command(host, "AT+CGATT?", "\r\n+CGATT: 1\r\n\r\nOK\r\n");
  command(host, "AT+CEREG?", "\r\n+CEREG: 0,1\r\n\r\nOK\r\n");
  command(host, "AT+CIPMODE=0", "\r\nOK\r\n");
  command(host, "AT+CIPMUX=0", "\r\nOK\r\n");
  command(host, "AT+CIPQSEND=1", "\r\nOK\r\n");
  command(host, "AT+CSTT", "\r\nOK\r\n");
  command(host, "AT+CSTT", "\r\n+CME ERROR: 3\r\n");
  command(host, "AT+CIICRR", "\r\nERROR\r\n");
  command(host, "AT+CIICR", "\r\nOK\r\n");  // between 16:26:04 and 16:26:07 in S0
  command(host, "AT+CIFSR", "\r\n10.17.70.180\r\n");
  // The trace's quotes, bytes as published: “ = E2 80 9C, ” = E2 80 9D.
  command(host,
          "AT+CIPSTART=1,\xE2\x80\x9CTCP\xE2\x80\x9D,\xE2\x80\x9D"
          "112.125.89.8\xE2\x80\x9C,37076",
          "\r\n+CME ERROR: 3\r\n");
  command(host,
          "AT+CIPSTART=\xE2\x80\x9CTCP\xE2\x80\x9D,\xE2\x80\x9D"
          "112.125.89.8\xE2\x80\x9C,37076",
          "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
  EXPECT_EQ(server.connections(), 0u);
  command(host,
          "AT+CIPSTART=\xE2\x80\x9CTCP\xE2\x80\x9D,\xE2\x80\x9C"
          "112.125.89.8\xE2\x80\x9D,37076",
          "\r\nOK\r\n\r\nCONNECT OK\r\n");
  command(host, "AT+CIPSEND", "\r\n> ");
  host.exchange("666888\r\n", "666888\r\n");
  host.exchange("\x1A", "\r\nDATA ACCEPT:8\r\n");
  command(host, "AT+CIPSTATUS", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
  command(host, "AT+CIPSHUT", "\r\nSHUT OK\r\n");
  ASSERT_TRUE(server.wait_received(0, 8));
  EXPECT_EQ(server.received(0), "666888\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  EXPECT_EQ(emu.terminate(), 0);
}

// S0 error case 4 (at 17:27:53, another session): activation while the attach failed.
TEST(Air780epSeedFlow, ActivationFailureWhenNotAttached) {
  EmulatorProcess emu(emulator_args({}));
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  read_power_up(host);
  command(host, "AT+CSTT", "\r\nOK\r\n");
  command(host, "AT+CGATT=0", "\r\nOK\r\n");
  command(host, "AT+CIICR", "\r\n+PDP: DEACT\r\n\r\n+CME ERROR: 65535\r\n");
  command(host, "AT+CIPSTATUS", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
  command(host, "AT+CIPSHUT", "\r\nSHUT OK\r\n");  // S0 FAQ 5: shut, then start again
  command(host, "AT+CGATT=1", "\r\nOK\r\n");
  command(host, "AT+CSTT", "\r\nOK\r\n");
  command(host, "AT+CIICR", "\r\nOK\r\n");
  command(host, "AT+CIFSR", "\r\n10.17.70.180\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_pty
