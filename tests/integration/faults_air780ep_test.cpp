// Faults through the real binary and its pty, Air780EP: S0 FAQ 3 (carrier NAT) and its two
// remedies in seconds with --time-scale, FAQ 5 (+PDP: DEACT and the recovery), and every ctl verb
// that the module reports on the serial line.
#include "tests/integration/air780ep_pty_util.h"
#include "tests/integration/fault_bench.h"

namespace cellemu::testing {
namespace {

using air780ep_pty::emulator_args;

// S0's server name, resolved by the module's DNS to an address of our choosing and routed to
// the loopback server.
std::vector<std::string> s0_args(std::uint16_t port, const std::string& scale) {
  auto args = emulator_args({{"domain.aaa.bbb:12345", port}}, {"domain.aaa.bbb=47.104.12.9"});
  args.insert(args.end(), {"--time-scale", scale});
  return args;
}

// Removes every occurrence of `noise` (a frame that may come at any time) from `text`.
std::string without(std::string text, const std::string& noise) {
  for (auto at = text.find(noise); at != std::string::npos; at = text.find(noise)) {
    text.erase(at, noise.size());
  }
  return text;
}

// Reads until what arrived, heartbeat echoes removed, ends with `tail`; returns it so.
std::string read_past(PtyClient& host, const std::string& tail, const std::string& beat) {
  std::string got;
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (!without(got, beat).ends_with(tail) && std::chrono::steady_clock::now() < until) {
    got += host.read_until("\n", 100ms);
  }
  return without(got, beat);
}

void send(PtyClient& host, int id, const std::string& data) {
  host.exchange("AT+CIPSEND=" + std::to_string(id) + "," + std::to_string(data.size()) + "\r",
                "\r\n> ");
  host.exchange(data, "\r\n" + std::to_string(id) + ", SEND OK\r\n");
}

// FAQ 3 at 300x (the 10-minute NAT timeout takes two seconds): link 1 opened before
// AT+CIPTKA=1,180,75,6 loses its mapping, link 5 opened after it keeps it.
TEST(FaultsAir780ep, Faq3NatDropAndTheKeepaliveRemedy) {
  TcpServer server;
  FaultBench bench(s0_args(server.port(), "300"), "faq3-tka");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=1,TCP,domain.aaa.bbb,12345\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  ASSERT_TRUE(server.wait_connections(1));
  host.exchange("AT+CIPTKA=1,180,75,6\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=5,TCP,domain.aaa.bbb,12345\r", "\r\nOK\r\n\r\n5, CONNECT OK\r\n");
  ASSERT_TRUE(server.wait_connections(2));
  send(host, 1, "0123456789");
  send(host, 5, "9876543210");
  ASSERT_TRUE(server.wait_received(0, 10) && server.wait_received(1, 10));

  ASSERT_TRUE(bench.wait_status([](const nlohmann::json& s) {
    return link_entry(s, 1)["nat_lost"] == true;
  })) << "the idle mapping was never dropped";
  const auto s = bench.status();
  EXPECT_EQ(link_entry(s, 1)["state"], "CONNECTED");  // the module still shows it
  EXPECT_EQ(link_entry(s, 5)["nat_lost"], false);
  host.exchange("AT+CIPSTATUS=1\r",
                "\r\n+CIPSTATUS: 1,0,\"TCP\",\"47.104.12.9\",\"12345\",\"CONNECTED\"\r\n"
                "\r\nOK\r\n");
  send(host, 1, "0123456789");  // SEND OK, but the server never gets it
  send(host, 5, "9876543210");  // kept alive by the probes: it arrives
  ASSERT_TRUE(server.wait_received(1, 20));
  EXPECT_EQ(server.received(1), "98765432109876543210");
  EXPECT_FALSE(server.wait_received(0, 20, 300ms));
  EXPECT_EQ(server.received(0), "0123456789");
}

// FAQ 3 remedy b, H-005: the heartbeat comes back from the echo server every 180 emulated
// seconds (0.3 s at 600x) and, being traffic, keeps the mapping past the NAT's ten minutes. It
// keeps coming while the host works, so later reads drop its echoes.
TEST(FaultsAir780ep, Faq3HeartbeatRemedy) {
  TcpServer echo(TcpServer::Mode::Echo);
  FaultBench bench(s0_args(echo.port(), "600"), "faq3-heart");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  host.exchange("AT^HEARTCONFIG=1,0,180\r", "\r\nOK\r\n");
  host.exchange("AT^HEARTBEAT=0,tcp---test\r", "\r\nOK\r\n");
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=0,TCP,domain.aaa.bbb,12345\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  const std::string beat = "\r\n+RECEIVE,0,10:\r\ntcp---test\r\n";  // CIPRXF=0 adds the CRLF
  for (int i = 0; i < 4; ++i) host.expect(beat);                    // 720 emulated seconds
  const auto s = bench.status();
  EXPECT_EQ(link_entry(s, 0)["nat_lost"], false);
  EXPECT_EQ(link_entry(s, 0)["state"], "CONNECTED");
  host.send("AT+CIPSEND=0,5\r");
  EXPECT_EQ(read_past(host, "\r\n> ", beat), "\r\n> ");
  host.send("hello");
  EXPECT_EQ(read_past(host, "hello\r\n", beat), "\r\n0, SEND OK\r\n\r\n+RECEIVE,0,5:\r\nhello\r\n");
  host.send("AT^HEARTINQUIRE?\r");
  const std::string inquire = read_past(host, "\r\n\r\nOK\r\n", beat);
  EXPECT_TRUE(inquire.starts_with("\r\n^HEARTINQUIRE: ")) << inquire;
  host.send("AT^HEARTCONFIG=0\r");
  EXPECT_EQ(read_past(host, "\r\nOK\r\n", beat), "\r\nOK\r\n");
  host.send("AT^HEARTINQUIRE?\r");
  EXPECT_EQ(read_past(host, "\r\nOK\r\n", beat), "\r\n^HEARTINQUIRE: 0,0,0\r\n\r\nOK\r\n");
}

// FAQ 5: the network takes the bearer, the host shuts the stack down and starts again.
TEST(FaultsAir780ep, PdpDeactThenShutAndReconnect) {
  TcpServer server;
  FaultBench bench(emulator_args({{"112.125.89.8:37076", server.port()}}), "pdp");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  auto connect = [&] {
    host.exchange("AT+CSTT\r", "\r\nOK\r\n");
    host.exchange("AT+CIICR\r", "\r\nOK\r\n");
    host.exchange("AT+CIFSR\r", "\r\n10.17.70.180\r\n");
    host.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  };
  connect();
  ASSERT_TRUE(server.wait_connections(1));
  EXPECT_EQ(bench.ctl({"pdp-deact"}), "ok\n");
  host.expect("\r\n+PDP: DEACT\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  host.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: PDP DEACT\r\n");
  host.exchange("AT+CIPSEND=4\r", "\r\n+CME ERROR: 3\r\n");
  host.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  host.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
  connect();
  ASSERT_TRUE(server.wait_connections(2));
  host.exchange("AT+CIPSEND=4\r", "\r\n> ");
  host.exchange("back", "\r\nSEND OK\r\n");
  ASSERT_TRUE(server.wait_received(1, 4));
  EXPECT_EQ(server.received(1), "back");
}

TEST(FaultsAir780ep, CtlRadioVerbs) {
  FaultBench bench(emulator_args({}), "radio");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  host.exchange("AT+CEREG=1\r", "\r\nOK\r\n");
  host.exchange("AT+CSTT\r", "\r\nOK\r\n");
  host.exchange("AT+CIICR\r", "\r\nOK\r\n");
  bench.ctl({"register", "searching"});
  host.expect("\r\n+CEREG: 2\r\n\r\n+PDP: DEACT\r\n");
  bench.ctl({"register", "home"});
  host.expect("\r\n+CEREG: 1\r\n");
  bench.ctl({"sim", "remove"});
  host.expect("\r\n+CPIN: SIM REMOVED\r\n\r\n+CEREG: 2\r\n");
  bench.ctl({"sim", "insert"});  // seen at the next reset (sim_hotplug off, S0)
  host.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");
  bench.ctl({"signal", "9", "1"});
  host.exchange("AT+CSQ\r", "\r\n+CSQ: 9,1\r\n\r\nOK\r\n");
  bench.ctl({"serial", "garbage", "16"});
  EXPECT_EQ(host.read_exact(16).size(), 16u);
  bench.ctl({"serial", "drop", "2"});
  host.exchange("XYAT\r", "\r\nOK\r\n");
  bench.ctl({"urc", "+CPIN: NOT READY"});
  host.expect("\r\n+CPIN: NOT READY\r\n");
  bench.ctl({"reboot"});
  EXPECT_EQ(host.read_exact(7), "\r\nRDY\r\n");  // a reset's first line (services §4.5)
  air780ep_pty::read_power_up(host);
  host.exchange("AT+CIPSTATUS\r", "AT+CIPSTATUS\r\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n");
  host.exchange("AT+CPIN?\r", "AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

// S0: a SIM put back is found only after a module reset, here AT+CFUN=1,1 from the host.
TEST(FaultsAir780ep, SimReinsertedIsSeenAfterCfunReset) {
  FaultBench bench(emulator_args({}), "hotplug");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  bench.ctl({"sim", "remove"});
  host.expect("\r\n+CPIN: SIM REMOVED\r\n");
  bench.ctl({"sim", "insert"});
  host.exchange("AT+CPIN?\r", "\r\n+CME ERROR: 10\r\n");
  host.send("AT+CFUN=1,1\r");
  const std::string boot = host.read_until("+32,0\r\n");  // OK, then the power-up to +NITZ
  EXPECT_TRUE(boot.starts_with("\r\nOK\r\n\r\nRDY\r\n\r\n^MODE: 17,17\r\n")) << boot;
  EXPECT_NE(boot.find("\r\n+NITZ: "), std::string::npos) << boot;
  host.exchange("AT+CPIN?\r", "AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n");
}

TEST(FaultsAir780ep, CtlLinkVerbs) {
  TcpServer server;
  FaultBench bench(emulator_args({{"60.166.12.210:7500", server.port()}}, {"iot.example=10.9.9.9"}),
                   "links");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  for (int id = 0; id < 4; ++id) {
    host.exchange("AT+CIPSTART=" + std::to_string(id) + ",TCP,60.166.12.210,7500\r",
                  "\r\nOK\r\n\r\n" + std::to_string(id) + ", CONNECT OK\r\n");
    ASSERT_TRUE(server.wait_connections(static_cast<std::size_t>(id) + 1));
  }
  bench.ctl({"link", "0", "close"});
  host.expect("\r\n0, CLOSED\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  bench.ctl({"link", "1", "reset"});
  host.expect("\r\n1, CLOSED\r\n");
  EXPECT_TRUE(server.wait_peer_closed(1));
  bench.ctl({"link", "2", "blackhole"});
  send(host, 2, "void");
  EXPECT_FALSE(server.wait_received(2, 1, 200ms));
  EXPECT_EQ(link_entry(bench.status(), 2)["nat_lost"], true);
  const auto r = run_cellemu({"ctl", "--control", bench.control(), "link", "0", "reset"});
  EXPECT_EQ(r.exit_code, 1);  // link 0 is closed already
  bench.ctl({"reset-after", "4"});
  host.exchange("AT+CIPSEND=3,4\r", "\r\n> ");
  host.exchange("1234", "\r\n3, SEND OK\r\n\r\n3, CLOSED\r\n");  // the result, then the reset
  bench.ctl({"reset-after", "off"});

  bench.ctl({"dns", "fail"});
  host.exchange("AT+CIPSTART=4,TCP,iot.example,80\r", "\r\nOK\r\n\r\n4, CONNECT FAIL\r\n");
  host.exchange("AT+CDNSGIP=iot.example\r", "\r\nOK\r\n\r\n+CDNSGIP: 0,10\r\n");
  bench.ctl({"dns", "ok"});
  bench.ctl({"connect", "refuse"});
  host.exchange("AT+CIPSTART=4,TCP,60.166.12.210,7500\r", "\r\nOK\r\n\r\n4, CONNECT FAIL\r\n");
  bench.ctl({"connect", "timeout"});
  host.send("AT+CIPSTART=4,TCP,60.166.12.210,7500\r");
  host.expect("\r\nOK\r\n");
  EXPECT_EQ(host.read_until("CONNECT", 300ms), "");  // no --connect-timeout: it never ends
  EXPECT_EQ(link_entry(bench.status(), 4)["state"], "CONNECTING");
  EXPECT_EQ(server.connections(), 4u);
}

TEST(FaultsAir780ep, CtlNetVerbsShowInTheDataPath) {
  TcpServer server;
  FaultBench bench(emulator_args({{"112.125.89.8:37076", server.port()}}), "net");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  host.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  ASSERT_TRUE(server.wait_connections(1));
  bench.ctl({"net", "delay", "300"});
  const auto t0 = std::chrono::steady_clock::now();
  host.exchange("AT+CIPSEND=4\r", "\r\n> ");
  host.exchange("ping", "\r\nSEND OK\r\n");
  ASSERT_TRUE(server.wait_received(0, 4));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 300ms);
  const auto t1 = std::chrono::steady_clock::now();
  server.send(0, "pong");
  host.expect("pong\r\n");
  EXPECT_GE(std::chrono::steady_clock::now() - t1, 300ms);
  const auto s = bench.status();
  EXPECT_EQ(s["net"]["delay_ms"], 300);
  bench.ctl({"net", "clear"});
  bench.ctl({"net", "rate", "2000"});  // 1000 bytes take half a second
  const auto t2 = std::chrono::steady_clock::now();
  host.exchange("AT+CIPSEND=1000\r", "\r\n> ");
  host.exchange(std::string(1000, 'r'), "\r\nSEND OK\r\n");
  ASSERT_TRUE(server.wait_received(0, 1004));
  EXPECT_GE(std::chrono::steady_clock::now() - t2, 500ms);
  bench.ctl({"nat-idle", "1s"});
  bench.ctl({"net", "clear"});
  ASSERT_TRUE(bench.wait_status(
      [](const nlohmann::json& st) { return link_entry(st, 0)["nat_lost"] == true; }));
  host.exchange("AT+CIPSEND=4\r", "\r\n> ");
  host.exchange("gone", "\r\nSEND OK\r\n");
  EXPECT_FALSE(server.wait_received(0, 1005, 300ms));
}

// Connection-level log lines (core::log_connection) for connect, failure, close and NAT loss.
TEST(FaultsAir780ep, ConnectionLogLines) {
  TcpServer server;
  FaultBench bench(emulator_args({{"60.166.12.210:7500", server.port()}}, {}, "info"), "logs");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=0,TCP,60.166.12.210,7500\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  bench.ctl({"link", "0", "reset"});
  host.expect("\r\n0, CLOSED\r\n");
  host.exchange("AT+CIPSTART=1,TCP,60.166.12.210,7500\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  bench.ctl({"link", "1", "blackhole"});
  bench.ctl({"connect", "refuse"});
  host.exchange("AT+CIPSTART=2,TCP,60.166.12.210,7500\r", "\r\nOK\r\n\r\n2, CONNECT FAIL\r\n");
  host.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  EXPECT_EQ(bench.emulator().terminate(), 0);
  const std::string logs = bench.emulator().logs();
  const std::string peer = "modem=modem0 link=";
  for (const std::string line :
       {"0 proto=TCP peer=60.166.12.210:7500 event=connect result=\"0, CONNECT OK\"",
        "0 proto=TCP peer=60.166.12.210:7500 event=close result=\"0, CLOSED\" "
        "detail=\"reset by peer\"",
        "1 proto=TCP peer=60.166.12.210:7500 event=nat-lost result=\"traffic silently dropped\"",
        "2 proto=TCP peer=60.166.12.210:7500 event=connect result=\"2, CONNECT FAIL\" "
        "detail=\"connection refused\"",
        "1 proto=TCP peer=60.166.12.210:7500 event=close result=\"SHUT OK\""}) {
    EXPECT_NE(logs.find(peer + line), std::string::npos) << line << "\n" << logs;
  }
}

// A scenario file drives link faults with both trigger kinds: a time from the start (30 emulated
// seconds, one real second at 30x) and a command the host sent (plus a delay).
TEST(FaultsAir780ep, ScenarioDrivesLinkFaults) {
  TcpServer server;
  const std::string file = temp_path("link-scenario") + ".yaml";
  write_text_file(file,
                  "events:\n"
                  "  - at: 30s\n"
                  "    do: link 1 close\n"
                  "  - after: AT+CIPSEND\n"
                  "    delay: 3s\n"
                  "    do: link 0 reset\n");
  auto args = emulator_args({{"60.166.12.210:7500", server.port()}});
  args.insert(args.end(), {"--scenario", file, "--time-scale", "30"});
  EmulatorProcess emu(args);
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=1,TCP,60.166.12.210,7500\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  host.expect("\r\n1, CLOSED\r\n");  // at 30 s
  EXPECT_TRUE(server.wait_peer_closed(0));
  host.exchange("AT+CIPSTART=0,TCP,60.166.12.210,7500\r", "\r\nOK\r\n\r\n0, CONNECT OK\r\n");
  send(host, 0, "data");
  host.expect("\r\n0, CLOSED\r\n");  // 3 s after the AT+CIPSEND
  EXPECT_TRUE(server.wait_peer_closed(1));
  EXPECT_TRUE(server.wait_received(1, 4));
}

}  // namespace
}  // namespace cellemu::testing
