// Issue 14 through the real binary: a fault stays in its modem (item 4), the destination filter
// has no gaps (items 5, 6, and DNS from 9), and an idle --listen client does not hold the slot
// forever (9). The host that never reads is in hardening_flood_test.cpp, --fs-dir in
// hardening_fs_test.cpp.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>

#include "tests/integration/air780ep_pty_util.h"
#include "tests/integration/nm28_host.h"
#include "tests/support/fixture_support.h"

namespace cellemu::testing {
namespace {

// A socket bound to `source`, e.g. 127.0.0.2 (as local as 127.0.0.1 on Linux).
int socket_from(int type, const char* source) {
  const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &addr.sin_addr);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  return fd;
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  return to;
}

// One datagram or read within the deadline; -1 if none came.
ssize_t recv_within(int fd, char* buf, std::size_t size, std::chrono::milliseconds deadline = 5s) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(deadline.count())) <= 0) return -1;
  return ::recv(fd, buf, size, 0);
}

// True when the peer closes `fd` (EOF or reset) before the deadline.
bool closed_by_peer(int fd, std::chrono::milliseconds deadline = 5s) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(deadline.count())) <= 0) return false;
  char c = 0;
  return ::recv(fd, &c, 1, 0) <= 0;
}

// --- item 4: a fault stays in its modem -------------------------------------------------------

TEST(HardeningFaults, AnExceptionInOneModemLeavesTheOthersAnswering) {
  EmulatorProcess emu({"--model", "air780ep", "--log-level", "warn", "--count", "3", "--threads",
                       "1", "--test-throw-on", "+TESTFAULT"},
                      3);
  ASSERT_TRUE(emu.started());
  std::vector<std::unique_ptr<PtyClient>> hosts;
  for (std::size_t i = 0; i < 3; ++i) {
    hosts.push_back(std::make_unique<PtyClient>(emu.pty(i)));
    hosts.back()->discard_input();
  }
  hosts[1]->exchange("AT+TESTFAULT\r", "AT+TESTFAULT\r\r\nERROR\r\n");
  for (auto& host : hosts) host->exchange("AT\r", "AT\r\r\nOK\r\n");
  hosts[1]->exchange("AT+TESTFAULT\r", "AT+TESTFAULT\r\r\nERROR\r\n");
  hosts[0]->exchange("AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 23,0\r\n\r\nOK\r\n");
  EXPECT_TRUE(emu.running());
  const std::string logs = emu.logs();
  EXPECT_NE(logs.find("modem1: internal error in host input: test fault hook"), std::string::npos)
      << logs;
  EXPECT_EQ(logs.find("modem0: internal error"), std::string::npos) << logs;
}

// --- item 5: the unspecified address and IPv4-mapped IPv6 -----------------------------------

TEST(HardeningFilter, TheUnspecifiedAddressCannotReachADeniedLoopback) {
  TcpServer server;
  UdpServer udp;
  const std::string tcp_port = std::to_string(server.port());
  const std::string udp_port = std::to_string(udp.port());
  // System DNS: "0" is what getaddrinfo turns into 0.0.0.0.
  EmulatorProcess emu({"--model", "air780ep", "--log-level", "warn", "--deny", "127.0.0.0/8"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  air780ep_pty::read_power_up(host);
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  const std::vector<std::pair<std::string, std::string>> sneaky = {
      {"TCP", "0.0.0.0"},          {"TCP", "0"},       {"TCP", "::"},
      {"TCP", "::ffff:127.0.0.1"}, {"UDP", "0.0.0.0"}, {"UDP", "::"}};
  for (std::size_t id = 0; id < sneaky.size(); ++id) {
    const auto& [proto, where] = sneaky[id];
    const std::string n = std::to_string(id);
    host.exchange("AT+CIPSTART=" + n + ",\"" + proto + "\",\"" + where + "\"," +
                      (proto == "TCP" ? tcp_port : udp_port) + "\r",
                  "\r\nOK\r\n\r\n" + n + ", CONNECT FAIL\r\n");
  }
  EXPECT_EQ(server.connections(), 0u);

  EmulatorProcess nm28({"--model", "nm28", "--log-level", "warn", "--deny", "127.0.0.0/8"});
  ASSERT_TRUE(nm28.started());
  Nm28Host module(nm28.pty());
  module.exchange("AT+IPOPEN=1,\"TCP\",\"0.0.0.0\"," + tcp_port + ",0,0\r",
                  "\r\nOK\r\n\r\n+IPOPEN: 1,566\r\n");
  module.exchange("AT+IPOPEN=2,\"UDP\",\"0.0.0.0\"," + udp_port + ",0,0\r",
                  "\r\nOK\r\n\r\n+IPOPEN: 2,566\r\n");
  EXPECT_EQ(server.connections(), 0u);
  EXPECT_TRUE(udp.datagrams().empty());
}

// --- item 6: the module's listeners and UDP services ----------------------------------------

TEST(HardeningFilter, Nm28ListenerAndUdpServiceRefuseWhatAllowForbids) {
  EmulatorProcess emu({"--model", "nm28", "--log-level", "warn", "--allow", "127.0.0.1/32"});
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+IPOPEN=6,\"UDP SERVICE\",\"127.0.0.1\",0,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 6,0\r\n");
  const sockaddr_in service = loopback(bound_port(host, 6, "UDP SERVICE"));
  const int stranger = socket_from(SOCK_DGRAM, "127.0.0.2");
  const int friendly = socket_from(SOCK_DGRAM, "127.0.0.1");
  auto send = [&service](int fd, std::string_view what) {
    ::sendto(fd, what.data(), what.size(), 0, reinterpret_cast<const sockaddr*>(&service),
             sizeof service);
  };
  send(stranger, "evil");
  send(friendly, "good");  // loopback keeps the order: had "evil" passed, it would come first
  host.expect("\r\n+IPURC: \"recv\",6,4\r\ngood");
  host.exchange("AT+IPSEND=6,5\r", "\r\nNETWRITE: 6,5\r\n\r\nCONNECT\r\n");
  host.exchange("reply", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");  // to the last allowed sender
  char buf[16] = {};
  EXPECT_EQ(recv_within(friendly, buf, sizeof buf), 5);
  EXPECT_EQ(::recv(stranger, buf, sizeof buf, MSG_DONTWAIT), -1);
  ::close(stranger);
  ::close(friendly);

  host.exchange("AT+IPOPEN=5,\"TCP LISTENER\",\"127.0.0.1\",0,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 5,0\r\n");
  const sockaddr_in listener = loopback(bound_port(host, 5, "TCP LISTENER"));
  const int intruder = socket_from(SOCK_STREAM, "127.0.0.2");
  ASSERT_EQ(::connect(intruder, reinterpret_cast<const sockaddr*>(&listener), sizeof listener), 0);
  EXPECT_TRUE(closed_by_peer(intruder));
  ::close(intruder);
  const int guest = socket_from(SOCK_STREAM, "127.0.0.1");
  ASSERT_EQ(::connect(guest, reinterpret_cast<const sockaddr*>(&listener), sizeof listener), 0);
  host.expect("\r\n+IPURC: \"incoming\",0,5,\"127.0.0.1\",");
  host.until("\r\n");
  ::close(guest);
  EXPECT_NE(emu.logs().find("refused 127.0.0.2"), std::string::npos) << emu.logs();
  EXPECT_NE(emu.logs().find("dropped a datagram from 127.0.0.2"), std::string::npos) << emu.logs();
}

// --- item 9: DNS within the filter, and --listen-idle --------------------------------------

TEST(HardeningFilter, DnsAnswersOnlyWhatTheFilterAllows) {
  const std::vector<std::string> net = {"--dns",  "static",
                                        "--host", "outside.example=10.9.9.9",
                                        "--host", "inside.example=127.0.0.1",
                                        "--deny", "10.0.0.0/8"};
  std::vector<std::string> args = {"--model", "air780ep", "--log-level", "warn"};
  args.insert(args.end(), net.begin(), net.end());
  EmulatorProcess emu(args);
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  air780ep_pty::read_power_up(host);
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  host.exchange("AT+CSTT\r", "\r\nOK\r\n");
  host.exchange("AT+CIICR\r", "\r\nOK\r\n");
  host.exchange("AT+CIFSR\r", "\r\n10.17.70.180\r\n");
  host.exchange("AT+CDNSGIP=\"outside.example\"\r", "\r\nOK\r\n\r\n+CDNSGIP: 0,10\r\n");
  host.exchange("AT+CDNSGIP=\"inside.example\"\r",
                "\r\nOK\r\n\r\n+CDNSGIP: 1,\"inside.example\",\"127.0.0.1\"\r\n");

  args[1] = "nm28";
  EmulatorProcess nm28(args);
  ASSERT_TRUE(nm28.started());
  Nm28Host module(nm28.pty());
  module.exchange("AT+IPDNSR=\"outside.example\"\r", "\r\nERROR\r\n");
  module.exchange("AT+IPDNSR=\"inside.example\"\r", "\r\n+IPDNSR:\"127.0.0.1\"\r\n\r\nOK\r\n");
}

// A client that sends nothing for 30 s (emulated: 0.6 s at --time-scale 50) is let go, and the
// next one gets the modem instead of BUSY.
TEST(HardeningListen, AnIdleClientIsDisconnectedSoTheNextOneGetsIn) {
  EmulatorProcess emu({"--model", "air780ep", "--log-level", "info", "--listen", "127.0.0.1:0",
                       "--listen-idle", "30s", "--time-scale", "50"});
  ASSERT_TRUE(emu.started());
  const std::uint16_t port = parse_modem_line(emu.pty()).tcp_port;
  ASSERT_NE(port, 0);
  TcpClient forgotten(port);
  ASSERT_TRUE(forgotten.connected());
  EXPECT_TRUE(forgotten.wait_closed(5s));
  TcpClient next(port);
  ASSERT_TRUE(next.connected());
  next.send("AT\r");
  EXPECT_EQ(next.read_exact(9), "AT\r\r\nOK\r\n");
  EXPECT_NE(emu.logs().find("sent nothing for"), std::string::npos) << emu.logs();
}

}  // namespace
}  // namespace cellemu::testing
