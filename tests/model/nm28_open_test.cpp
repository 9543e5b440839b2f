// NM28 socket lifetime: AT+IPOPEN, AT+IPCLOSE, AT+IPSTATE, AT+IPDNSR, peer close, listeners
// (conformance-cases.md section N; [I] cases name their OQ).
#include <regex>

#include <boost/asio/ip/udp.hpp>

#include "tests/model/nm28_transcript.h"

namespace cellemu::testing {
namespace {
using namespace std::chrono_literals;

// Waits until the output holds `marker` and ends a line after it; returns (and consumes)
// everything said so far.
std::string take_until(Transcript& t, std::string_view marker) {
  t.poll_until([&] {
    const std::string& out = t.channel->output();
    const auto at = out.find(marker);
    return at != std::string::npos && out.find("\r\n", at) != std::string::npos;
  });
  return t.take();
}

void expect_match(const std::string& text, const std::string& pattern) {
  EXPECT_TRUE(std::regex_match(text, std::regex(pattern))) << text;
}

std::string initial_row(int id) {
  return "+IPSTATE: " + std::to_string(id) + ",TCP,,0,0,0,0";
}

TEST(Nm28Open, N001_OpenTcp) {
  Nm28Transcript x;
  x.t.exchange(kOpenSocket1, "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
  EXPECT_TRUE(x.server.wait_connections(1));
}

TEST(Nm28Open, N002_OpenTestCommand) {
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN=?\r",
               "\r\n+IPOPEN: (0-7),\"TCP/UDP/TCP LISTENER/UDP SERVICE\",\"IP_address/domain_name\","
               "<remote_port>,<local_port>,(0-1)\r\n\r\nOK\r\n");
}

TEST(Nm28Open, N003_OpenReadCommand) {
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN?\r", "\r\nOK\r\n");
}

TEST(Nm28Open, N004_SocketIdOutOfRange) {
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN=8,\"TCP\",\"139.159.199.233\",46000,0,0\r", "\r\nERROR\r\n");
}

TEST(Nm28Open, SocketInUseIsRefusedSynchronously) {  // nm28.md §3.1
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange(kOpenSocket1, "\r\nERROR\r\n");
}

TEST(Nm28Open, BadParametersAreError) {
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN=1,\"SCTP\",\"139.159.199.233\",46000,0,0\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",65536,0,0\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPOPEN=1,\"TCP\",\"\",46000,0,0\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,2\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPOPEN=1,\"UDP\",\"139.159.199.233\",46000,0,1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPOPEN\r", "\r\nERROR\r\n");
}

TEST(Nm28Open, SslEnableMayBeOmitted) {  // S3 §2.1 "0 关（默认）"
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0\r",
               "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
}

TEST(Nm28Open, UnresolvableNameIs565) {  // [I] OQ-44
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"no.such.host\",80,0,0\r", "\r\nOK\r\n\r\n+IPOPEN: 2,565\r\n");
  x.t.exchange("AT+IPSTATE=1,2\r", "\r\n" + initial_row(2) + "\r\n\r\nOK\r\n");
}

TEST(Nm28Open, RefusedConnectIs566) {  // [I] OQ-44
  Nm28Transcript x;
  const std::string port = std::to_string(refused_port());
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"127.0.0.1\"," + port + ",0,0\r",
               "\r\nOK\r\n\r\n+IPOPEN: 2,566\r\n");
  x.t.exchange("AT+IPOPEN=2,\"TCP\",\"127.0.0.1\"," + port + ",0,0\r",  // the id is free again
               "\r\nOK\r\n\r\n+IPOPEN: 2,566\r\n");
}

TEST(Nm28Open, WithoutNetworkOkThen566AfterOneSecond) {  // [I] OQ-42
  Nm28Transcript x;
  x.model().set_registration(models::RegStatus::Searching);
  x.t.exchange(kOpenSocket1, "\r\nOK\r\n");
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,1,1\r\n\r\nOK\r\n");
  x.t.advance(999ms);
  x.t.expect_quiet();
  x.t.advance(1ms);
  x.t.expect("\r\n+IPOPEN: 1,566\r\n");
  EXPECT_EQ(x.server.connections(), 0u);
}

TEST(Nm28Open, WithoutNetworkKnobAnswersError) {  // OQ-42 knob
  Nm28Transcript x(Nm28Options{
      .profile = [](models::Profile& p) { p.ipopen_sync_error_without_network = true; }});
  x.model().set_registration(models::RegStatus::Searching);
  x.t.exchange(kOpenSocket1, "\r\nERROR\r\n");
}

TEST(Nm28Open, CloseWhileOpeningSuppressesTheResult) {
  Nm28Transcript x;
  x.model().set_registration(models::RegStatus::Searching);
  x.t.exchange(kOpenSocket1, "\r\nOK\r\n");
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  x.t.advance(2s);
  x.t.expect_quiet();
}

TEST(Nm28Open, N018_Close) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  EXPECT_TRUE(x.server.wait_peer_closed(0));
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n" + initial_row(1) + "\r\n\r\nOK\r\n");
}

TEST(Nm28Open, N019_CloseTest) {
  Nm28Transcript x;
  x.t.exchange("AT+IPCLOSE=?\r", "\r\n+IPCLOSE: (0-7)\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPCLOSE?\r", "\r\nOK\r\n");
}

TEST(Nm28Open, N020_CloseASocketThatIsNotOpen) {  // [I] OQ-45
  Nm28Transcript x;
  x.t.exchange("AT+IPCLOSE=5\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPCLOSE=8\r", "\r\nERROR\r\n");
}

TEST(Nm28Open, N026_SocketStateOneSocket) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,2,0\r\n\r\nOK\r\n");
}

TEST(Nm28Open, N027_SocketStateUnusedSocket) {
  Nm28Transcript x;
  x.t.exchange("AT+IPSTATE=1,0\r", "\r\n+IPSTATE: 0,TCP,,0,0,0,0\r\n\r\nOK\r\n");
}

TEST(Nm28Open, N028_SocketStateAll) {  // [I] OQ-56
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  std::string rows;
  for (int id = 0; id < 8; ++id) {
    rows += id == 1 ? "+IPSTATE: 1,TCP,139.159.199.233,46000,0,2,0" : initial_row(id);
    rows += "\r\n";
  }
  x.t.exchange("AT+IPSTATE=2,0\r", "\r\n" + rows + "\r\nOK\r\n");
  x.t.exchange("AT+IPSTATE=2\r", "\r\n" + rows + "\r\nOK\r\n");
  x.t.exchange("AT+IPSTATE?\r", "\r\n" + rows + "\r\nOK\r\n");
}

TEST(Nm28Open, N029_StateTest) {
  Nm28Transcript x;
  x.t.exchange("AT+IPSTATE=?\r", "\r\n+IPSTATE:(1-2),(0-7)\r\n\r\nOK\r\n");
}

TEST(Nm28Open, StateBadArgumentsAreError) {
  Nm28Transcript x;
  x.t.exchange("AT+IPSTATE=1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSTATE=3,1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSTATE=1,8\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPSTATE\r", "\r\nERROR\r\n");
}

TEST(Nm28Open, N034_PeerClose) {  // [I] OQ-57
  Nm28Transcript x;
  x.open_socket1();
  x.server.close(0);
  x.t.expect("\r\n+IPURC: \"closed\",1\r\n");
  x.t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,4,1\r\n\r\nOK\r\n");
  x.t.exchange(kOpenSocket1, "\r\nERROR\r\n");  // CLOSING until AT+IPCLOSE
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  x.open_socket1();
}

TEST(Nm28Open, PeerResetIsAClose) {
  Nm28Transcript x;
  x.open_socket1();
  x.server.reset(0);
  x.t.expect("\r\n+IPURC: \"closed\",1\r\n");
}

TEST(Nm28Open, DetachClosesSockets) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+CGATT=0\r", "\r\nOK\r\n\r\n+IPURC: \"closed\",1\r\n");
  EXPECT_TRUE(x.server.wait_peer_closed(0));
}

TEST(Nm28Open, CmeeNeverChangesTheErrorForm) {  // [I] OQ-8
  Nm28Transcript x;
  x.t.exchange("AT+CMEE=2\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPCLOSE=5\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPOPEN=9,\"TCP\",\"1.2.3.4\",1,0,0\r", "\r\nERROR\r\n");
}

TEST(Nm28Open, N030_Dns) {
  Nm28Transcript x(Nm28Options{.echo = true});
  x.t.exchange("AT+IPDNSR=\"www.baidu.com\"\r",
               "AT+IPDNSR=\"www.baidu.com\"\r\r\n+IPDNSR:\"14.215.177.39\"\r\n"
               "+IPDNSR:\"14.215.177.38\"\r\n\r\nOK\r\n");
}

TEST(Nm28Open, DnsReturnsIpv6AndFailsCleanly) {  // [I] OQ-58
  Nm28Transcript x(Nm28Options{
      .net = [](net::NetConfig& n) { n.add_host("dual.example=2001:db8::7,192.0.2.7"); }});
  x.t.exchange("AT+IPDNSR=\"dual.example\"\r",
               "\r\n+IPDNSR:\"2001:db8::7\"\r\n+IPDNSR:\"192.0.2.7\"\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPDNSR=\"no.such.host\"\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPDNSR=\"\"\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPDNSR?\r", "\r\nOK\r\n");
}

TEST(Nm28Open, OpenByNameFromTheModuleDns) {
  TcpServer other;
  Nm28Transcript x(
      Nm28Options{.net = [](net::NetConfig& n) { n.add_host("device.example=127.0.0.1"); }});
  x.t.exchange("AT+IPOPEN=0,\"TCP\",\"device.example\"," + std::to_string(other.port()) + ",0,0\r",
               "\r\nOK\r\n\r\n+IPOPEN: 0,0\r\n");
  EXPECT_TRUE(other.wait_connections(1));
  x.t.exchange("AT+IPSTATE=1,0\r", "\r\n+IPSTATE: 0,TCP,127.0.0.1," + std::to_string(other.port()) +
                                       ",0,2,1\r\n\r\nOK\r\n");
}

// The listener binds --module-listen-address:<Local_Port>; with 0 the host picks the port and
// AT+IPSTATE tells it.
std::uint16_t open_listener(Nm28Transcript& x, int id, int mode = 1) {
  const std::string sid = std::to_string(id);
  x.t.exchange("AT+IPOPEN=" + sid + ",\"TCP LISTENER\",\"127.0.0.1\",0,0,0\r",
               "\r\nOK\r\n\r\n+IPOPEN: " + sid + ",0\r\n");
  if (mode != 1) {
    x.t.exchange("AT+IPSWTMD=" + sid + "," + std::to_string(mode) + "\r", "\r\nOK\r\n");
  }
  x.t.send("AT+IPSTATE=1," + sid + "\r");
  const std::string row = take_until(x.t, "OK\r\n");
  std::smatch m;
  const std::regex re("\\+IPSTATE: " + sid + ",TCP LISTENER,127\\.0\\.0\\.1,0,(\\d+),3," +
                      std::to_string(mode) + "\r\n");
  EXPECT_TRUE(std::regex_search(row, m, re)) << row;
  return static_cast<std::uint16_t>(std::stoi(m[1]));
}

TEST(Nm28Open, ListenerAcceptsIntoFreeSockets) {
  Nm28Transcript x;
  const std::uint16_t port = open_listener(x, 3);
  TcpClient a(port);
  ASSERT_TRUE(a.connected());
  expect_match(take_until(x.t, "\"incoming\""),
               "\r\n\\+IPURC: \"incoming\",0,3,\"127\\.0\\.0\\.1\",\\d+\r\n");
  a.send("hello");
  x.t.expect("\r\n+IPURC: \"recv\",0,5\r\nhello");
  x.t.exchange("AT+IPSEND=0,3\r", "\r\nNETWRITE: 0,3\r\n\r\nCONNECT\r\n");
  x.t.exchange("abc", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  EXPECT_EQ(a.read_exact(3), "abc");
  TcpClient b(port);
  expect_match(take_until(x.t, "\"incoming\""),
               "\r\n\\+IPURC: \"incoming\",1,3,\"127\\.0\\.0\\.1\",\\d+\r\n");
  x.t.send("AT+IPSTATE=1,1\r");
  const std::string row = take_until(x.t, "OK\r\n");
  EXPECT_TRUE(std::regex_search(row, std::regex("\\+IPSTATE: 1,TCP INCOMING,127\\.0\\.0\\.1,\\d+," +
                                                std::to_string(port) + ",2,1\r\n")))
      << row;
  a.close();
  x.t.expect("\r\n+IPURC: \"closed\",0\r\n");
  x.t.exchange("AT+IPCLOSE=3\r", "\r\n+IPCLOSE: 3\r\n\r\nOK\r\n");  // the connections stay
  b.send("x");
  x.t.expect("\r\n+IPURC: \"recv\",1,1\r\nx");
}

TEST(Nm28Open, ListenerWithoutFreeSocketRefuses) {  // QA analogy "incoming full"
  Nm28Transcript x;
  const std::uint16_t port = open_listener(x, 0, 0);  // connections start in buffer mode
  std::vector<std::unique_ptr<TcpClient>> clients;
  for (int id = 1; id < 8; ++id) {
    clients.push_back(std::make_unique<TcpClient>(port));
    expect_match(take_until(x.t, "\"incoming\""),
                 "\r\n\\+IPURC: \"incoming\"," + std::to_string(id) + ",0,\"[0-9.]+\",\\d+\r\n");
  }
  TcpClient extra(port);
  EXPECT_EQ(take_until(x.t, "full"), "\r\n+IPURC: \"incoming full\"\r\n");
  EXPECT_TRUE(extra.wait_closed());
  clients[0]->send("abc");
  x.t.expect("\r\nIPREAD: 1\r\n");
}

TEST(Nm28Open, ListenerOnAPortInUseFails) {  // [I] OQ-44 status 566
  Nm28Transcript x;
  const std::string taken = std::to_string(x.server.port());
  x.t.exchange("AT+IPOPEN=3,\"TCP LISTENER\",\"127.0.0.1\",0," + taken + ",0\r",
               "\r\nOK\r\n\r\n+IPOPEN: 3,566\r\n");
  x.t.exchange("AT+IPSTATE=1,3\r", "\r\n" + initial_row(3) + "\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPOPEN=3,\"TCP LISTENER\",\"127.0.0.1\",0,0,1\r", "\r\nERROR\r\n");  // no TLS
}

TEST(Nm28Open, UdpServiceHearsAnySenderAndAnswersTheLast) {
  Nm28Transcript x;
  x.t.exchange("AT+IPOPEN=4,\"UDP SERVICE\",\"127.0.0.1\",0,0,0\r",
               "\r\nOK\r\n\r\n+IPOPEN: 4,0\r\n");
  x.t.send("AT+IPSTATE=1,4\r");
  const std::string row = take_until(x.t, "OK\r\n");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      row, m, std::regex("\\+IPSTATE: 4,UDP SERVICE,127\\.0\\.0\\.1,0,(\\d+),3,1\r\n")))
      << row;
  boost::asio::io_context io;
  boost::asio::ip::udp::socket peer(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const boost::asio::ip::udp::endpoint service(boost::asio::ip::make_address("127.0.0.1"),
                                               static_cast<std::uint16_t>(std::stoi(m[1])));
  x.t.exchange("AT+IPSENDEX=4,\"00\"\r", "\r\nSEND FAIL\r\n\r\nOK\r\n");  // nobody to answer yet
  peer.send_to(boost::asio::buffer(std::string("hello")), service);
  x.t.expect("\r\n+IPURC: \"recv\",4,5\r\nhello");
  x.t.exchange("AT+IPSENDEX=4,\"6869\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  char buf[16];
  boost::asio::ip::udp::endpoint from;
  const std::size_t n = peer.receive_from(boost::asio::buffer(buf), from);
  EXPECT_EQ(std::string(buf, n), "hi");
}

TEST(Nm28Open, UdpClientSendsDatagramsAndReceivesPushes) {
  UdpServer echo(true);
  Nm28Transcript x(Nm28Options{.net = [port = echo.port()](net::NetConfig& n) {
    n.routes.push_back(*net::Route::parse("1.2.3.4:5000=127.0.0.1:" + std::to_string(port)));
  }});
  x.t.exchange("AT+IPOPEN=2,\"UDP\",\"1.2.3.4\",5000,0,0\r", "\r\nOK\r\n\r\n+IPOPEN: 2,0\r\n");
  x.t.exchange("AT+IPSEND=2,4\r", "\r\nNETWRITE: 2,4\r\n\r\nCONNECT\r\n");
  // The echo is held while the send runs and follows its OK.
  x.t.exchange("ping", "\r\nSEND SUCCESS\r\n\r\nOK\r\n\r\n+IPURC: \"recv\",2,4\r\nping");
  ASSERT_TRUE(echo.wait_datagrams(1));
  EXPECT_EQ(echo.datagrams()[0], "ping");
  x.t.exchange("AT+IPSTATE=1,2\r", "\r\n+IPSTATE: 2,UDP,1.2.3.4,5000,0,2,1\r\n\r\nOK\r\n");
}

TEST(Nm28Open, RealTimingDelaysTheOpen) {  // air780ep.md §12 timing profile
  Nm28Transcript x(
      Nm28Options{.profile = [](models::Profile& p) { p.timing = models::Timing::module_like(); }});
  x.t.advance(10ms);  // the OK of the harness's ATE0
  x.t.take();
  x.t.send(kOpenSocket1);
  x.t.expect_quiet();
  x.t.advance(10ms);
  x.t.expect("\r\nOK\r\n");
  x.t.advance(89ms);
  x.t.expect_quiet();
  x.t.advance(1ms);
  x.t.expect("\r\n+IPOPEN: 1,0\r\n");
}

}  // namespace
}  // namespace cellemu::testing
