// NM28 receiving: buffer mode with IPREAD/AT+IPRD, direct push, the module's receive buffer and
// backpressure towards slow hosts (conformance-cases.md section N; nm28.md §3.7, §3.8).
#include <boost/asio/ip/udp.hpp>

#include "tests/model/nm28_transcript.h"

namespace cellemu::testing {
namespace {

std::string pattern(std::size_t n, std::size_t seed = 0) {
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>('A' + (i * 7 + seed) % 26);
  return out;
}

// Socket 1 open in buffer mode, nothing buffered (N-005).
void buffer_mode(Nm28Transcript& x) {
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
}

// Reads socket `id` with AT+IPRD=<id>,1500 until it reports 0; returns the payload.
std::string drain(Transcript& t, int id) {
  std::string got;
  for (;;) {
    t.send("AT+IPRD=" + std::to_string(id) + ",1500\r");
    const std::string out = t.take();
    const std::string head = "\r\n+IPRD: " + std::to_string(id) + ",";
    EXPECT_EQ(out.rfind(head, 0), 0u) << out;
    const std::size_t n = std::stoul(out.substr(head.size()));
    const std::size_t start = out.find("\r\n", head.size()) + 2;
    EXPECT_EQ(out.substr(start + n), "\r\nOK\r\n");
    if (n == 0) return got;
    got += out.substr(start, n);
  }
}

TEST(Nm28Receive, N005_BufferMode) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
}

TEST(Nm28Receive, N006_AccessModeTest) {
  Nm28Transcript x;
  x.t.exchange("AT+IPSWTMD=?\r", "\r\n+IPSWTMD: (0-7),(0-2)\r\n\r\nOK\r\n");
}

TEST(Nm28Receive, N009_BufferModeArrivalNotice) {
  Nm28Transcript x;
  buffer_mode(x);
  x.server.send(0, "ABCDEFGHIJ");
  x.t.expect("\r\nIPREAD: 1\r\n");
}

TEST(Nm28Receive, N010_BufferRead) {
  Nm28Transcript x;
  buffer_mode(x);
  x.server.send(0, "ABCDEFGHIJ");
  x.t.expect("\r\nIPREAD: 1\r\n");
  x.t.exchange("AT+IPRD=1,10\r", "\r\n+IPRD: 1,10\r\nABCDEFGHIJ\r\nOK\r\n");
}

TEST(Nm28Receive, N011_NoSecondNoticeUntilDrained) {  // S3 §2.7
  Nm28Transcript x;
  buffer_mode(x);
  x.server.send(0, "ABCDEFGHIJ");
  x.t.expect("\r\nIPREAD: 1\r\n");
  x.server.send(0, "KLMNO");
  ASSERT_TRUE(x.wait_buffered(1, 15));
  x.t.expect_quiet();
  x.t.exchange("AT+IPRD=1,12\r", "\r\n+IPRD: 1,12\r\nABCDEFGHIJKL\r\nOK\r\n");
  x.server.send(0, "PQ");
  ASSERT_TRUE(x.wait_buffered(1, 5));
  x.t.expect_quiet();
  x.t.exchange("AT+IPRD=1,100\r", "\r\n+IPRD: 1,5\r\nMNOPQ\r\nOK\r\n");
  x.server.send(0, "R");
  x.t.expect("\r\nIPREAD: 1\r\n");
}

TEST(Nm28Receive, N012_EmptyBufferRead) {  // [I] OQ-53
  Nm28Transcript x;
  buffer_mode(x);
  x.t.exchange("AT+IPRD=1,10\r", "\r\n+IPRD: 1,0\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPRD=1,0\r", "\r\n+IPRD: 1,0\r\n\r\nOK\r\n");
}

TEST(Nm28Receive, ReadErrors) {
  Nm28Transcript x;
  x.t.exchange("AT+IPRD=2,10\r", "\r\nERROR\r\n");  // never opened
  x.open_socket1();
  x.t.exchange("AT+IPRD=1,1501\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPRD=1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPRD=8,1\r", "\r\nERROR\r\n");
  x.t.exchange("AT+IPRD=1,10\r", "\r\n+IPRD: 1,0\r\n\r\nOK\r\n");  // direct mode, nothing kept
}

TEST(Nm28Receive, N014_DirectModePush) {
  Nm28Transcript x;
  x.open_socket1();
  x.server.send(0, "ABCDEFGHIJ");
  x.t.expect("\r\n+IPURC: \"recv\",1,10\r\nABCDEFGHIJ");
}

TEST(Nm28Receive, PushChunksAreAtMost1460Bytes) {  // nm28.md §3.7, OQ-52
  Nm28Transcript x;
  x.open_socket1();
  const std::string data = pattern(5000);
  x.server.send(0, data);
  std::string got;
  std::string out;
  ASSERT_TRUE(x.t.poll_until([&] {
    out += x.t.channel->take_output();
    while (true) {
      const std::string head = "\r\n+IPURC: \"recv\",1,";
      if (out.rfind(head, 0) != 0) return false;
      const auto eol = out.find("\r\n", head.size());
      if (eol == std::string::npos) return false;
      const std::size_t n = std::stoul(out.substr(head.size(), eol - head.size()));
      EXPECT_LE(n, 1460u);
      if (out.size() < eol + 2 + n) return false;
      got += out.substr(eol + 2, n);
      out.erase(0, eol + 2 + n);
      if (got.size() == data.size()) return true;
    }
  }));
  EXPECT_EQ(got, data);
  EXPECT_EQ(out, "");
}

TEST(Nm28Receive, SwitchToDirectKeepsBufferedDataReadable) {  // [I] OQ-46
  Nm28Transcript x;
  buffer_mode(x);
  x.server.send(0, "ABCDEFGHIJ");
  x.t.expect("\r\nIPREAD: 1\r\n");
  x.t.exchange("AT+IPSWTMD=1,1\r", "\r\nOK\r\n");
  x.server.send(0, "xyz");
  x.t.expect("\r\n+IPURC: \"recv\",1,3\r\nxyz");
  x.t.exchange("AT+IPRD=1,100\r", "\r\n+IPRD: 1,10\r\nABCDEFGHIJ\r\nOK\r\n");
  x.t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  x.server.send(0, "k");
  x.t.expect("\r\nIPREAD: 1\r\n");
}

TEST(Nm28Receive, PeerCloseKeepsBufferedDataReadable) {  // OQ-57
  Nm28Transcript x;
  buffer_mode(x);
  x.server.send(0, "ABC");
  x.t.expect("\r\nIPREAD: 1\r\n");
  x.server.close(0);
  x.t.expect("\r\n+IPURC: \"closed\",1\r\n");
  x.t.exchange("AT+IPRD=1,10\r", "\r\n+IPRD: 1,3\r\nABC\r\nOK\r\n");
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  x.t.exchange("AT+IPRD=1,10\r", "\r\nERROR\r\n");
}

TEST(Nm28Receive, CloseDiscardsBufferedData) {  // nm28.md §3.2
  Nm28Transcript x;
  buffer_mode(x);
  x.server.send(0, "ABC");
  x.t.expect("\r\nIPREAD: 1\r\n");
  x.t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  EXPECT_EQ(x.model().socket(1)->buffered(), 0u);
}

// A full module buffer stops reading the TCP peer (its window closes); nothing is lost.
TEST(Nm28Receive, FullBufferAppliesTcpFlowControl) {
  Nm28Transcript x;
  buffer_mode(x);
  const std::string data = pattern(200 * 1024, 3);
  x.server.send(0, data);
  x.t.expect("\r\nIPREAD: 1\r\n");
  ASSERT_TRUE(x.t.poll_until([&] { return x.model().socket(1)->reading_paused(); }));
  EXPECT_GE(x.model().socket(1)->buffered(), 8u * 1024);
  EXPECT_LT(x.model().socket(1)->buffered(), data.size());
  std::string got;
  while (got.size() < data.size()) {
    got += drain(x.t, 1);
    if (got.size() < data.size()) {
      ASSERT_TRUE(x.t.poll_until([&] { return x.model().socket(1)->buffered() > 0; }));
      x.t.expect("\r\nIPREAD: 1\r\n");
    }
  }
  EXPECT_EQ(got, data);
}

// UDP has no flow control: a datagram the full buffer cannot take is dropped whole.
TEST(Nm28Receive, FullBufferDropsUdpDatagrams) {
  UdpServer server;
  Nm28Transcript x(Nm28Options{.net = [port = server.port()](net::NetConfig& n) {
    n.routes.push_back(*net::Route::parse("1.2.3.4:5000=127.0.0.1:" + std::to_string(port)));
  }});
  x.t.exchange("AT+IPOPEN=2,\"UDP\",\"1.2.3.4\",5000,0,0\r", "\r\nOK\r\n\r\n+IPOPEN: 2,0\r\n");
  x.t.exchange("AT+IPSWTMD=2,0\r", "\r\nOK\r\n");
  x.t.exchange("AT+IPSENDEX=2,\"00\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");  // the server learns us
  ASSERT_TRUE(server.wait_datagrams(1));
  for (int i = 0; i < 8; ++i) server.send_to_last(std::string(1000, static_cast<char>('a' + i)));
  ASSERT_TRUE(x.wait_buffered(2, 8000));
  x.t.expect("\r\nIPREAD: 2\r\n");
  server.send_to_last(std::string(1000, 'X'));  // 9000 > 8192: dropped
  server.send_to_last(std::string(192, 'y'));   // fits exactly
  ASSERT_TRUE(x.wait_buffered(2, 8192));
  std::string expected;
  for (int i = 0; i < 8; ++i) expected += std::string(1000, static_cast<char>('a' + i));
  EXPECT_EQ(drain(x.t, 2), expected + std::string(192, 'y'));
}

// A host that does not read: the pushes stop at the backlog limit and resume when it drains.
TEST(Nm28Receive, SlowHostPausesThePeerWithoutLoss) {
  Nm28Transcript x;
  x.open_socket1();
  x.t.channel->hold_output(true);
  const std::string data = pattern(1024 * 1024, 5);
  x.server.send(0, data);
  ASSERT_TRUE(x.t.poll_until([&] { return x.model().socket(1)->reading_paused(); }));
  const std::size_t queued = x.t.channel->output().size();
  EXPECT_GT(queued, models::ModuleSockets::kOutputLimit);
  EXPECT_LT(queued, models::ModuleSockets::kOutputLimit + 64 * 1024);
  std::string out;
  std::string got;
  const std::string head = "\r\n+IPURC: \"recv\",1,";
  ASSERT_TRUE(x.t.poll_until([&] {
    out += x.t.channel->take_output();  // the host reads: drained, the socket resumes
    for (;;) {
      const auto eol = out.find("\r\n", head.size());
      if (out.rfind(head, 0) != 0 || eol == std::string::npos) break;
      const std::size_t n = std::stoul(out.substr(head.size(), eol - head.size()));
      if (out.size() < eol + 2 + n) break;
      got += out.substr(eol + 2, n);
      out.erase(0, eol + 2 + n);
    }
    return got.size() >= data.size();
  }));
  EXPECT_TRUE(got == data) << got.size();
}

TEST(Nm28Receive, BufferSizeComesFromTheProfile) {
  Nm28Transcript x(
      Nm28Options{.profile = [](models::Profile& p) { p.socket_receive_buffer = 100; }});
  buffer_mode(x);
  x.server.send(0, std::string(50, 'a'));
  x.t.expect("\r\nIPREAD: 1\r\n");
  ASSERT_TRUE(x.wait_buffered(1, 50));
  EXPECT_FALSE(x.model().socket(1)->reading_paused());
  x.server.send(0, std::string(60, 'b'));
  ASSERT_TRUE(x.wait_buffered(1, 110));
  EXPECT_TRUE(x.model().socket(1)->reading_paused());
  x.t.exchange("AT+IPRD=1,20\r", "\r\n+IPRD: 1,20\r\n" + std::string(20, 'a') + "\r\nOK\r\n");
  EXPECT_FALSE(x.model().socket(1)->reading_paused());
}

}  // namespace
}  // namespace cellemu::testing
