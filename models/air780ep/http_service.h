#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/http/session.h"
#include "net/link_connection.h"

namespace cellemu::models::air780ep {

class Air780epModel;

// The AT+HTTPPARA values of one session (app-protocols.md §4.2); AT+HTTPTERM restores them.
struct HttpParams {
  int cid = 1;
  std::string url;
  std::string ua = "AM_MODULE";  // LMX httpbin echo
  std::string proip = "0.0.0.0";
  int proport = 0;
  bool redir = false;
  std::uint64_t brk = 0;
  std::uint64_t brk_end = 0;
  int timeout_s = 120;
  std::string content;
  std::string userdata;                   // replaced by each USERDATA (OQ-A24)
  std::vector<std::string> user_defined;  // one line per USER_DEFINED, kept until HTTPTERM
};

// The Air780EP's HTTP client (app-protocols.md §4): the vendor-neutral net::http::Session over a
// connection of the modem's socket service (resolver, --host/--route, --allow/--deny, NAT,
// shaping and link faults as for a CIPSTART link), TLS from SSL context 153, the HTTPPARA values,
// AT+HTTPSSL, and the +HTTPACTION result line.
class HttpService {
 public:
  // The id the module's HTTP socket has for `cellemu ctl` (§2.3: "id 6 notionally").
  static constexpr int kLinkId = 6;
  static constexpr int kTlsContext = 153;  // LM SSLCFG.md

  explicit HttpService(Air780epModel& model);
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  net::http::Session& session() { return session_; }
  HttpParams& params() { return params_; }
  bool& ssl() { return ssl_; }
  // The input time of the AT+HTTPDATA window.
  core::Timer& data_timer() { return data_timer_; }

  // AT+HTTPTERM: the session ends, HTTPPARA back to its defaults (HTTPSSL survives, §4.3).
  std::optional<net::http::Refusal> term();
  // AT+HTTPACTION=<method>: starts the request; +HTTPACTION follows as a URC.
  std::optional<net::http::Refusal> action(net::http::Method method);
  // The network dropped the default PDN (§2.5, OQ-A17): whether the +SAPBR 1: DEACT line is due
  // (bearer 1 opened by the host, or a request running).
  bool involved_in_pdn_loss() const;
  // Ends a running request with 601 (after the PDN lines were printed).
  void network_lost() { session_.network_lost(); }
  // Power cycle: everything back to the boot state, no URC.
  void reset();

  // The link of the current or last request (null before the first): `ctl link 6 ...`.
  std::shared_ptr<net::Link> link() const { return conn_.link(); }

 private:
  net::http::ClientConfig client_config();
  net::http::Request make_request(net::http::Method method) const;
  void report(const net::http::Outcome& outcome);

  Air780epModel& model_;
  net::LinkConnection conn_;
  net::http::Session session_;
  HttpParams params_;
  bool ssl_ = false;
  core::Timer data_timer_;
};

}  // namespace cellemu::models::air780ep
