#pragma once

#include <functional>
#include <memory>

#include "emulator/core/timer_service.h"
#include "net/connection.h"
#include "net/http/outcome.h"
#include "net/http/request.h"
#include "net/http/response_parser.h"

namespace cellemu::net::http {

// The module's HTTP/1.1 client for one action at a time (app-protocols.md §4): one connection per
// request over a Connection (the modem's socket layer, TLS for https), the request bytes of §4.5,
// Beast's parser for the response (§4.6: chunked, to-close bodies, the kept prefix), redirects
// (OQ-A32), the TIMEOUT deadline on the injected clock, and typed failures (§4.7). The
// Connection must outlive the client.
class Client final : private ConnectionEvents {
 public:
  using Done = std::function<void(const Outcome&)>;

  Client(core::TimerService& timers, Connection& connection, ClientConfig config = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Starts an action; `done` runs once, later (never inside start). False while one is running.
  bool start(Request request, Done done);
  // Abandons the running action: no outcome (HTTPTERM while busy).
  void abort();
  // The network dropped the bearer: a running action ends now with BearerDown, inside this call
  // (the model prints its PDN lines first, then calls this; §2.5 order).
  void network_lost();
  bool busy() const { return busy_; }
  const ClientConfig& config() const { return config_; }

 private:
  void on_connected() override;
  void on_connect_failed(NetError error) override;
  void on_data(std::string_view bytes) override;
  void on_closed(NetError reason) override;

  void begin_hop();
  void response_complete();
  bool follow_redirect();
  void fail(Failure failure);
  void finish(Outcome outcome, core::Duration delay);
  void deliver(Outcome outcome);

  Connection& conn_;
  ClientConfig config_;
  Request request_;
  Done done_;
  Url url_;
  Method method_ = Method::Get;  // this hop's
  int redirects_ = 0;
  bool via_proxy_ = false;
  bool used_tls_ = false;
  bool busy_ = false;
  bool starting_ = false;
  std::unique_ptr<ResponseParser> parser_;
  core::Timer deadline_;
  core::Timer result_timer_;
};

}  // namespace cellemu::net::http
