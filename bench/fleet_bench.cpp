// A fleet in one process: start-up time, memory, and AT latency while part of the fleet streams.
//
//   fleet_bench COUNT STREAMS PROBES RATE -- PROGRAM ARGS...
//
// Starts PROGRAM ARGS --count COUNT and times it until COUNT pty lines are printed; reads its
// resident memory once it is idle; then picks (seed 42) STREAMS modems that receive RATE bytes/s
// each in transparent mode (Air780EP CIPMODE=1, from a loopback server) and PROBES other modems
// on which 20 "AT\r" round trips each are timed, first with the fleet idle, then while the
// streams run (for at least a second; the streams' throughput is taken over that window). The
// server sends whole segments (kSegment bytes) as each stream's rate allows.
// Prints: startup_s rss_kib rtt_idle_us rtt_loaded_us stream_MBps
#include <atomic>
#include <random>
#include <thread>

#include "bench/bench_support.h"

namespace cellemu::bench {
namespace {

constexpr int kRoundTrips = 20;
constexpr double kSegment = 1460;

// kRoundTrips on every probe, more passes until `min_seconds` have gone by.
std::vector<double> round_trips(std::vector<std::unique_ptr<Pty>>& ptys, double min_seconds) {
  std::vector<double> us;
  const auto begin = Clock::now();
  while (us.size() < ptys.size() * kRoundTrips || seconds_since(begin) < min_seconds) {
    for (auto& pty : ptys) {
      pty->command("AT\r", "\r\nOK\r\n");  // the first one after a while warms the path
      for (int i = 0; i < kRoundTrips; ++i) {
        const auto start = Clock::now();
        pty->command("AT\r", "\r\nOK\r\n");
        us.push_back(seconds_since(start) * 1e6);
      }
    }
  }
  return us;
}

struct Stream {
  std::unique_ptr<Pty> pty;
  int sock = -1;
  double allowance = 0;
};

// Feeds every stream its rate from the server side and reads every stream's pty, until `stop`.
class StreamPump {
 public:
  StreamPump(std::vector<Stream>& streams, double rate) : streams_(streams), rate_(rate) {}

  void run(const std::atomic<bool>& stop) {
    const std::string data = pattern(16384, 7);
    std::vector<pollfd> fds;
    std::vector<char> buf(65536);
    auto last = Clock::now();
    while (!stop) {
      const auto now = Clock::now();
      const double dt = std::chrono::duration<double>(now - last).count();
      last = now;
      fds.clear();
      for (auto& s : streams_) {
        s.allowance = std::min(s.allowance + rate_ * dt, std::max(rate_ * 0.05, kSegment));
        fds.push_back({s.pty->fd(), POLLIN, 0});
        fds.push_back({s.sock, static_cast<short>(s.allowance >= kSegment ? POLLOUT : 0), 0});
      }
      if (::poll(fds.data(), fds.size(), 5) <= 0) continue;
      for (std::size_t i = 0; i < streams_.size(); ++i) {
        Stream& s = streams_[i];
        if (fds[2 * i].revents & POLLIN) {
          const ssize_t n = ::read(s.pty->fd(), buf.data(), buf.size());
          if (n > 0) received_ += static_cast<std::uint64_t>(n);
        }
        if (fds[2 * i + 1].revents & POLLOUT) {
          const auto want = static_cast<std::size_t>(s.allowance / kSegment) * 1460;
          const ssize_t n = ::send(s.sock, data.data(), want, MSG_DONTWAIT | MSG_NOSIGNAL);
          if (n > 0) s.allowance -= static_cast<double>(n);
        }
      }
    }
  }
  std::uint64_t received() const { return received_; }

 private:
  std::vector<Stream>& streams_;
  double rate_;
  std::atomic<std::uint64_t> received_{0};
};

int run(int argc, char** argv) {
  if (argc < 6 || std::string(argv[5]) != "--") {
    die("usage: fleet_bench COUNT STREAMS PROBES RATE -- PROGRAM ARGS...");
  }
  ::signal(SIGPIPE, SIG_IGN);
  const std::size_t count = std::strtoul(argv[1], nullptr, 10);
  const std::size_t streams_n = std::strtoul(argv[2], nullptr, 10);
  const std::size_t probes_n = std::strtoul(argv[3], nullptr, 10);
  const double rate = std::strtod(argv[4], nullptr);
  std::vector<std::string> program(argv + 6, argv + argc);
  program.insert(program.end(), {"--count", std::to_string(count)});
  if (streams_n + probes_n > count) die("more streams and probes than modems");

  const auto start = Clock::now();
  Child emu(program);
  std::vector<std::string> ptys;
  while (ptys.size() < count) {
    const auto line = emu.read_line(120000);
    if (!line) die("the fleet printed " + std::to_string(ptys.size()) + " ptys");
    ptys.push_back(line->substr(0, line->find(' ')));
  }
  const double startup = seconds_since(start);
  ::usleep(500000);  // idle: power-up done, nothing queued
  const long rss = emu.rss_kib();

  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(42));
  std::vector<std::unique_ptr<Pty>> probes;
  for (std::size_t i = streams_n; i < streams_n + probes_n; ++i) {
    probes.push_back(std::make_unique<Pty>(ptys[order[i]]));
    probes.back()->drain(20);
    probes.back()->command("ATE0\r", "OK\r\n");
  }
  const double idle = median(round_trips(probes, 0));

  Listener server;
  std::vector<Stream> streams;
  for (std::size_t i = 0; i < streams_n; ++i) {
    Stream s;
    s.pty = std::make_unique<Pty>(ptys[order[i]]);
    s.pty->drain(20);
    s.pty->command("ATE0\r", "OK\r\n");
    s.pty->command("AT+CIPMODE=1\r", "OK\r\n");
    s.pty->command("AT+CIPSTART=\"TCP\",\"127.0.0.1\"," + std::to_string(server.port()) + "\r",
                   "CONNECT\r\n");
    s.sock = server.accept();
    if (s.sock < 0) die("a stream did not connect");
    streams.push_back(std::move(s));
  }
  StreamPump pump(streams, rate);
  std::atomic<bool> stop{false};
  std::thread pumping([&] { pump.run(stop); });
  ::usleep(500000);  // the streams reach their rate
  const std::uint64_t before = pump.received();
  const auto window = Clock::now();
  const double loaded = median(round_trips(probes, 1.0));
  const double stream_mbps =
      static_cast<double>(pump.received() - before) / 1e6 / seconds_since(window);
  stop = true;
  pumping.join();
  for (auto& s : streams) ::close(s.sock);

  std::printf("%.3f %ld %.1f %.1f %.2f\n", startup, rss, idle, loaded, stream_mbps);
  return 0;
}

}  // namespace
}  // namespace cellemu::bench

int main(int argc, char** argv) {
  return cellemu::bench::run(argc, argv);
}
