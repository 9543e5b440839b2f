// 1 MiB each way through the real pty and a real loopback server, with checksums: push mode
// (CIPSEND windows up, +IPD frames down) and transparent mode (raw both ways); and a host that
// stops reading the pty (backpressure: the socket is paused, nothing is lost).
#include <poll.h>

#include "tests/integration/air780ep_pty_util.h"

namespace cellemu::testing::air780ep_pty {
namespace {

void start_host(PtyClient& host) {
  read_power_up(host);
  host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
}

// Nothing arrives on the pty for `quiet` (the "+++" guard times need silence).
void expect_silence(PtyClient& host, std::chrono::milliseconds quiet) {
  pollfd p{host.fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, static_cast<int>(quiet.count())), 0) << "unexpected output";
}

TEST(Air780epBulk, OneMebibyteEachWayInPushMode) {
  TcpServer server;
  EmulatorProcess emu(emulator_args({{"112.125.89.8:37076", server.port()}}));
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  start_host(host);
  host.exchange("AT+CIPQSEND=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPHEAD=1;+CIPRXF=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  const std::string up = pattern(kMiB, 11);
  for (std::size_t off = 0; off < up.size(); off += 1460) {
    const std::string chunk = up.substr(off, 1460);
    const std::string n = std::to_string(chunk.size());
    // "\r\n" as SIM800 drivers send it: after a bare "\r" a leading '\n' of the data would be
    // dropped (LM CIPSEND.md note 6), and binary data may start with one.
    host.exchange("AT+CIPSEND=" + n + "\r\n", "\r\n> ");
    host.exchange(chunk, "\r\nDATA ACCEPT:" + n + "\r\n");
  }
  host.send("AT+CIPACK\r");
  EXPECT_EQ(host.read_until("OK\r\n").rfind("\r\n+CIPACK: " + std::to_string(kMiB) + ",", 0), 0u);
  ASSERT_TRUE(server.wait_received(0, kMiB, 10s));
  EXPECT_EQ(checksum(server.received(0)), checksum(up));

  const std::string down = pattern(kMiB, 12);
  server.send(0, down);
  const auto links = FrameReader(host).read(kMiB);
  EXPECT_EQ(checksum(links[0]), checksum(down));
  host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
}

TEST(Air780epBulk, OneMebibyteEachWayInTransparentMode) {
  TcpServer server;
  auto args = emulator_args({{"112.125.89.8:37076", server.port()}});
  args.insert(args.end(), {"--time-scale", "10"});  // "+++" guards of 100 ms / 50 ms
  EmulatorProcess emu(args);
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  start_host(host);
  host.exchange("AT+CIPMODE=1\r", "\r\nOK\r\n");
  host.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT\r\n");
  const std::string up = pattern(kMiB, 21);
  host.send(up);
  ASSERT_TRUE(server.wait_received(0, kMiB, 10s));
  EXPECT_EQ(checksum(server.received(0)), checksum(up));
  const std::string down = pattern(kMiB, 22);
  server.send(0, down);
  EXPECT_EQ(checksum(host.read_exact(kMiB, 10s)), checksum(down));

  expect_silence(host, 150ms);
  host.send("+++");
  host.expect("\r\nOK\r\n", 2s);
  host.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
  host.exchange("ATO\r", "\r\nCONNECT\r\n");
  server.send(0, "still there");
  host.expect("still there");
  expect_silence(host, 150ms);
  host.send("+++");
  host.expect("\r\nOK\r\n", 2s);
  host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  EXPECT_TRUE(server.wait_peer_closed(0));
}

TEST(Air780epBulk, HostThatStopsReadingLosesNothing) {
  TcpServer server;
  EmulatorProcess emu(emulator_args({{"112.125.89.8:37076", server.port()}}, {}, "debug"));
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  start_host(host);
  host.exchange("AT+CIPRXF=1\r", "\r\nOK\r\n");  // raw payload, no framing
  host.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  const std::string down = pattern(2 * kMiB, 31);
  server.send(0, down);
  // The host does not read: the emulator must stop reading the socket, not buffer 2 MiB.
  const auto until = std::chrono::steady_clock::now() + 5s;
  while (emu.logs().find("sockets paused") == std::string::npos &&
         std::chrono::steady_clock::now() < until) {
    pollfd none{-1, 0, 0};
    ::poll(&none, 0, 10);
  }
  ASSERT_NE(emu.logs().find("sockets paused"), std::string::npos) << "never paused";
  std::string got;  // then it reads in small pieces
  while (got.size() < down.size()) {
    const std::string piece =
        host.read_exact(std::min<std::size_t>(1000, down.size() - got.size()));
    if (piece.empty()) break;
    got += piece;
  }
  EXPECT_EQ(got.size(), down.size());
  EXPECT_EQ(checksum(got), checksum(down));
  EXPECT_NE(emu.logs().find("sockets resumed"), std::string::npos);
  host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_pty
