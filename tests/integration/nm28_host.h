#pragma once

// A host program driving the real cellemu NM28 through its pty: it keeps what it has read but not
// consumed yet, so a test can follow exact responses, parse +IPURC pushes and read data streams.
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/serial_bytes.h"

namespace cellemu::testing {

// Guard times of "+++" (OQ-54: 1 s / 0.5 s emulated) shrink by this factor in these tests.
inline constexpr int kTimeScale = 10;

// cellemu --model nm28 with S3's server routed to `port` and S3's DNS answer for www.baidu.com.
inline std::vector<std::string> nm28_args(std::uint16_t port) {
  return {"--model",      "nm28",
          "--log-level",  "warn",
          "--dns",        "static",
          "--time-scale", std::to_string(kTimeScale),
          "--route",      "139.159.199.233:46000=127.0.0.1:" + std::to_string(port),
          "--host",       "www.baidu.com=14.215.177.39,14.215.177.38"};
}

class Nm28Host {
 public:
  explicit Nm28Host(const std::string& pty) : pty_(pty) {
    pty_.discard_input();
    pty_.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");  // NM28 powers up with E1 (S3 §2.9)
  }

  void send(std::string_view bytes) { pty_.send(bytes); }

  // Reads until at least `n` unconsumed bytes are held (or the deadline passes).
  bool fill(std::size_t n, std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (buf_.size() < n) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      pollfd p{pty_.fd(), POLLIN, 0};
      if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
      char chunk[65536];
      const ssize_t got = ::read(pty_.fd(), chunk, std::min(sizeof chunk, read_size_));
      if (got <= 0) return false;
      buf_.append(chunk, static_cast<std::size_t>(got));
      // A slow host: the pause is the behaviour under test, not a wait for anything.
      if (pause_.count() > 0) std::this_thread::sleep_for(pause_);
    }
    return true;
  }

  // Makes the host read at most `bytes` per read and then look away for `pause`.
  void read_slowly(std::size_t bytes, std::chrono::microseconds pause) {
    read_size_ = bytes;
    pause_ = pause;
  }

  // Whether the next bytes are `prefix` (reads as far as needed, consumes nothing).
  bool next_is(std::string_view prefix) {
    fill(prefix.size());
    return std::string_view(buf_).substr(0, prefix.size()) == prefix;
  }

  std::string take(std::size_t n) {
    fill(n);
    std::string out = buf_.substr(0, n);
    buf_.erase(0, out.size());
    return out;
  }

  // The next bytes must be exactly `bytes`.
  void expect(std::string_view bytes) { EXPECT_TRUE(same_bytes(take(bytes.size()), bytes)); }
  void exchange(std::string_view in, std::string_view out) {
    send(in);
    expect(out);
  }

  // Consumes up to and including `marker`.
  std::string until(std::string_view marker) {
    std::size_t at;
    while ((at = buf_.find(marker)) == std::string::npos) {
      if (!fill(buf_.size() + 1)) {
        ADD_FAILURE() << "no '" << marker << "' in " << shown(buf_, 512);
        return {};
      }
    }
    return take(at + marker.size());
  }

  // One "\r\n+IPURC: \"recv\",<id>,<len>\r\n<payload>" push (nm28.md §3.7); returns the payload.
  std::string push(int id) {
    const std::string head = "\r\n+IPURC: \"recv\"," + std::to_string(id) + ",";
    expect(head);
    const std::string len = until("\r\n");
    const std::size_t n = std::stoul(len);
    EXPECT_LE(n, 1460u);
    return take(n);
  }

  // Nothing arrives for `quiet` (the "+++" guard times need the line silent anyway).
  void expect_silence(std::chrono::milliseconds quiet) {
    EXPECT_FALSE(fill(buf_.size() + 1, quiet)) << shown(buf_, 512);
  }

  // "+++" with its guard times (OQ-54) -> OK.
  void escape() {
    expect_silence(std::chrono::milliseconds(1100 / kTimeScale));
    send("+++");
    expect("\r\nOK\r\n");
  }

  PtyClient& pty() { return pty_; }
  bool idle() const { return buf_.empty(); }

 private:
  PtyClient pty_;
  std::string buf_;
  std::size_t read_size_ = 65536;
  std::chrono::microseconds pause_{0};
};

// The port a listener or service got (Local_Port 0: the host picked it), from AT+IPSTATE.
inline std::uint16_t bound_port(Nm28Host& host, int id, const std::string& type) {
  host.send("AT+IPSTATE=1," + std::to_string(id) + "\r");
  const std::string row = host.until("\r\n\r\nOK\r\n");
  std::smatch m;
  const std::regex re("\r\n\\+IPSTATE: " + std::to_string(id) + "," + type +
                      ",127\\.0\\.0\\.1,0,(\\d+),3,1\r\n\r\nOK\r\n");
  if (!std::regex_match(row, m, re)) {
    ADD_FAILURE() << shown(row, 512);
    return 0;
  }
  return static_cast<std::uint16_t>(std::stoi(m[1]));
}

// Deterministic test data without '+' (no accidental escape) and with every other byte value.
inline std::string test_data(std::size_t n, unsigned seed) {
  std::string out(n, '\0');
  std::uint32_t x = seed * 2654435761u + 1;
  for (auto& c : out) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
    if (c == '+') c = '-';
  }
  return out;
}

}  // namespace cellemu::testing
