// Faults through the real binary and its pty, NM28: every ctl verb the module reports on the
// serial line, in its words (+IPURC: "pdpdeact" by the Quectel analogy, OQ-44, OQ-57).
#include <algorithm>

#include "tests/integration/fault_bench.h"
#include "tests/integration/nm28_host.h"

namespace cellemu::testing {
namespace {

constexpr const char* kOpen1 = "AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,0\r";

void open1(PtyClient& host) {
  host.exchange(kOpen1, "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
}

TEST(FaultsNm28, PdpDeactThenCloseAndReopen) {
  TcpServer server;
  FaultBench bench(nm28_args(server.port()), "nm28-pdp");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  open1(host);
  ASSERT_TRUE(server.wait_connections(1));
  EXPECT_EQ(bench.ctl({"pdp-deact"}), "ok\n");
  host.expect("\r\n+IPURC: \"pdpdeact\",1\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  EXPECT_EQ(bench.status()["ip_state"], "deactivated");
  host.exchange("AT+IPSTATE=1,1\r",
                "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,4,1\r\n\r\nOK\r\n");
  host.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  open1(host);
  ASSERT_TRUE(server.wait_connections(2));
  host.exchange("AT+IPSENDEX=1,\"6F6B\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(server.wait_received(1, 2));
  EXPECT_EQ(server.received(1), "ok");
}

TEST(FaultsNm28, CtlVerbs) {
  TcpServer server;
  FaultBench bench(nm28_args(server.port()), "nm28-verbs");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  open1(host);
  ASSERT_TRUE(server.wait_connections(1));
  bench.ctl({"link", "1", "reset"});
  host.expect("\r\n+IPURC: \"closed\",1\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  host.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");

  bench.ctl({"dns", "fail"});
  host.exchange("AT+IPOPEN=2,\"TCP\",\"www.baidu.com\",80,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 2,565\r\n");
  host.exchange("AT+IPDNSR=\"www.baidu.com\"\r", "\r\nERROR\r\n");
  bench.ctl({"dns", "ok"});
  bench.ctl({"connect", "refuse"});
  host.exchange(kOpen1, "\r\nOK\r\n\r\n+IPOPEN: 1,566\r\n");
  bench.ctl({"connect", "ok"});

  open1(host);
  ASSERT_TRUE(server.wait_connections(2));
  bench.ctl({"link", "1", "blackhole"});
  host.exchange("AT+IPSEND=1,4\r", "\r\nNETWRITE: 1,4\r\n\r\nCONNECT\r\n");
  host.exchange("void", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  EXPECT_FALSE(server.wait_received(1, 1, 200ms));
  EXPECT_EQ(link_entry(bench.status(), 1)["nat_lost"], true);

  bench.ctl({"sim", "remove"});
  host.expect("\r\n+CPIN: SIM REMOVED\r\n\r\n+IPURC: \"closed\",1\r\n");
  bench.ctl({"sim", "insert"});
  host.expect("\r\n+CPIN: READY\r\n");
  host.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  open1(host);
  ASSERT_TRUE(server.wait_connections(3));
  bench.ctl({"reboot"});
  EXPECT_TRUE(server.wait_peer_closed(2));
  host.exchange("AT+IPSTATE=1,1\r", "AT+IPSTATE=1,1\r\r\n+IPSTATE: 1,TCP,,0,0,0,0\r\n\r\nOK\r\n");
}

// Connection-level log lines (core::log_connection) in the NM28's words.
TEST(FaultsNm28, ConnectionLogLines) {
  TcpServer server;
  auto args = nm28_args(server.port());
  std::find(args.begin(), args.end(), "--log-level")[1] = "info";
  FaultBench bench(args, "nm28-logs");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  open1(host);
  bench.ctl({"link", "1", "close"});
  host.expect("\r\n+IPURC: \"closed\",1\r\n");
  host.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  bench.ctl({"dns", "fail"});
  host.exchange("AT+IPOPEN=2,\"UDP\",\"www.baidu.com\",80,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 2,565\r\n");
  EXPECT_EQ(bench.emulator().terminate(), 0);
  const std::string logs = bench.emulator().logs();
  for (const std::string line :
       {"link=1 proto=TCP peer=139.159.199.233:46000 event=connect result=\"+IPOPEN: 1,0\"",
        "link=1 proto=TCP peer=139.159.199.233:46000 event=close "
        "result=\"+IPURC: \\\"closed\\\",1\" detail=\"closed by peer\"",
        "link=1 proto=TCP peer=139.159.199.233:46000 event=close result=\"+IPCLOSE: 1\" "
        "detail=\"by the host\"",
        "link=2 proto=UDP peer=www.baidu.com:80 event=connect result=\"+IPOPEN: 2,565\" "
        "detail=\"name does not resolve\""}) {
    EXPECT_NE(logs.find("modem=modem0 " + line), std::string::npos) << line << "\n" << logs;
  }
}

// A host that leaves a UDP socket in buffer mode unread: the full buffer keeps whole datagrams
// and drops the rest, as the module would; `ctl status` counts the drops per socket and the log
// says so once per burst instead of once per datagram.
TEST(FaultsNm28, FullUdpBufferDropsAreCountedAndLoggedPerBurst) {
  UdpServer server;
  auto args = nm28_args(server.port());
  std::find(args.begin(), args.end(), "--log-level")[1] = "info";
  FaultBench bench(args, "nm28-drops");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  const std::string port = std::to_string(server.port());
  host.exchange("AT+IPOPEN=2,\"UDP\",\"127.0.0.1\"," + port + ",0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 2,0\r\n");
  host.exchange("AT+IPSWTMD=2,0\r", "\r\nOK\r\n");
  host.exchange("AT+IPSENDEX=2,\"00\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(server.wait_datagrams(1));
  constexpr int kDatagrams = 3000;
  for (int i = 0; i < kDatagrams; ++i) server.send_to_last(std::string(100, 'd'));
  host.expect("\r\nIPREAD: 2\r\n");
  std::uint64_t dropped = 0;
  ASSERT_TRUE(bench.wait_status([&](const nlohmann::json& s) {
    dropped = link_entry(s, 2)["dropped"].get<std::uint64_t>();
    return dropped >= 1000;
  })) << dropped;
  // 8192 bytes of buffer hold 81 whole datagrams of 100 bytes.
  host.exchange("AT+IPRD=2,1500\r",
                "\r\n+IPRD: 2,1500\r\n" + std::string(1500, 'd') + "\r\nOK\r\n");
  host.exchange("AT+IPSTATE=1,2\r",
                "\r\n+IPSTATE: 2,UDP,127.0.0.1," + port + ",0,2,0\r\n\r\nOK\r\n");
  EXPECT_EQ(bench.emulator().terminate(), 0);
  const std::string logs = bench.emulator().logs();
  std::size_t lines = 0;
  for (auto at = logs.find("event=drop"); at != std::string::npos;
       at = logs.find("event=drop", at + 1)) {
    ++lines;
  }
  EXPECT_GE(lines, 1u) << logs;
  EXPECT_LT(lines * 20, dropped) << logs;  // one line per burst-second, not one per datagram
  EXPECT_NE(logs.find("link=2 proto=UDP peer=127.0.0.1:" + port +
                      " event=drop result=\"datagrams dropped\" detail=\"receive buffer full: 1 "
                      "datagram(s), 100 bytes\""),
            std::string::npos)
      << logs;  // the first of a burst at once
}

// S0 FAQ 3 holds for the NM28 too, and it has no keepalive or heartbeat command to help.
TEST(FaultsNm28, IdleSocketLostToTheCarrierNat) {
  TcpServer server;
  FaultBench bench(nm28_args(server.port()), "nm28-nat");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  bench.ctl({"nat-idle", "5s"});  // half a second at the suite's 10x
  open1(host);
  ASSERT_TRUE(server.wait_connections(1));
  ASSERT_TRUE(bench.wait_status(
      [](const nlohmann::json& s) { return link_entry(s, 1)["nat_lost"] == true; }));
  host.exchange("AT+IPSENDEX=1,\"6C6F7374\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  EXPECT_FALSE(server.wait_received(0, 1, 300ms));
  host.exchange("AT+IPSTATE=1,1\r",
                "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,2,1\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
