// T-001 over the real pty: what TinyGSM's SIM800 driver sends ("\r\n" line ends, echo on at
// start) and what it needs back, against a real HTTP-like server.
#include "tests/integration/air780ep_pty_util.h"

namespace cellemu::testing::air780ep_pty {
namespace {

TEST(Air780epTinyGsmPty, T001_SessionOverThePty) {
  TcpServer server;
  EmulatorProcess emu(
      emulator_args({{"93.184.216.34:80", server.port()}}, {"example.com=93.184.216.34"}));
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  read_power_up(host);
  host.exchange("AT\r\n", "AT\r\n\r\nOK\r\n");
  host.exchange("ATE0\r\n", "ATE0\r\n\r\nOK\r\n");
  const std::vector<std::pair<std::string, std::string>> init = {
      {"AT+CMEE=0", "\r\nOK\r\n"},
      {"AT+CLTS=1", "\r\nOK\r\n"},
      {"AT+CBATCHK=1", "\r\nOK\r\n"},
      {"AT+CPIN?", "\r\n+CPIN: READY\r\n\r\nOK\r\n"},
      {"AT+CIPSHUT", "\r\nSHUT OK\r\n"},
      {"AT+CGATT=0", "\r\nOK\r\n"},
      {"AT+SAPBR=3,1,\"Contype\",\"GPRS\"", "\r\nOK\r\n"},
      {"AT+SAPBR=3,1,\"APN\",\"cmiot\"", "\r\nOK\r\n"},
      {"AT+CGDCONT=1,\"IP\",\"cmiot\"", "\r\nOK\r\n"},
      {"AT+CGACT=1,1", "\r\nOK\r\n"},
      {"AT+SAPBR=1,1", "\r\nOK\r\n"},
      {"AT+SAPBR=2,1", "\r\n+SAPBR: 1,1,\"10.17.70.180\"\r\n\r\nOK\r\n"},
      {"AT+CGATT=1", "\r\nOK\r\n"},
      {"AT+CIPMUX=1", "\r\nOK\r\n"},
      {"AT+CIPQSEND=1", "\r\nOK\r\n"},
      {"AT+CIPRXGET=1", "\r\nOK\r\n"},
      {"AT+CSTT=\"cmiot\",\"\",\"\"", "\r\nOK\r\n"},
      {"AT+CIICR", "\r\nOK\r\n"},
      {"AT+CIFSR;E0", "\r\n10.17.70.180\r\n\r\nOK\r\n"},
      {"AT+CDNSCFG=\"8.8.8.8\",\"8.8.4.4\"", "\r\nOK\r\n"},
      {"AT+CIPSSL=0", "\r\nOK\r\n"},
      {"AT+CIPSTART=0,\"TCP\",\"example.com\",80", "\r\nOK\r\n\r\n0, CONNECT OK\r\n"},
  };
  for (const auto& [cmd, reply] : init) {
    SCOPED_TRACE(cmd);
    host.exchange(cmd + "\r\n", reply);
  }
  host.exchange("AT+CIPSEND=0,18\r\n", "\r\n> ");
  host.exchange("GET / HTTP/1.0\r\n\r\n", "\r\nDATA ACCEPT:0,18\r\n");
  ASSERT_TRUE(server.wait_received(0, 18));
  const std::string reply = pattern(341, 41);
  server.send(0, reply);
  host.expect("\r\n+CIPRXGET: 1,0\r\n");
  std::string avail;  // TinyGSM polls until the bytes are there
  for (int i = 0; i < 100 && avail != "\r\n+CIPRXGET: 4,0,341\r\n\r\nOK\r\n"; ++i) {
    host.send("AT+CIPRXGET=4,0\r\n");
    avail = host.read_until("OK\r\n");
  }
  EXPECT_EQ(avail, "\r\n+CIPRXGET: 4,0,341\r\n\r\nOK\r\n");
  host.exchange("AT+CIPRXGET=2,0,341\r\n", "\r\n+CIPRXGET: 2,0,341,0\r\n" + reply + "\r\nOK\r\n");
  server.close(0);
  host.expect("\r\n0, CLOSED\r\n");
  host.exchange("AT+CIPRXGET=4,0\r\n", "\r\n+CIPRXGET: 4,0,0\r\n\r\nOK\r\n");
  host.exchange("AT+CIPSTATUS=0\r\n",
                "\r\n+CIPSTATUS: 0,0,\"TCP\",\"93.184.216.34\",\"80\",\"CLOSED\"\r\n\r\nOK\r\n");
  host.exchange("AT+CIPCLOSE=0,1\r\n", "\r\nERROR\r\n");
  EXPECT_EQ(emu.terminate(), 0);
}

}  // namespace
}  // namespace cellemu::testing::air780ep_pty
