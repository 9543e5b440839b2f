// Multi-link with several real peers at once, and the ways a link fails (a server that closes,
// one that resets, a refused port, a name that does not resolve), through the real pty.
#include "tests/integration/air780ep_pty_util.h"

namespace cellemu::testing::air780ep_pty {
namespace {

class Host {
 public:
  explicit Host(const std::vector<std::string>& args) : emu(args) {
    EXPECT_TRUE(emu.started());
    pty = std::make_unique<PtyClient>(emu.pty());
    read_power_up(*pty);
    pty->exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  }
  void exchange(const std::string& in, const std::string& out) { pty->exchange(in, out); }

  EmulatorProcess emu;
  std::unique_ptr<PtyClient> pty;
};

TEST(Air780epLinks, SeveralPeersAtOnce) {
  TcpServer a, b, c;
  UdpServer u;
  Host host(emulator_args({{"10.1.0.1:7001", a.port()},
                           {"10.1.0.2:7002", b.port()},
                           {"10.1.0.3:7003", c.port()},
                           {"10.1.0.4:7004", u.port()}},
                          {"udp.example=10.1.0.4"}));
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=0,\"TCP\",\"10.1.0.1\",7001\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  host.exchange("AT+CIPSTART=1,\"TCP\",\"10.1.0.2\",7002\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  host.exchange("AT+CIPSTART=2,\"TCP\",\"10.1.0.3\",7003\r", "\r\nOK\r\n\r\n2, CONNECT OK\r\n");
  host.exchange("AT+CIPSTART=3,\"UDP\",\"udp.example\",7004\r", "\r\nOK\r\n\r\n3, CONNECT OK\r\n");
  const std::vector<std::string> up = {"to-a", "to-b!", "to-c!!", "to-udp"};
  for (int id = 0; id < 4; ++id) {
    const std::string& data = up[static_cast<std::size_t>(id)];
    host.exchange("AT+CIPSEND=" + std::to_string(id) + "," + std::to_string(data.size()) + "\r",
                  "\r\n> ");
    host.exchange(data, "\r\n" + std::to_string(id) + ", SEND OK\r\n");
  }
  ASSERT_TRUE(a.wait_received(0, 4) && b.wait_received(0, 5) && c.wait_received(0, 6));
  ASSERT_TRUE(u.wait_datagrams(1));
  EXPECT_EQ(a.received(0) + b.received(0) + c.received(0) + u.datagrams()[0],
            "to-ato-b!to-c!!to-udp");

  host.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");
  const std::string da = pattern(40000, 1), db = pattern(30000, 2), dc = pattern(20000, 3);
  a.send(0, da);  // all peers at once: frames of different links interleave
  b.send(0, db);
  c.send(0, dc);
  u.send_to_last("udp-reply");
  const auto links = FrameReader(*host.pty).read(da.size() + db.size() + dc.size() + 9);
  EXPECT_EQ(checksum(links[0]), checksum(da));
  EXPECT_EQ(checksum(links[1]), checksum(db));
  EXPECT_EQ(checksum(links[2]), checksum(dc));
  EXPECT_EQ(links[3], "udp-reply");

  host.exchange("AT+CIPSTATUS\r",
                "\r\nOK\r\n\r\nSTATE: IP PROCESSING\r\n\r\n"
                "C: 0,0,\"TCP\",\"10.1.0.1\",\"7001\",\"CONNECTED\"\r\n"
                "C: 1,0,\"TCP\",\"10.1.0.2\",\"7002\",\"CONNECTED\"\r\n"
                "C: 2,0,\"TCP\",\"10.1.0.3\",\"7003\",\"CONNECTED\"\r\n"
                "C: 3,0,\"UDP\",\"10.1.0.4\",\"7004\",\"CONNECTED\"\r\n"
                "C: 4,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 5,,\"\",\"\",\"\",\"INITIAL\"\r\n");
  for (int id = 0; id < 4; ++id) {
    const std::string n = std::to_string(id);
    host.exchange("AT+CIPCLOSE=" + n + "\r", "\r\n" + n + ", CLOSE OK\r\n");
  }
  EXPECT_TRUE(a.wait_peer_closed(0) && b.wait_peer_closed(0) && c.wait_peer_closed(0));
  host.exchange("AT+CIPSTATUS=0\r",
                "\r\n+CIPSTATUS: 0,0,\"TCP\",\"10.1.0.1\",\"7001\",\"CLOSED\"\r\n\r\nOK\r\n");
}

// Without --host or --route a name goes to this machine's resolver ("localhost" is in /etc/hosts
// everywhere): the emulator as users start it, in a container with service names for instance.
TEST(Air780epLinks, NamesResolveThroughTheSystemResolver) {
  TcpServer server;
  Host host({"--model", "air780ep", "--log-level", "warn"});
  host.exchange("AT+CIPSTART=\"TCP\",\"localhost\"," + std::to_string(server.port()) + "\r",
                "\r\nOK\r\n\r\nCONNECT OK\r\n");
  ASSERT_TRUE(server.wait_connections(1));
  host.exchange("AT+CIPSEND=2\r", "\r\n> ");
  host.exchange("hi", "\r\nSEND OK\r\n");
  EXPECT_TRUE(server.wait_received(0, 2));
  host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
}

TEST(Air780epLinks, FailuresInMultiLinkMode) {
  TcpServer closer, resetter;
  Host host(emulator_args({{"10.2.0.1:80", closer.port()},
                           {"10.2.0.2:80", resetter.port()},
                           {"10.2.0.3:80", refused_port()}}));
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=0,TCP,10.2.0.1,80\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  host.exchange("AT+CIPSTART=1,TCP,10.2.0.2,80\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  host.exchange("AT+CIPSTART=2,TCP,10.2.0.3,80\r", "\r\nOK\r\n\r\n2, CONNECT FAIL\r\n");
  host.exchange("AT+CIPSTART=3,TCP,no.such.host.invalid,80\r", "\r\nOK\r\n\r\n3, CONNECT FAIL\r\n");
  ASSERT_TRUE(closer.wait_connections(1) && resetter.wait_connections(1));
  closer.close(0);
  host.pty->expect("\r\n0, CLOSED\r\n");
  resetter.reset(0);
  host.pty->expect("\r\n1, CLOSED\r\n");
  host.exchange("AT+CIPSEND=0,1\r", "\r\n+CME ERROR: 3\r\n");
  host.exchange("AT+CIPCLOSE=1\r", "\r\n+CME ERROR: 3\r\n");
  host.exchange("AT+CIPSTART=1,TCP,10.2.0.1,80\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");  // reusable
}

TEST(Air780epLinks, FailuresInSingleLinkMode) {
  TcpServer closer, resetter;
  Host host(emulator_args({{"10.2.0.1:80", closer.port()},
                           {"10.2.0.2:80", resetter.port()},
                           {"10.2.0.3:80", refused_port()}}));
  host.exchange("AT+CIPSTART=TCP,10.2.0.3,80\r",
                "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
  host.exchange("AT+CIPSTART=TCP,no.such.host.invalid,80\r",
                "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
  host.exchange("AT+CIPSTART=TCP,10.2.0.1,80\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  ASSERT_TRUE(closer.wait_connections(1));
  closer.close(0);
  host.pty->expect("\r\nCLOSED\r\n");
  host.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
  host.exchange("AT+CIPSTART=TCP,10.2.0.2,80\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  ASSERT_TRUE(resetter.wait_connections(1));
  resetter.reset(0);
  host.pty->expect("\r\nCLOSED\r\n");
  host.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_pty
