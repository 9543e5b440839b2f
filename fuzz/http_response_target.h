#pragma once

// The HTTP client's response path with the fuzzer as the server: arbitrary bytes at arbitrary
// boundaries, hang-ups, connect failures and time passing, across redirect hops. Every action
// ends exactly once (at the latest at its TIMEOUT), keeps no more than its buffer, and each hop's
// request is well formed. Input: [flags][buffer / 32] then records [opcode][length][bytes].
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "emulator/core/logging.h"
#include "emulator/core/manual_timer_service.h"
#include "fuzz/fake_connection.h"
#include "net/http/client.h"

namespace cellemu::fuzz {

namespace http_response_detail {

inline net::http::Request request_for(std::uint8_t flags) {
  net::http::Request r;
  r.method = static_cast<net::http::Method>(flags % 3);
  r.url = flags & 0x04 ? "https://web.test/a/b?c=1" : "http://web.test:8080/a/b?c=1";
  r.user_agent = "AM_MODULE";
  r.follow_redirects = flags & 0x08;
  r.body = "data";
  r.timeout = std::chrono::seconds(60);
  return r;
}

// A request the client wrote starts with a request line and ends its header with CR LF CR LF.
inline void check_request(const std::string& sent) {
  if (sent.empty()) return;
  if (sent.rfind("GET ", 0) != 0 && sent.rfind("POST ", 0) != 0 && sent.rfind("HEAD ", 0) != 0) {
    std::abort();
  }
  if (sent.find("\r\n\r\n") == std::string::npos) std::abort();
}

}  // namespace http_response_detail

inline int run_http_response(const std::uint8_t* data, std::size_t size) {
  using namespace net::http;
  static const bool quiet = core::configure_logging("off", core::LogFormat::Text);
  (void)quiet;
  if (size < 2) return 0;
  core::ManualTimerService timers;
  FakeConnection conn;
  ClientConfig config;
  config.body_keep = 1 + static_cast<std::size_t>(data[1]) * 32;
  config.overflow = data[0] & 0x10 ? OverflowPolicy::Fail : OverflowPolicy::Truncate;
  config.tls = [](const net::Endpoint&) {
    return std::optional<net::OpenOptions>(net::OpenOptions{});
  };
  Client client(timers, conn, config);
  std::optional<Outcome> outcome;
  client.start(http_response_detail::request_for(data[0]), [&](const Outcome& o) {
    if (outcome) std::abort();
    if (o.response.body.size() > config.body_keep) std::abort();
    if (!o.failure && o.response.body_length < o.response.body.size()) std::abort();
    if (o.response.redirects > config.max_redirects) std::abort();
    outcome = o;
  });
  std::size_t i = 2;
  while (i + 2 <= size && !outcome) {
    const std::uint8_t op = data[i];
    const std::size_t n = std::min<std::size_t>(data[i + 1], size - i - 2);
    const std::string_view bytes(reinterpret_cast<const char*>(data) + i + 2, n);
    if (op % 5 == 0 && conn.open_pending()) {
      conn.sent.clear();
      conn.accept();
      http_response_detail::check_request(conn.sent);
    } else if (op % 5 == 1) {
      conn.deliver(bytes);
    } else if (op % 5 == 2) {
      conn.hang_up(static_cast<net::NetError>(op % 11));
    } else if (op % 5 == 3) {
      conn.refuse(static_cast<net::NetError>(op % 11));
    } else {
      timers.advance(std::chrono::seconds(op % 8));
    }
    timers.run_due();
    i += 2 + n;
  }
  timers.advance(std::chrono::seconds(61));
  if (!outcome || client.busy()) std::abort();
  return 0;
}

}  // namespace cellemu::fuzz
