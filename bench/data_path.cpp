// Throughput of one pty<->TCP data path, as a host program sees it: opens the subject's pty raw,
// moves BYTES of pseudo-random data through it to or from a loopback server (TLS with --tls),
// checks the checksum at the far end and prints MB/s (10^6 bytes per second).
//
//   data_path SUBJECT MODE BYTES [--tls CERT KEY] [-- PROGRAM ARGS...]
//
// SUBJECT: socat (relays PTY<->TCP, or OPENSSL: with --tls), relay (PROGRAM is a relay taking
// socat's command line, e.g. fast_relay), air780ep or nm28 (PROGRAM is the emulator to start,
// e.g. cellemu --model nm28). MODE: up (pty->TCP, transparent), down
// (TCP->pty, transparent), push (TCP->pty, framed "+RECEIVE,0,n:" / "+IPURC: \"recv\",1,n"; for
// socat the same raw relay as down). The clock runs from the first payload byte sent to the last
// one checked in; setting the connection up is not timed.
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/stat.h>

#include <atomic>
#include <future>
#include <thread>
#include <utility>

#include "bench/bench_support.h"

namespace cellemu::bench {
namespace {

enum class Subject { Socat, Relay, Air780ep, Nm28 };
enum class Mode { Up, Down, Push };

// The loopback server's end of the connection, plain or TLS (TLS 1.2 at most: the modules'
// stacks stop there, and socat is held to the same so both do the same work).
class Peer {
 public:
  Peer(int fd, SSL_CTX* tls) : fd_(fd) {
    if (!tls) return;
    ssl_ = SSL_new(tls);
    SSL_set_fd(ssl_, fd_);
    if (SSL_accept(ssl_) != 1) die("TLS handshake with the subject failed");
  }
  ~Peer() {
    if (ssl_) SSL_free(ssl_);
    ::close(fd_);
  }
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;

  void send_all(std::string_view data) {
    while (!data.empty()) {
      const std::size_t want = std::min<std::size_t>(data.size(), 16384);
      const long n = ssl_ ? SSL_write(ssl_, data.data(), static_cast<int>(want))
                          : ::send(fd_, data.data(), want, MSG_NOSIGNAL);
      if (n <= 0) die("server send failed");
      data.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  long recv_some(char* buf, std::size_t n) {
    return ssl_ ? SSL_read(ssl_, buf, static_cast<int>(n)) : ::recv(fd_, buf, n, 0);
  }

 private:
  int fd_;
  SSL* ssl_ = nullptr;
};

SSL_CTX* server_tls(const std::string& cert, const std::string& key) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1) {
    die("cannot load " + cert + " / " + key);
  }
  return ctx;
}

// Cuts the module's push frames ("\r\n+RECEIVE,0,1460:\r\n<payload>\r\n", "\r\n+IPURC:
// \"recv\",1,1460\r\n<payload>") back into payload; other lines are skipped.
class FrameParser {
 public:
  explicit FrameParser(Checksum& sum) : sum_(sum) {}

  void feed(const char* p, std::size_t n) {
    while (n > 0) {
      if (payload_left_ > 0) {
        const std::size_t take = std::min(n, payload_left_);
        sum_.add(p, take);
        payload_left_ -= take;
        p += take;
        n -= take;
        continue;
      }
      const char c = *p++;
      --n;
      if (c != '\n') {
        if (c != '\r' && header_.size() < 80) header_ += c;
        continue;
      }
      payload_left_ = frame_length(header_);
      header_.clear();
    }
  }

 private:
  static std::size_t frame_length(std::string_view h) {
    std::size_t end = h.size();
    if (h.rfind("+RECEIVE,", 0) == 0 && !h.empty() && h.back() == ':') {
      end = h.size() - 1;
    } else if (h.find(": \"recv\",") == std::string_view::npos) {
      return 0;
    }
    const std::size_t comma = h.rfind(',', end);
    return std::strtoul(std::string(h.substr(comma + 1, end - comma - 1)).c_str(), nullptr, 10);
  }

  Checksum& sum_;
  std::string header_;
  std::size_t payload_left_ = 0;
};

struct Options {
  Subject subject = Subject::Socat;
  Mode mode = Mode::Down;
  std::size_t bytes = 0;
  std::string cert, key;
  std::vector<std::string> program;
};

Options parse(int argc, char** argv) {
  if (argc < 4) {
    die("usage: data_path socat|relay|air780ep|nm28 up|down|push BYTES [--tls CERT KEY] "
        "[-- PROGRAM...]");
  }
  Options o;
  const std::string s = argv[1], m = argv[2];
  o.subject = s == "socat"   ? Subject::Socat
              : s == "relay" ? Subject::Relay
              : s == "nm28"  ? Subject::Nm28
                             : Subject::Air780ep;
  o.mode = m == "up" ? Mode::Up : m == "push" ? Mode::Push : Mode::Down;
  o.bytes = std::strtoull(argv[3], nullptr, 10);
  for (int i = 4; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--tls" && i + 2 < argc) {
      o.cert = argv[++i];
      o.key = argv[++i];
    } else if (a == "--") {
      o.program.assign(argv + i + 1, argv + argc);
      break;
    }
  }
  if (o.subject != Subject::Socat && o.program.empty()) die("no program after --");
  return o;
}

std::unique_ptr<Pty> wait_for_link(const std::string& link) {
  const auto until = Clock::now() + std::chrono::seconds(5);
  struct stat st {};
  while (::stat(link.c_str(), &st) != 0) {
    if (Clock::now() > until) die("the relay did not create " + link);
    ::usleep(2000);
  }
  return std::make_unique<Pty>(link);
}

// Opens the subject's data connection to `port`; returns the pty in data (or push) mode.
std::unique_ptr<Pty> connect_subject(const Options& o, std::uint16_t port,
                                     std::unique_ptr<Child>& child) {
  const std::string p = std::to_string(port);
  const bool tls = !o.cert.empty();
  if (o.subject == Subject::Socat || o.subject == Subject::Relay) {
    const std::string link = "/tmp/cellemu-bench-relay-" + std::to_string(::getpid());
    const std::string far = tls ? "OPENSSL:127.0.0.1:" + p + ",verify=0" : "TCP:127.0.0.1:" + p;
    child = std::make_unique<Child>(
        std::vector<std::string>{o.subject == Subject::Relay ? o.program.front() : "socat",
                                 "PTY,raw,echo=0,link=" + link, far});
    return wait_for_link(link);
  }
  child = std::make_unique<Child>(o.program);
  const auto path = child->read_line();
  if (!path) die("the emulator printed no pty");
  auto pty = std::make_unique<Pty>(path->substr(0, path->find(' ')));
  pty->drain(100);  // power-up URCs
  pty->command("ATE0\r", "OK\r\n");
  if (o.subject == Subject::Air780ep) {
    if (tls) pty->command("AT+CIPSSL=1\r", "OK\r\n");
    if (o.mode == Mode::Push) {
      pty->command("AT+CIPMUX=1\r", "OK\r\n");
      pty->command("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"," + p + "\r", "CONNECT OK\r\n");
    } else {
      pty->command("AT+CIPMODE=1\r", "OK\r\n");
      pty->command("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + p + "\r", "CONNECT\r\n");
    }
  } else {
    pty->command("AT+IPOPEN=1,\"TCP\",\"127.0.0.1\"," + p + ",0" + (tls ? ",1" : "") + "\r",
                 "OPEN: 1,0\r\n");
    if (o.mode != Mode::Push) pty->command("AT+IPSWTMD=1,2\r", "CONNECT\r\n");
  }
  return pty;
}

int run(const Options& o) {
  ::signal(SIGPIPE, SIG_IGN);
  SSL_CTX* tls = o.cert.empty() ? nullptr : server_tls(o.cert, o.key);
  Listener listener;
  const std::string payload = pattern(o.bytes, o.bytes + static_cast<std::size_t>(o.mode));
  Checksum expected;
  expected.add(payload);

  // The server accepts (and shakes hands) while the subject connects.
  std::promise<std::unique_ptr<Peer>> accepted;
  auto peer_future = accepted.get_future();
  std::thread acceptor([&] {
    const int fd = listener.accept(20000);
    if (fd < 0) die("the subject never connected");
    accepted.set_value(std::make_unique<Peer>(fd, tls));
  });
  std::unique_ptr<Child> child;
  auto pty = connect_subject(o, listener.port(), child);
  acceptor.join();
  auto peer = peer_future.get();

  Checksum got;
  Clock::time_point start;
  if (o.mode == Mode::Up) {
    std::thread sink([&] {
      std::vector<char> buf(65536);
      while (got.count < o.bytes) {
        const long n = peer->recv_some(buf.data(), buf.size());
        if (n <= 0) break;
        got.add(buf.data(), static_cast<std::size_t>(n));
      }
    });
    start = Clock::now();
    for (std::size_t off = 0; off < payload.size(); off += 4096) {
      pty->send(std::string_view(payload).substr(off, 4096));
    }
    sink.join();
  } else {
    FrameParser frames(got);
    const bool framed =
        o.mode == Mode::Push && o.subject != Subject::Socat && o.subject != Subject::Relay;
    std::string early = std::exchange(pty->buffer(), {});
    start = Clock::now();
    std::thread source([&] { peer->send_all(payload); });
    if (framed) {
      frames.feed(early.data(), early.size());
    } else {
      got.add(early);
    }
    std::vector<char> buf(65536);
    while (got.count < o.bytes) {
      pollfd p{pty->fd(), POLLIN, 0};
      if (::poll(&p, 1, 20000) <= 0) break;
      const ssize_t n = ::read(pty->fd(), buf.data(), buf.size());
      if (n <= 0) break;
      if (framed) {
        frames.feed(buf.data(), static_cast<std::size_t>(n));
      } else {
        got.add(buf.data(), static_cast<std::size_t>(n));
      }
    }
    source.join();
  }
  const double secs = seconds_since(start);
  if (!(got == expected)) {
    die("checksum mismatch: " + std::to_string(got.count) + " of " + std::to_string(o.bytes) +
        " bytes arrived");
  }
  std::printf("%.2f\n", static_cast<double>(o.bytes) / 1e6 / secs);
  peer.reset();
  child.reset();
  if (tls) SSL_CTX_free(tls);
  return 0;
}

}  // namespace
}  // namespace cellemu::bench

int main(int argc, char** argv) {
  return cellemu::bench::run(cellemu::bench::parse(argc, argv));
}
