// The TCP/IP settings of air780ep.md §2 and §4.14/§4.16 outside the numbered cases: read and test
// forms, CLPORT, AT&F and a module reboot.
#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epSettings, FlagsReadSetAndTestForms) {  // OQ-7, OQ-R7
  Transcript t(options());
  for (const char* key : {"+CIPHEAD", "+CIPSHOWTP", "+CIPSRIP", "+CIPRXF"}) {
    const std::string k = key;
    SCOPED_TRACE(k);
    t.exchange("AT" + k + "?\r", "\r\n" + k + ": 0\r\n\r\nOK\r\n");
    t.exchange("AT" + k + "=?\r", "\r\n" + k + ": (0,1)\r\n\r\nOK\r\n");
    t.exchange("AT" + k + "=1\r", "\r\nOK\r\n");
    t.exchange("AT" + k + "?\r", "\r\n" + k + ": 1\r\n\r\nOK\r\n");
    t.exchange("AT" + k + "=2\r", "\r\n+CME ERROR: 3\r\n");
    t.exchange("AT" + k + "\r", "\r\n+CME ERROR: 3\r\n");
  }
  t.exchange("AT+CIPQSEND=?\r", "\r\n+CIPQSEND: (0,1,2)\r\n\r\nOK\r\n");
  t.exchange("AT+CIPQSEND=3\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epSettings, CipmuxRefusedWhileALinkIsClosed) {  // MH
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=0,TCP,60.166.12.210,7500\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  t.exchange("AT+CIPCLOSE=0\r", "\r\n0, CLOSE OK\r\n");
  t.exchange("AT+CIPMUX=0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIPMUX=0\r", "\r\nOK\r\n");
}

TEST(Air780epSettings, LocalPortForms) {
  Transcript t(options());
  t.exchange("AT+CLPORT?\r", "\r\n+CLPORT: 0,0\r\n\r\nOK\r\n");
  t.exchange("AT+CLPORT=\"TCP\",2020\r", "\r\nOK\r\n");
  t.exchange("AT+CLPORT=\"udp\",3030\r", "\r\nOK\r\n");
  t.exchange("AT+CLPORT?\r", "\r\n+CLPORT: 2020,3030\r\n\r\nOK\r\n");
  t.exchange("AT+CLPORT=\"TCP\",0\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CLPORT=\"SCTP\",1\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CLPORT=1,\"TCP\",1\r", "\r\n+CME ERROR: 3\r\n");  // multi syntax
  t.exchange("AT+CLPORT=?\r", "\r\n+CLPORT: (\"TCP\",\"UDP\"),(1-65535)\r\n\r\nOK\r\n");
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CLPORT=2,\"TCP\",4040\r", "\r\nOK\r\n");
  t.exchange("AT+CLPORT?\r",
             "\r\n+CLPORT: 0,0,0\r\n+CLPORT: 1,0,0\r\n+CLPORT: 2,4040,0\r\n+CLPORT: 3,0,0\r\n"
             "+CLPORT: 4,0,0\r\n+CLPORT: 5,0,0\r\n\r\nOK\r\n");
}

TEST(Air780epSettings, LocalPortIsTheSourcePort) {
  UdpServer server;
  const std::uint16_t local = refused_port();  // free on this host right now
  Transcript t(options({{{"112.125.89.8:45214", server.port()}}}));
  t.exchange("AT+CLPORT=\"UDP\"," + std::to_string(local) + "\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"UDP\",\"112.125.89.8\",45214\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+CIPSEND=2\r", "\r\n> ");
  t.exchange("hi", "\r\nSEND OK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.datagrams().size() == 1; }));
  EXPECT_EQ(server.last_sender_port(), local);
}

TEST(Air780epSettings, FactoryResetRestoresTcpipDefaults) {  // LM AT&F.md
  Transcript t(options());
  t.exchange("AT+CIPHEAD=1;+CIPTKA=1,180,75,6;+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT&F\r", "\r\nOK\r\n");
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");  // AT&F turned echo back on
  t.exchange("AT+CIPHEAD?;+CIPMUX?;+CIPTKA?\r",
             "\r\n+CIPHEAD: 0\r\n\r\n+CIPMUX: 0\r\n\r\n+CIPTKA: 0,7200,75,9\r\n\r\nOK\r\n");
}

TEST(Air780epSettings, FactoryResetKeepsTheLinkModeOfAnActiveContext) {
  Transcript t(options());
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  bring_up(t);
  t.exchange("AT&F\r", "\r\nOK\r\n");
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");  // AT&F turned echo back on
  t.exchange("AT+CIPMUX?\r", "\r\n+CIPMUX: 1\r\n\r\nOK\r\n");
}

TEST(Air780epSettings, RebootClosesLinksSilentlyAndForgetsSettings) {  // S0 FAQ 4
  TcpServer server;
  Transcript t = routed_modem(server);
  t.exchange("AT+CIPHEAD=1\r", "\r\nOK\r\n");
  connected_single(t, server, 1);
  t.send("AT+CFUN=1,1\r");
  t.advance(0ms);  // the reboot follows the OK
  t.take();
  EXPECT_TRUE(server.wait_peer_closed(0));
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
  t.exchange("AT+CIPHEAD?;+CIPQSEND?\r", "\r\n+CIPHEAD: 0\r\n\r\n+CIPQSEND: 0\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
