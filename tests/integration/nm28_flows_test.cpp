// The NM28 end to end: the real binary, its pty and real loopback peers, following the worked
// flows of S3 §3 and the socket life cycle (nm28.md).
#include <regex>

#include <boost/asio/ip/udp.hpp>

#include "tests/integration/nm28_host.h"

namespace cellemu::testing {
namespace {

// S3 §3.1 "TCP 连接服务器收发数据示例", framing as nm28.md §4 resolves it.
TEST(Nm28Flows, SeedSection31TcpExample) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_connections(1));
  host.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");  // buffer mode
  host.exchange("AT+IPSEND=1,10\r", "\r\nNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
  host.exchange("1234567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  server.send(0, "ABCDEFGHIJ");
  host.expect("\r\nIPREAD: 1\r\n");
  host.exchange("AT+IPRD=1,10\r", "\r\n+IPRD: 1,10\r\nABCDEFGHIJ\r\nOK\r\n");
  host.exchange("AT+IPSWTMD=1,1\r", "\r\nOK\r\n");  // direct mode
  host.exchange("AT+IPSENDEX=1,\"313233\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  server.send(0, "ABCDEFGHIJ");
  host.expect("\r\n+IPURC: \"recv\",1,10\r\nABCDEFGHIJ");
  host.exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");  // transparent mode
  host.send("123456789");
  ASSERT_TRUE(server.wait_received(0, 22));
  host.escape();
  host.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
  EXPECT_EQ(server.received(0), "1234567890123123456789");
  EXPECT_TRUE(host.idle());
}

TEST(Nm28Flows, SeedSection29DnsWithEcho) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("ATE1\r", "\r\nOK\r\n");
  host.exchange("AT+IPDNSR=\"www.baidu.com\"\r",
                "AT+IPDNSR=\"www.baidu.com\"\r\r\n+IPDNSR:\"14.215.177.39\"\r\n"
                "+IPDNSR:\"14.215.177.38\"\r\n\r\nOK\r\n");
  host.exchange("AT+IPDNSR=\"nowhere.invalid\"\r", "AT+IPDNSR=\"nowhere.invalid\"\r\r\nERROR\r\n");
}

TEST(Nm28Flows, PeerCloseAndReset) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  for (int id : {1, 2}) {
    host.exchange("AT+IPOPEN=" + std::to_string(id) + ",\"TCP\",\"139.159.199.233\",46000,0,0\r",
                  "\r\nOK\r\n\r\n+IPOPEN: " + std::to_string(id) + ",0\r\n");
  }
  ASSERT_TRUE(server.wait_connections(2));
  server.close(0);  // FIN
  host.expect("\r\n+IPURC: \"closed\",1\r\n");
  server.reset(1);  // RST
  host.expect("\r\n+IPURC: \"closed\",2\r\n");
  host.exchange("AT+IPSTATE=1,1\r",
                "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,4,1\r\n\r\nOK\r\n");
  host.exchange("AT+IPSEND=2,1\r", "\r\nERROR\r\n");
  host.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  host.exchange("AT+IPCLOSE=2\r", "\r\n+IPCLOSE: 2\r\n\r\nOK\r\n");
  host.exchange("AT+IPSTATE=1,2\r", "\r\n+IPSTATE: 2,TCP,,0,0,0,0\r\n\r\nOK\r\n");
}

TEST(Nm28Flows, RefusedPortAndUnresolvableName) {  // OQ-44 statuses
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+IPOPEN=0,\"TCP\",\"127.0.0.1\"," + std::to_string(refused_port()) + ",0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 0,566\r\n");
  host.exchange("AT+IPOPEN=0,\"TCP\",\"nowhere.invalid\",80,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 0,565\r\n");
  host.exchange("AT+IPSTATE=1,0\r", "\r\n+IPSTATE: 0,TCP,,0,0,0,0\r\n\r\nOK\r\n");
}

// "+IPURC: \"incoming\",<id>,<listener>,\"<ip>\",<port>" (QA analogy, see Nm28Model).
void expect_incoming(Nm28Host& host, int id, int listener) {
  host.expect("\r\n+IPURC: \"incoming\"," + std::to_string(id) + "," + std::to_string(listener) +
              ",\"127.0.0.1\",");
  const std::string port = host.until("\r\n");
  EXPECT_TRUE(std::regex_match(port, std::regex("\\d+\r\n"))) << port;
}

TEST(Nm28Flows, ListenerAcceptsTwoRealClients) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+IPOPEN=5,\"TCP LISTENER\",\"127.0.0.1\",0,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 5,0\r\n");
  const std::uint16_t port = bound_port(host, 5, "TCP LISTENER");
  ASSERT_NE(port, 0);
  TcpClient a(port);
  ASSERT_TRUE(a.connected());
  expect_incoming(host, 0, 5);
  TcpClient b(port);
  ASSERT_TRUE(b.connected());
  expect_incoming(host, 1, 5);
  a.send("from a");
  host.expect("\r\n+IPURC: \"recv\",0,6\r\nfrom a");
  b.send("from b");
  host.expect("\r\n+IPURC: \"recv\",1,6\r\nfrom b");
  host.exchange("AT+IPSENDEX=1,\"746f2062\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  host.exchange("AT+IPSEND=0,4\r", "\r\nNETWRITE: 0,4\r\n\r\nCONNECT\r\n");
  host.exchange("to a", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  EXPECT_EQ(a.read_exact(4), "to a");
  EXPECT_EQ(b.read_exact(4), "to b");
  host.exchange("AT+IPCLOSE=0\r", "\r\n+IPCLOSE: 0\r\n\r\nOK\r\n");
  EXPECT_TRUE(a.wait_closed());
  b.close();
  host.expect("\r\n+IPURC: \"closed\",1\r\n");
  host.exchange("AT+IPCLOSE=5\r", "\r\n+IPCLOSE: 5\r\n\r\nOK\r\n");
  EXPECT_FALSE(TcpClient(port).connected());
}

TEST(Nm28Flows, UdpService) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+IPOPEN=6,\"UDP SERVICE\",\"127.0.0.1\",0,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 6,0\r\n");
  const std::uint16_t port = bound_port(host, 6, "UDP SERVICE");
  ASSERT_NE(port, 0);
  namespace ip = boost::asio::ip;
  boost::asio::io_context io;
  const ip::udp::endpoint service(ip::make_address("127.0.0.1"), port);
  ip::udp::socket first(io, {ip::make_address("127.0.0.1"), 0});
  ip::udp::socket second(io, {ip::make_address("127.0.0.1"), 0});
  first.send_to(boost::asio::buffer(std::string("one")), service);
  host.expect("\r\n+IPURC: \"recv\",6,3\r\none");
  second.send_to(boost::asio::buffer(std::string("two!")), service);
  host.expect("\r\n+IPURC: \"recv\",6,4\r\ntwo!");
  host.exchange("AT+IPSEND=6,5\r", "\r\nNETWRITE: 6,5\r\n\r\nCONNECT\r\n");
  host.exchange("reply", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");  // to the last sender
  char buf[64];
  ip::udp::endpoint from;
  const std::size_t n = second.receive_from(boost::asio::buffer(buf), from);
  EXPECT_EQ(std::string(buf, n), "reply");
  EXPECT_EQ(from.port(), port);
  host.exchange("AT+IPSWTMD=6,0\r", "\r\nOK\r\n");
  first.send_to(boost::asio::buffer(std::string("kept")), service);
  host.expect("\r\nIPREAD: 6\r\n");
  host.exchange("AT+IPRD=6,100\r", "\r\n+IPRD: 6,4\r\nkept\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
