// Conformance cases H-001…H-004, H-006, H-007 and H-012…H-017 of
// ../shared/spec/conformance-cases.md: keep-alive and heartbeat settings, the SSL switch, module
// DNS, PDP deactivation and the SAPBR bearer.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/model/air780ep_test_util.h"

namespace cellemu::testing::air780ep_test {
namespace {

TEST(Air780epKeepaliveDns, H001_TcpKeepAlive) {
  Transcript t(options());
  t.exchange("AT+CIPTKA?\r", "\r\n+CIPTKA: 0,7200,75,9\r\n\r\nOK\r\n");
  t.exchange("AT+CIPTKA=1,180,75,6\r", "\r\nOK\r\n");
  t.exchange("AT+CIPTKA?\r", "\r\n+CIPTKA: 1,180,75,6\r\n\r\nOK\r\n");
  t.exchange("AT+CIPTKA=?\r", "\r\n+CIPTKA: (0,1),(30-7200),(30-600),(1-9)\r\n\r\nOK\r\n");
}

// The timer the kernel runs for our end of the connection to `server_port` ("tr" column of
// /proc/net/tcp: 2 = keep-alive), or -1 when there is no such socket.
int client_timer(std::uint16_t server_port) {
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);
  char port_hex[8];
  std::snprintf(port_hex, sizeof port_hex, ":%04X", server_port);
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string sl, local, remote, st, queues, timer;
    fields >> sl >> local >> remote >> st >> queues >> timer;
    if (remote.ends_with(port_hex) && st == "01") return std::stoi(timer.substr(0, 2), nullptr, 16);
  }
  return -1;
}

TEST(Air780epKeepaliveDns, H001_KeepAliveAppliesToNewLinks) {  // S0 order: CIPTKA, then CIPSTART
  TcpServer plain, kept;
  Transcript t(options({{{"10.3.0.1:80", plain.port()}, {"10.3.0.2:80", kept.port()}}}));
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=0,TCP,10.3.0.1,80\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  t.exchange("AT+CIPTKA=1,180,75,6\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=1,TCP,10.3.0.2,80\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  EXPECT_EQ(client_timer(plain.port()), 0);  // opened before: no keep-alive
  EXPECT_EQ(client_timer(kept.port()), 2);
}

TEST(Air780epKeepaliveDns, H002_KeepAliveOutOfRange) {
  Transcript t(options());
  t.exchange("AT+CIPTKA=1,10\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPTKA=1,180,601\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPTKA=1,180,75,10\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPTKA=2\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPTKA?\r", "\r\n+CIPTKA: 0,7200,75,9\r\n\r\nOK\r\n");
}

TEST(Air780epKeepaliveDns, H003_HeartbeatDefaults) {
  Transcript t(options());
  t.exchange("AT^HEARTCONFIG?\r", "\r\n^HEARTCONFIG: 0,0,120\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTCONFIG=?\r", "\r\nOK\r\n");
}

TEST(Air780epKeepaliveDns, H004_HeartbeatContentDefaultIsImei) {
  Transcript t(options());
  t.exchange("AT^HEARTBEAT?\r", "\r\n^HEARTBEAT: 0,359759002514931\r\n\r\nOK\r\n");
}

TEST(Air780epKeepaliveDns, H005_HeartbeatSettingsOfTheS0Walkthrough) {
  Transcript t(options());
  t.exchange("AT^HEARTCONFIG=1,0,180\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTBEAT=0,tcp---test\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTCONFIG?\r", "\r\n^HEARTCONFIG: 1,0,180\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTBEAT?\r", "\r\n^HEARTBEAT: 0,tcp---test\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTBEAT=2,\"a,b c\"\r", "\r\nOK\r\n");  // OQ-34
  t.exchange("AT^HEARTBEAT?\r", "\r\n^HEARTBEAT: 2,a,b c\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTCONFIG=1,6,180\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT^HEARTCONFIG=1,0,4\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT^HEARTBEAT=0," + std::string(257, 'x') + "\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epKeepaliveDns, H006_HeartbeatStatisticsClearedWhenDisabled) {
  Transcript t(options());
  t.exchange("AT^HEARTCONFIG=1,0,180\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTCONFIG=0\r", "\r\nOK\r\n");
  t.exchange("AT^HEARTINQUIRE?\r", "\r\n^HEARTINQUIRE: 0,0,0\r\n\r\nOK\r\n");
  t.exchange("AT^HEARTCONFIG?\r", "\r\n^HEARTCONFIG: 0,0,180\r\n\r\nOK\r\n");
}

TEST(Air780epKeepaliveDns, H007_SslSwitch) {
  Transcript t(options());
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSSL?\r", "\r\n+CIPSSL: 1\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSSL=?\r", "\r\n+CIPSSL: (0-1)\r\n\r\nOK\r\n");
  t.exchange("AT+CIPSSL=2\r", "\r\n+CME ERROR: 3\r\n");
}

TEST(Air780epKeepaliveDns, H012_DnsLookup) {
  Transcript t(options({{}, {"WWW.SINA.COM.CN=221.179.180.76"}}));
  bring_up(t);
  t.exchange("AT+CDNSGIP=\"WWW.SINA.COM.CN\"\r",
             "\r\nOK\r\n\r\n+CDNSGIP: 1,\"WWW.SINA.COM.CN\",\"221.179.180.76\"\r\n");
}

TEST(Air780epKeepaliveDns, H012_SecondAddress) {  // SM
  Transcript t(options({{}, {"two.example=10.0.0.1,10.0.0.2"}}));
  bring_up(t);
  t.exchange("AT+CDNSGIP=two.example\r",
             "\r\nOK\r\n\r\n+CDNSGIP: 1,\"two.example\",\"10.0.0.1\",\"10.0.0.2\"\r\n");
}

TEST(Air780epKeepaliveDns, H013_DnsFailure) {
  Transcript t(options());
  bring_up(t);
  t.exchange("AT+CDNSGIP=\"no.such.host.invalid\"\r", "\r\nOK\r\n\r\n+CDNSGIP: 0,10\r\n");
}

TEST(Air780epKeepaliveDns, H013_SyntaxAndStateErrors) {  // LM CDNSGIP.md, OQ-33
  Transcript t(options());
  t.exchange("AT+CDNSGIP=\"a.example\"\r", "\r\n+CME ERROR: 3\r\n");  // no active context
  t.exchange("AT+CDNSGIP\r", "\r\nERROR\r\n");
  t.exchange("AT+CDNSGIP=\"\"\r", "\r\nERROR\r\n");
  t.exchange("AT+CDNSGIP=a,b\r", "\r\nERROR\r\n");
  t.exchange("AT+CDNSGIP=?\r", "\r\nOK\r\n");
}

TEST(Air780epKeepaliveDns, H014_DnsServers) {
  Transcript t(options());
  t.exchange("AT+CDNSCFG?\r",
             "\r\nPrimaryDns: 211.136.112.50\r\nSecondaryDns: 211.136.150.66\r\n\r\nOK\r\n");
  t.exchange("AT+CDNSCFG=\"8.8.8.8\",\"8.8.4.4\"\r", "\r\nOK\r\n");
  t.exchange("AT+CDNSCFG?\r", "\r\nPrimaryDns: 8.8.8.8\r\nSecondaryDns: 8.8.4.4\r\n\r\nOK\r\n");
  t.exchange("AT+CDNSCFG=\"8.8.8\"\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CDNSCFG=?\r", "\r\n+CDNSCFG: (\"Primary DNS\"),(\"Secondary DNS\")\r\n\r\nOK\r\n");
}

TEST(Air780epKeepaliveDns, H015_NetworkDeactivatesThePdp) {
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_single(t, server, 0);
  model(t).deactivate_pdp();  // the harness deactivates the bearer
  t.expect("\r\n+PDP: DEACT\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
  t.exchange("AT+CIPSEND=4\r", "\r\n+CME ERROR: 3\r\n");
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epKeepaliveDns, H015_OnlyShutStatusAndSettingsWorkInPdpDeact) {  // §9.1
  Transcript t(options());
  bring_up(t);
  model(t).deactivate_pdp();
  t.expect("\r\n+PDP: DEACT\r\n");
  for (const char* cmd : {"AT+CSTT\r", "AT+CIICR\r", "AT+CIFSR\r", "AT+CIPSTART=TCP,1.2.3.4,80\r",
                          "AT+CIPCLOSE\r", "AT+CIPACK\r", "AT+CIPMUX=0\r", "AT+CDNSGIP=x.y\r"}) {
    SCOPED_TRACE(cmd);
    t.exchange(cmd, "\r\n+CME ERROR: 3\r\n");
  }
  t.exchange("AT+CIPHEAD=1\r", "\r\nOK\r\n");
}

TEST(Air780epKeepaliveDns, H015_RadioLossDropsTheContextToo) {
  Transcript t(options());
  bring_up(t);
  t.model().set_registration(models::RegStatus::Searching);
  t.expect("\r\n+PDP: DEACT\r\n");
}

TEST(Air780epKeepaliveDns, H016_DetachDrivesPdpDeact) {  // [I] OQ-40
  Transcript t(options());
  bring_up(t);
  t.exchange("AT+CGATT=0\r", "\r\nOK\r\n\r\n+PDP: DEACT\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
}

TEST(Air780epKeepaliveDns, H016_DetachWithoutContextChangesNothing) {  // air780ep.md §11
  Transcript t(options());
  t.exchange("AT+CGATT=0\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
}

TEST(Air780epKeepaliveDns, H016_DetachInMultiModeDropsLinksSilently) {  // OQ-40
  TcpServer server;
  Transcript t = routed_modem(server);
  connected_multi(t, server, 0, {0, 1});
  t.exchange("AT+CGATT=0\r", "\r\nOK\r\n\r\n+PDP: DEACT\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  EXPECT_TRUE(server.wait_peer_closed(1));
  t.expect_quiet();
}

TEST(Air780epKeepaliveDns, H017_SapbrQuery) {
  Transcript t(options({}, [](models::Profile& p) { p.network.local_ip = "10.216.175.18"; }));
  t.exchange("AT+SAPBR=2,1\r", "\r\n+SAPBR: 1,1,\"10.216.175.18\"\r\n\r\nOK\r\n");
  t.exchange("AT+SAPBR=0,1\r", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=2,1\r", "\r\n+SAPBR: 1,3,\"0.0.0.0\"\r\n\r\nOK\r\n");
  t.exchange("AT+SAPBR=1,1\r", "\r\nOK\r\n");
  t.exchange("AT+SAPBR=2,1\r", "\r\n+SAPBR: 1,1,\"10.216.175.18\"\r\n\r\nOK\r\n");
  t.exchange("AT+SAPBR=5,1\r", "\r\n+CME ERROR: 3\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
