#pragma once

// The HTTP engine (session + client) on the modem's socket layer with the manual clock, and the
// routes that send web.test / iot-auth.test to loopback test servers.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "emulator/core/manual_timer_service.h"
#include "net/http/session.h"
#include "net/link_connection.h"
#include "net/socket_service.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::net::http {

using namespace std::chrono_literals;

inline const std::string kHello = "Hello LuatOS!!!";

inline Request request(Method method, std::string url) {
  Request r;
  r.method = method;
  r.url = std::move(url);
  r.user_agent = "AM_MODULE";
  return r;
}

inline std::string file_of(std::size_t size) {
  std::string f;
  f.reserve(size);
  for (std::size_t i = 0; i < size; ++i) f += static_cast<char>((i * 7 + i / 253) & 0xFF);
  return f;
}

class HttpBench : public ::testing::Test {
 protected:
  HttpBench() { make_session({}); }
  void make_session(ClientConfig config) {
    session_.reset();
    session_ = std::make_unique<Session>(timers_, connection_, std::move(config));
    ASSERT_FALSE(session_->init());
  }
  // name:port (as the module sees it) goes to a test server.
  void route(const std::string& virtual_host, std::uint16_t real_port) {
    config_.routes.push_back(
        *Route::parse(virtual_host + "=127.0.0.1:" + std::to_string(real_port)));
  }
  bool poll_until(const std::function<bool()>& pred, std::chrono::milliseconds deadline = 10s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!pred()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io_.run_for(2ms);
      io_.restart();
      timers_.run_due();
    }
    return true;
  }
  // Starts an action and waits for its outcome.
  Outcome act(Request r) {
    outcome_.reset();
    EXPECT_FALSE(session_->action(std::move(r), [this](const Outcome& o) { outcome_ = o; }));
    EXPECT_TRUE(poll_until([&] { return outcome_.has_value(); }));
    return outcome_.value_or(Outcome{});
  }
  std::string read() { return std::string(session_->read().data); }
  std::optional<Failure> failure_of(Request r) { return act(std::move(r)).failure; }
  TlsProvider verifying(const std::string& ca) {
    tls::TlsConfig cfg;
    cfg.verify = tls::Verify::Server;
    cfg.ca_pem = ca;
    std::string error;
    auto factory = tls::make_stream_factory(cfg, error);
    return [factory](const Endpoint&) {
      return std::optional<OpenOptions>(OpenOptions{.tls = factory});
    };
  }

  core::ManualTimerService timers_;
  boost::asio::io_context io_;
  NetConfig config_;
  SocketService sockets_{io_, timers_, config_};
  LinkConnection connection_{sockets_};
  std::unique_ptr<Session> session_;
  std::optional<Outcome> outcome_;
};

}  // namespace cellemu::net::http
