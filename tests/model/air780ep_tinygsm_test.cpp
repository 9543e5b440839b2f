// T-001 of ../shared/spec/conformance-cases.md: the exchanges of TinyGSM's SIM800 driver
// (gprsConnect, connect, send, read, status, stop) byte for byte, "\r\n" line ends included.
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epTinyGsm, T001_GprsConnectConnectSendReadStatus) {
  TcpServer server;
  Transcript t(options(
      {{{"93.184.216.34:80", server.port()}}, {"example.com=93.184.216.34"}},
      [](models::Profile& p) { p.network.local_ip = "10.216.175.18"; },
      /*echo=*/true));
  t.exchange("AT\r\n", "AT\r\n\r\nOK\r\n");
  t.exchange("ATE0\r\n", "ATE0\r\n\r\nOK\r\n");
  t.exchange("AT+CMEE=0\r\n", "\r\nOK\r\n");
  t.exchange("AT+CLTS=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CBATCHK=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CPIN?\r\n", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSHUT\r\n", "\r\nSHUT OK\r\n");
  t.exchange("AT+CGATT=0\r\n", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=3,1,\"Contype\",\"GPRS\"\r\n", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=3,1,\"APN\",\"cmiot\"\r\n", "\r\nOK\r\n");
  t.exchange("AT+CGDCONT=1,\"IP\",\"cmiot\"\r\n", "\r\nOK\r\n");
  t.exchange("AT+CGACT=1,1\r\n", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=1,1\r\n", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=2,1\r\n", "\r\n+SAPBR: 1,1,\"10.216.175.18\"\r\n\r\nOK\r\n");
  t.exchange("AT+CGATT=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIPMUX=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIPQSEND=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CSTT=\"cmiot\",\"\",\"\"\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIICR\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIFSR;E0\r\n", "\r\n10.216.175.18\r\n\r\nOK\r\n");
  t.exchange("AT+CDNSCFG=\"8.8.8.8\",\"8.8.4.4\"\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIPSSL=0\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=0,\"TCP\",\"example.com\",80\r\n", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  await_connections(t, server, 1);
  t.exchange("AT+CIPSEND=0,18\r\n", "\r\n> ");
  t.exchange("GET / HTTP/1.0\r\n\r\n", "\r\nDATA ACCEPT:0,18\r\n");
  await_received(t, server, 0, 18);
  EXPECT_EQ(server.received(0), "GET / HTTP/1.0\r\n\r\n");

  std::string reply = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n";
  while (reply.size() < 341) reply += static_cast<char>('a' + reply.size() % 26);
  server.send(0, reply);
  t.expect("\r\n+CIPRXGET: 1,0\r\n");
  ASSERT_TRUE(t.poll_until([&] { return model(t).stack().slot(0).buffered() == 341; }));
  t.exchange("AT+CIPRXGET=4,0\r\n", "\r\n+CIPRXGET: 4,0,341\r\n\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=2,0,341\r\n", "\r\n+CIPRXGET: 2,0,341,0\r\n" + reply + "\r\nOK\r\n");
  server.close(0);
  t.expect("\r\n0, CLOSED\r\n");
  t.exchange("AT+CIPRXGET=4,0\r\n", "\r\n+CIPRXGET: 4,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS=0\r\n",
             "\r\n+CIPSTATUS: 0,0,\"TCP\",\"93.184.216.34\",\"80\",\"CLOSED\"\r\n\r\nOK\r\n");
  t.exchange("AT+CIPCLOSE=0,1\r\n", "\r\nERROR\r\n");
}

TEST(Air780epTinyGsm, GprsDisconnectAndReconnect) {  // TG gprsDisconnectImpl, then gprsConnect
  Transcript t(options({}, [](models::Profile& p) { p.network.local_ip = "10.216.175.18"; }));
  t.exchange("AT+CIPMUX=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CSTT=\"cmiot\",\"\",\"\"\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIICR\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIFSR;E0\r\n", "\r\n10.216.175.18\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSHUT\r\n", "\r\nSHUT OK\r\n");
  t.exchange("AT+CGATT=0\r\n", "\r\nOK\r\n");
  t.exchange("AT+CGATT?\r\n", "\r\n+CGATT: 0\r\n\r\nOK\r\n");
  t.exchange("AT+CIFSR;E0\r\n", "\r\n+CME ERROR: 3\r\n");  // TG isGprsConnected: not connected
  t.exchange("AT+SAPBR=1,1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CGATT=1\r\n", "\r\nOK\r\n");
  t.exchange("AT+CSTT=\"cmiot\",\"\",\"\"\r\n", "\r\nOK\r\n");
  t.exchange("AT+CIICR\r\n", "\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
