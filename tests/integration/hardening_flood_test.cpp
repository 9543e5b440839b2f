// A host that sends commands and never reads the answers (issue 14 item 1), through the real
// binary on the pty and on --listen: once ModemSession::kOutputLimit of answers wait unread, the
// emulator stops reading the host (as RTS/CTS would), its memory stays flat, and when the host
// reads again every answer arrives, in order, and the modem answers normally.
// CELLEMU_FLOOD_MIB sets the size of the flood (default 60 MiB, the figure; 8 MiB under
// a sanitizer, where RSS means nothing and the 8 million answers would take minutes).
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/fixture_support.h"
#include "tests/support/sanitizers.h"

namespace cellemu::testing {
namespace {

std::size_t flood_bytes() {
  const char* v = std::getenv("CELLEMU_FLOOD_MIB");
  const std::size_t fallback = kRssMeaningful ? 60 : 8;
  const std::size_t mib = v ? std::strtoul(v, nullptr, 10) : fallback;
  return (mib > 0 ? mib : fallback) << 20;
}

std::size_t rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
  }
  return 0;
}

// Three commands with different answers, so a lost or reordered answer shows.
const std::vector<std::string> kCycle = {"AT+CSQ\r", "AT+CGSN\r", "AT+CIMI\r"};

// The host side of one front end (a pty or a TCP connection), non-blocking: a writer thread that
// never reads, then a reader that checks every byte against the answers expected.
class FloodHost {
 public:
  explicit FloodHost(int fd) : fd_(fd) {
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  }
  ~FloodHost() {
    stop_ = true;
    if (writer_.joinable()) writer_.join();
  }

  // Sends one line and reads its answer (through "OK\r\n"), ATE0 being in force.
  std::string ask(const std::string& line) {
    write_all(line);
    return read_until("OK\r\n");
  }

  // Writes `commands` repetitions of kCycle from a thread, never reading.
  void start_flood(std::size_t cycles) {
    std::string block;
    while (block.size() < 64 * 1024) {
      for (const auto& c : kCycle) block += c;
    }
    const std::size_t per_block = block.size() / cycle_bytes();
    writer_ = std::thread([this, block, cycles, per_block] {
      std::size_t done = 0;
      while (done < cycles && !stop_) {
        const std::size_t n = std::min(per_block, cycles - done);
        write_all(std::string_view(block).substr(0, n * cycle_bytes()));
        done += n;
      }
      finished_ = true;
    });
  }
  std::size_t written() const { return written_; }
  bool finished() const { return finished_; }

  // Waits until the writer has made no progress for `quiet` (the emulator stopped reading); false
  // if it finished first or the deadline passed.
  bool wait_stalled(std::chrono::milliseconds quiet, std::chrono::seconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    std::size_t last = written_;
    auto since = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() < until && !finished_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // sampling, not waiting
      if (written_ != last) {
        last = written_;
        since = std::chrono::steady_clock::now();
      } else if (std::chrono::steady_clock::now() - since >= quiet) {
        return true;
      }
    }
    return false;
  }

  // Reads `cycles` repetitions of `answers` (one per kCycle entry) and compares every byte.
  bool read_answers(std::size_t cycles, const std::vector<std::string>& answers) {
    std::string expected;
    for (const auto& a : answers) expected += a;
    const std::size_t total = cycles * expected.size();
    std::size_t got = 0;
    std::vector<char> buf(1 << 16);
    while (got < total) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20000) <= 0) {
        ADD_FAILURE() << "silence after " << got << " of " << total << " bytes";
        return false;
      }
      const ssize_t n = ::read(fd_, buf.data(), std::min(buf.size(), total - got));
      if (n < 0 && errno == EAGAIN) continue;
      if (n <= 0) return false;
      for (ssize_t i = 0; i < n; ++i, ++got) {
        if (buf[static_cast<std::size_t>(i)] != expected[got % expected.size()]) {
          ADD_FAILURE() << "answer bytes differ at offset " << got;
          return false;
        }
      }
    }
    return true;
  }

 private:
  static std::size_t cycle_bytes() {
    std::size_t n = 0;
    for (const auto& c : kCycle) n += c.size();
    return n;
  }
  void write_all(std::string_view data) {
    while (!data.empty() && !stop_) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        pollfd p{fd_, POLLOUT, 0};
        ::poll(&p, 1, 100);
        continue;
      }
      if (n <= 0) return;
      data.remove_prefix(static_cast<std::size_t>(n));
      written_ += static_cast<std::size_t>(n);
    }
  }
  std::string read_until(std::string_view marker) {
    std::string out;
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (out.find(marker) == std::string::npos && std::chrono::steady_clock::now() < until) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char chunk[4096];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n > 0) out.append(chunk, static_cast<std::size_t>(n));
    }
    return out;
  }

  int fd_;
  std::thread writer_;
  std::atomic<std::size_t> written_{0};
  std::atomic<bool> finished_{false};
  std::atomic<bool> stop_{false};
};

class HardeningFlood : public ::testing::Test {
 protected:
  // Floods through `fd`, checks the emulator's memory and that every answer arrives in order.
  void run(EmulatorProcess& emu, int fd) {
    FloodHost host(fd);
    EXPECT_EQ(host.ask("ATE0\r").substr(0, 4), "ATE0");
    std::vector<std::string> answers;
    for (const auto& c : kCycle) answers.push_back(host.ask(c));
    std::size_t cycle_len = 0;
    for (const auto& c : kCycle) cycle_len += c.size();
    // Warm-up: the queues reach their working size before RSS is measured (on TCP the kernel's
    // socket buffers may take the whole warm-up without a stall).
    {
      FloodHost warm(fd);
      warm.start_flood(20000);
      ASSERT_TRUE(warm.wait_stalled(500ms, 30s) || warm.finished());
      ASSERT_TRUE(warm.read_answers(20000, answers));
    }
    const std::size_t rss_before = rss_kib(emu.pid());
    const std::size_t cycles = flood_bytes() / cycle_len;
    FloodHost flood(fd);
    flood.start_flood(cycles);
    std::size_t peak = rss_before;
    const bool stalled = flood.wait_stalled(500ms, 60s);
    peak = std::max(peak, rss_kib(emu.pid()));
    std::printf(
        "flood: host wrote %zu KiB of %zu MiB, then the emulator stopped reading; RSS %zu "
        "-> %zu KiB\n",
        flood.written() >> 10, flood_bytes() >> 20, rss_before, peak);
    ASSERT_TRUE(stalled) << "the emulator read " << (flood.written() >> 20)
                         << " MiB without the host reading an answer; RSS " << peak << " KiB";
    if (kRssMeaningful) {
      EXPECT_LT(peak, rss_before + 2048) << "RSS grew by 2 MiB or more";
    }
    const auto start = std::chrono::steady_clock::now();
    EXPECT_TRUE(flood.read_answers(cycles, answers));
    std::printf("flood: %zu commands answered in order in %.1f s once the host read again\n",
                cycles * kCycle.size(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    EXPECT_EQ(host.ask("AT+CSQ\r"), answers[0]);
  }
};

TEST_F(HardeningFlood, OnThePtyUnreadAnswersStopTheHostAndLoseNothing) {
  EmulatorProcess emu({"--model", "air780ep", "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient pty(emu.pty());
  pty.discard_input();
  run(emu, pty.fd());
}

TEST_F(HardeningFlood, OnListenUnreadAnswersStopTheHostAndLoseNothing) {
  EmulatorProcess emu({"--model", "air780ep", "--log-level", "warn", "--listen", "127.0.0.1:0"});
  ASSERT_TRUE(emu.started());
  const std::uint16_t port = parse_modem_line(emu.pty()).tcp_port;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
  run(emu, fd);
  ::close(fd);
}

}  // namespace
}  // namespace cellemu::testing
