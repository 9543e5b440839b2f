// Soak and robustness: connection churn without leaks, long transfers with checksums, a host that
// closes the pty in the middle of things or does not read, many links at full rate at once.
// Sizes are CI-sized; CELLEMU_SOAK=full runs the full sizes and prints the figures.
#include <dirent.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "tests/integration/nm28_host.h"
#include "tests/support/sanitizers.h"

namespace cellemu::testing {
namespace {

bool full_soak() {
  const char* v = std::getenv("CELLEMU_SOAK");
  return v && std::string(v) == "full";
}

std::size_t open_fds(int pid) {
  std::size_t n = 0;
  DIR* d = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str());
  if (!d) return 0;
  while (dirent* e = ::readdir(d)) n += e->d_name[0] != '.';
  ::closedir(d);
  return n;
}

std::size_t rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
  }
  return 0;
}

// Reads NM28 direct-mode pushes ("\r\n+IPURC: \"recv\",<id>,<len>\r\n<payload>", nm28.md §3.7)
// from whichever pty client it is given, keeping partial frames across re-opens.
class PushReader {
 public:
  // Reads until `total` payload bytes (all sockets) have arrived; false on a 20 s silence.
  bool read(PtyClient& pty, std::size_t total) {
    while (total_ < total) {
      if (parse()) continue;
      pollfd p{pty.fd(), POLLIN, 0};
      if (::poll(&p, 1, 20000) <= 0) return false;
      char chunk[65536];
      const ssize_t n = ::read(pty.fd(), chunk, sizeof chunk);
      if (n <= 0) return false;
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
  }
  const std::string& payload(int id) { return payloads_[id]; }

 private:
  // Takes one whole frame off the front of the buffer.
  bool parse() {
    static constexpr std::string_view kHead = "\r\n+IPURC: \"recv\",";
    if (buf_.size() < kHead.size()) return false;
    EXPECT_EQ(std::string_view(buf_).substr(0, kHead.size()), kHead) << shown(buf_.substr(0, 80));
    const auto comma = buf_.find(',', kHead.size());
    const auto eol = buf_.find("\r\n", kHead.size());
    if (comma == std::string::npos || eol == std::string::npos) return false;
    const int id = std::stoi(buf_.substr(kHead.size(), comma - kHead.size()));
    const std::size_t len = std::stoul(buf_.substr(comma + 1, eol - comma - 1));
    if (buf_.size() < eol + 2 + len) return false;
    payloads_[id].append(buf_, eol + 2, len);
    total_ += len;
    buf_.erase(0, eol + 2 + len);
    return true;
  }
  std::string buf_;
  std::map<int, std::string> payloads_;
  std::size_t total_ = 0;
};

// A server for connection churn: accepts, reads until the peer closes, forgets.
class ChurnServer {
 public:
  ChurnServer() : acceptor_(thread_.io()) {
    thread_.run([&] {
      const boost::asio::ip::tcp::endpoint local(boost::asio::ip::make_address("127.0.0.1"), 0);
      acceptor_.open(local.protocol());
      acceptor_.set_option(boost::asio::socket_base::reuse_address(true));
      acceptor_.bind(local);
      acceptor_.listen();
      port_ = acceptor_.local_endpoint().port();
      accept();
    });
  }
  ~ChurnServer() {
    thread_.run([&] { acceptor_.close(); });
  }
  std::uint16_t port() const { return port_; }
  std::size_t accepted() const { return accepted_; }

 private:
  void accept() {
    acceptor_.async_accept(
        [this](const boost::system::error_code& ec, boost::asio::ip::tcp::socket s) {
          if (ec) return;
          ++accepted_;
          auto sock = std::make_shared<boost::asio::ip::tcp::socket>(std::move(s));
          drain(sock);
          accept();
        });
  }
  void drain(std::shared_ptr<boost::asio::ip::tcp::socket> s) {
    auto buf = std::make_shared<std::array<char, 256>>();
    s->async_read_some(boost::asio::buffer(*buf),
                       [this, s, buf](const boost::system::error_code& ec, std::size_t) {
                         if (!ec) drain(s);
                       });
  }
  ServerThread thread_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<std::size_t> accepted_{0};
};

TEST(Soak, ConnectCloseCyclesLeakNoDescriptorsAndNoMemory) {
  ChurnServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  const int cycles = 10000;
  auto cycle = [&] {
    host.exchange("AT+IPOPEN=0,\"TCP\",\"139.159.199.233\",46000,0,0\r",
                  "\r\nOK\r\n\r\n+IPOPEN: 0,0\r\n");
    host.exchange("AT+IPCLOSE=0\r", "\r\n+IPCLOSE: 0\r\n\r\nOK\r\n");
  };
  for (int i = 0; i < 200; ++i) cycle();  // warm-up: allocator pools, lazily made buffers
  const std::size_t fds_before = open_fds(emu.pid());
  const std::size_t rss_before = rss_kib(emu.pid());
  for (int i = 0; i < cycles && !::testing::Test::HasFailure(); ++i) cycle();
  const std::size_t fds_after = open_fds(emu.pid());
  const std::size_t rss_after = rss_kib(emu.pid());
  std::printf("soak: %d connect/close cycles: fds %zu -> %zu, RSS %zu -> %zu KiB\n", cycles,
              fds_before, fds_after, rss_before, rss_after);
  EXPECT_EQ(fds_after, fds_before);
  if (kRssMeaningful) {
    EXPECT_LE(rss_after, rss_before + 1024) << "RSS grew by more than 1 MiB";
  }
  EXPECT_GE(server.accepted(), static_cast<std::size_t>(cycles));
}

// NM28 transparent mode (IPSWTMD=2) both ways at once, checked byte for byte.
TEST(Soak, TransparentTransferWithChecksums) {
  const std::size_t bytes = full_soak() ? (std::size_t{1} << 30) : (std::size_t{32} << 20);
  TcpServer server(TcpServer::Mode::Echo);
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
  host.exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t sent_sum = 0;
  std::uint64_t got_sum = 0;
  std::size_t got = 0;
  std::thread writer([&] {
    std::string block = test_data(64 * 1024, 7);
    for (std::size_t off = 0; off < bytes; off += block.size()) {
      const std::size_t n = std::min(block.size(), bytes - off);
      for (std::size_t i = 0; i < n; ++i)
        sent_sum = sent_sum * 31 + static_cast<unsigned char>(block[i]);
      host.send(std::string_view(block).substr(0, n));
    }
  });
  while (got < bytes) {
    const std::string chunk = host.take(std::min<std::size_t>(65536, bytes - got));
    if (chunk.empty()) break;
    for (unsigned char c : chunk) got_sum = got_sum * 31 + c;
    got += chunk.size();
  }
  writer.join();
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("soak: %zu MiB through transparent mode and back in %.1f s; RSS %zu KiB\n",
              bytes >> 20, secs, rss_kib(emu.pid()));
  EXPECT_EQ(got, bytes);
  EXPECT_EQ(got_sum, sent_sum);
}

TEST(Soak, HostClosesThePtyMidPromptAndMidTransfer) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  {
    Nm28Host host(emu.pty());
    host.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,0\r",
                  "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
    host.exchange("AT+IPSEND=1,10\r", "\r\nNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
    host.send("1234");
  }  // the host closes the port in the middle of the send window
  {
    PtyClient host(emu.pty());  // and comes back: the window is still open
    host.exchange("567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  }
  ASSERT_TRUE(server.wait_received(0, 10));
  EXPECT_EQ(server.received(0), "1234567890");

  // Mid-transfer: the server streams, the host reads part of it, closes, re-opens; nothing is
  // lost (what the first host read stays its own: the reader carries it over).
  const std::string data = test_data(2 << 20, 3);
  server.send(0, data);
  PushReader reader;
  {
    PtyClient first(emu.pty());
    ASSERT_TRUE(reader.read(first, 100000));
  }
  PtyClient second(emu.pty());
  ASSERT_TRUE(reader.read(second, data.size()));
  EXPECT_EQ(reader.payload(1).size(), data.size());
  EXPECT_TRUE(reader.payload(1) == data);
}

TEST(Soak, AHostThatDoesNotReadKeepsMemoryBoundedAndLosesNothing) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  host.exchange("AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",46000,0,0\r",
                "\r\nOK\r\n\r\n+IPOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_connections(1));
  const std::size_t rss_before = rss_kib(emu.pid());
  const std::string data = test_data(full_soak() ? (64 << 20) : (16 << 20), 11);
  server.send(0, data);  // far more than the pty, the sockets and the emulator could hold
  // While nobody reads, the emulator stops reading the socket: the peer's TCP window closes.
  std::size_t peak = 0;
  for (int i = 0; i < 20; ++i) {
    peak = std::max(peak, rss_kib(emu.pid()));
    // The host looking away for half a second: the behaviour under test, not a wait.
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  std::printf("soak: host not reading %zu MiB: emulator RSS %zu -> peak %zu KiB\n",
              data.size() >> 20, rss_before, peak);
  if (kRssMeaningful) {
    EXPECT_LE(peak, rss_before + 4096) << "the emulator buffered the peer's data";
  }
  PushReader reader;
  ASSERT_TRUE(reader.read(host.pty(), data.size()));
  EXPECT_TRUE(reader.payload(1) == data);
}

TEST(Soak, EightLinksAtFullRateAtOnce) {
  TcpServer server;
  EmulatorProcess emu(nm28_args(server.port()));
  ASSERT_TRUE(emu.started());
  Nm28Host host(emu.pty());
  for (int id = 0; id < 8; ++id) {
    host.exchange("AT+IPOPEN=" + std::to_string(id) + ",\"TCP\",\"139.159.199.233\",46000,0,0\r",
                  "\r\nOK\r\n\r\n+IPOPEN: " + std::to_string(id) + ",0\r\n");
    ASSERT_TRUE(server.wait_connections(static_cast<std::size_t>(id) + 1));
  }
  // Server connection i belongs to socket i: they were opened one after the other.
  const std::size_t each = full_soak() ? (16 << 20) : (2 << 20);
  std::vector<std::string> data;
  for (unsigned i = 0; i < 8; ++i) data.push_back(test_data(each, 100 + i));
  std::vector<std::thread> senders;
  for (std::size_t i = 0; i < 8; ++i) senders.emplace_back([&, i] { server.send(i, data[i]); });
  for (auto& t : senders) t.join();
  PushReader reader;
  ASSERT_TRUE(reader.read(host.pty(), 8 * each));
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(reader.payload(i).size(), each) << "socket " << i;
    EXPECT_TRUE(reader.payload(i) == data[static_cast<std::size_t>(i)]) << "socket " << i;
  }
}

}  // namespace
}  // namespace cellemu::testing
