// Bulk data through the real NM28 pty and real loopback peers: 1 MiB each way in direct and in
// buffer mode, transparent mode with "+++", and a host that reads slowly. Every byte is checked.
#include "tests/integration/nm28_host.h"

namespace cellemu::testing {
namespace {
using namespace std::chrono_literals;

class Nm28Bulk : public ::testing::Test {
 protected:
  void start(TcpServer::Mode mode = TcpServer::Mode::Sink) {
    server = std::make_unique<TcpServer>(mode);
    emu = std::make_unique<EmulatorProcess>(nm28_args(server->port()));
    ASSERT_TRUE(emu->started());
    host = std::make_unique<Nm28Host>(emu->pty());
    host->exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,0\r",
                   "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
    ASSERT_TRUE(server->wait_connections(1));
  }

  // Uplink with AT+IPSEND windows of at most 1460 bytes (S3 §2.5). The command ends in "\r\n":
  // after a bare "\r" a payload starting with "\n" would lose it to the line end (v250 §1.2).
  void send_with_ipsend(const std::string& data) {
    for (std::size_t off = 0; off < data.size(); off += 1460) {
      const std::string piece = data.substr(off, 1460);
      host->exchange("AT+IPSEND=1," + std::to_string(piece.size()) + "\r\n",
                     "\r\nNETWRITE: 1," + std::to_string(piece.size()) + "\r\n\r\nCONNECT\r\n");
      host->exchange(piece, "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
    }
  }

  // Uplink with AT+IPSENDEX, 1024 bytes (2048 hex digits, OQ-41) per command.
  void send_with_ipsendex(const std::string& data) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t off = 0; off < data.size(); off += 1024) {
      std::string hex;
      for (unsigned char c : data.substr(off, 1024)) {
        hex += kHex[c >> 4];
        hex += kHex[c & 15];
      }
      host->exchange("AT+IPSENDEX=1,\"" + hex + "\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
    }
  }

  void expect_peer_got(const std::string& data) {
    ASSERT_TRUE(server->wait_received(0, data.size(), 20s));
    EXPECT_TRUE(server->received(0) == data) << server->received(0).size();
  }

  // Buffer mode: wait for IPREAD, read with AT+IPRD until empty, again until `n` bytes came.
  std::string read_buffered(std::size_t n) {
    const std::string notice = "\r\nIPREAD: 1\r\n";
    std::string got;
    host->expect(notice);
    while (got.size() < n) {
      host->send("AT+IPRD=1,1500\r");
      while (host->next_is(notice)) host->take(notice.size());  // data arrived after a drain
      host->expect("\r\n+IPRD: 1,");
      const std::size_t len = std::stoul(host->until("\r\n"));
      got += host->take(len);
      host->expect("\r\nOK\r\n");
      if (len == 0) host->expect(notice);
    }
    return got;
  }

  std::unique_ptr<TcpServer> server;
  std::unique_ptr<EmulatorProcess> emu;
  std::unique_ptr<Nm28Host> host;
};

TEST_F(Nm28Bulk, DirectModeMegabyteEachWay) {
  start();
  const std::string down = test_data(kMiB, 1);
  server->send(0, down);
  std::string got;
  while (got.size() < down.size() && !::testing::Test::HasFailure()) got += host->push(1);
  EXPECT_TRUE(got == down) << got.size();
  const std::string up = test_data(kMiB, 2);
  send_with_ipsend(up);
  expect_peer_got(up);
}

TEST_F(Nm28Bulk, BufferModeMegabyteEachWay) {
  start();
  host->exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  const std::string down = test_data(kMiB, 3);
  server->send(0, down);
  const std::string got = read_buffered(down.size());
  EXPECT_TRUE(got == down) << got.size();
  const std::string up = test_data(kMiB, 4);
  send_with_ipsendex(up);
  expect_peer_got(up);
}

TEST_F(Nm28Bulk, TransparentModeWithEscapeAndReturn) {
  start(TcpServer::Mode::Echo);
  host->exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
  const std::string data = test_data(kMiB, 5);
  for (std::size_t off = 0; off < data.size(); off += 64 * 1024) {
    const std::string piece = data.substr(off, 64 * 1024);
    host->send(piece);
    EXPECT_TRUE(host->take(piece.size()) == piece) << off;  // the echo, raw
  }
  host->escape();
  host->exchange("AT+IPSTATE=1,1\r",
                 "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,2,2\r\n\r\nOK\r\n");
  host->exchange("ATO\r", "\r\nCONNECT\r\n");
  host->send("again");
  host->expect("again");
  host->escape();
  host->exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  expect_peer_got(data + "again");
}

TEST_F(Nm28Bulk, TransparentDataWaitsForTheNextConnect) {  // OQ-36
  start();
  host->exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
  host->escape();
  server->send(0, "while away");
  host->expect_silence(50ms);
  host->exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\nwhile away");
  server->close(0);
  host->expect("\r\n+IPURC: \"closed\",1\r\n");  // data mode ends with the close (nm28.md §3.11)
  host->exchange("AT\r", "\r\nOK\r\n");
}

// The host reads 4 KiB at a time and looks away after each read: the peer is throttled through
// TCP flow control and no byte is lost or reordered.
TEST_F(Nm28Bulk, SlowHostLosesNothing) {
  start();
  const std::string down = test_data(kMiB, 6);
  server->send(0, down);
  host->read_slowly(4096, 500us);
  std::string got;
  while (got.size() < down.size() && !::testing::Test::HasFailure()) got += host->push(1);
  EXPECT_TRUE(got == down) << got.size();
  host->read_slowly(65536, 0us);
  host->exchange("AT+IPSTATE=1,1\r",
                 "\r\n+IPSTATE: 1,TCP,139.159.199.233,46000,0,2,1\r\n\r\nOK\r\n");
}

}  // namespace
}  // namespace cellemu::testing
