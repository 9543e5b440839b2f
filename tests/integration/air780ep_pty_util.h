// Shared pieces of the Air780EP integration tests: the real binary with its network view, the
// host side of its pty, frame parsing and checksums.
#pragma once

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/support/emulator_process.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/serial_bytes.h"

namespace cellemu::testing::air780ep_pty {

// "virtual:port" -> 127.0.0.1:<port> routes and NAME=IP hosts, static DNS, the Air780EP model.
inline std::vector<std::string> emulator_args(
    const std::vector<std::pair<std::string, std::uint16_t>>& routes,
    const std::vector<std::string>& hosts = {}, const std::string& log_level = "warn") {
  std::vector<std::string> args = {"--model", "air780ep",    "--dns",
                                   "static",  "--log-level", log_level};
  for (const auto& [from, port] : routes) {
    args.push_back("--route");
    args.push_back(from + "=127.0.0.1:" + std::to_string(port));
  }
  for (const auto& h : hosts) {
    args.push_back("--host");
    args.push_back(h);
  }
  return args;
}

// Reads the power-up burst (S0/LT) up to the end of its +NITZ line.
inline void read_power_up(PtyClient& host) {
  std::string boot = host.read_until("+NITZ: ");
  while (boot.find("\r\n", boot.find("+NITZ: ")) == std::string::npos) {
    const std::string more = host.read_until("\r\n");
    if (more.empty()) break;
    boot += more;
  }
  // '9' stands for any digit of the network time.
  const std::string shape =
      "\r\n^MODE: 17,17\r\n\r\n+E_UTRAN Service\r\n\r\n+CGEV: ME PDN ACT 1\r\n"
      "\r\n+NITZ: 99/99/99,99:99:99+32,0\r\n";
  bool same = boot.size() == shape.size();
  for (std::size_t i = 0; same && i < shape.size(); ++i) {
    same = shape[i] == '9' ? std::isdigit(static_cast<unsigned char>(boot[i])) != 0
                           : shape[i] == boot[i];
  }
  EXPECT_TRUE(same) << boot;
}

// FNV-1a: the checksum the bulk transfers compare.
inline std::uint64_t checksum(std::string_view data) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Deterministic test bytes (every value 0-255 occurs).
inline std::string pattern(std::size_t n, std::uint32_t seed) {
  std::string out(n, '\0');
  for (auto& c : out) {
    seed = seed * 1664525u + 1013904223u;
    c = static_cast<char>(seed >> 24);
  }
  return out;
}

// Reads push frames "\r\n<header>,<len>:<payload>" until `total` payload bytes arrived; returns
// the payload per link id ("+RECEIVE,<n>,<len>:\r\n") or link 0 ("+IPD,<len>:").
class FrameReader {
 public:
  explicit FrameReader(PtyClient& host) : host_(host) {}

  std::vector<std::string> read(std::size_t total, std::chrono::milliseconds deadline = 20s) {
    std::vector<std::string> links(8);
    std::size_t got = 0;
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (got < total && std::chrono::steady_clock::now() < until) {
      const auto [id, len] = header();
      if (id < 0) break;
      const std::string payload = host_.read_exact(len, 5s);
      links.at(static_cast<std::size_t>(id)) += payload;
      got += payload.size();
      if (payload.size() != len) break;
    }
    EXPECT_EQ(got, total);
    return links;
  }

 private:
  // Parses one header; {-1, 0} on anything unexpected.
  std::pair<int, std::size_t> header() {
    std::string text = host_.read_exact(2, 5s);
    if (text != "\r\n") return {-1, 0};
    while (text.back() != ':' && text.size() < 40) text += host_.read_exact(1, 5s);
    int id = 0;
    std::string_view rest(text);
    if (rest.starts_with("\r\n+IPD,")) {
      rest.remove_prefix(7);
    } else if (rest.starts_with("\r\n+RECEIVE,") && rest.size() > 13 && rest[12] == ',') {
      id = rest[11] - '0';
      rest.remove_prefix(13);
      if (host_.read_exact(2, 5s) != "\r\n") return {-1, 0};
    } else {
      ADD_FAILURE() << "unexpected frame header: " << text;
      return {-1, 0};
    }
    std::size_t len = 0;
    for (char c : rest.substr(0, rest.size() - 1)) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return {-1, 0};
      len = len * 10 + static_cast<std::size_t>(c - '0');
    }
    return {id, len};
  }

  PtyClient& host_;
};

}  // namespace cellemu::testing::air780ep_pty
