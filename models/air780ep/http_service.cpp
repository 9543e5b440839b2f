// The Air780EP's HTTP client (app-protocols.md §4): HTTPPARA values -> net::http::Request, the
// outcome -> "+HTTPACTION: <method>,<status>,<datalen>".
#include "models/air780ep/http_service.h"

#include <fmt/format.h>

#include "emulator/core/connection_log.h"
#include "models/air780ep/air780ep_model.h"
#include "models/common/tls_link_options.h"

namespace cellemu::models::air780ep {
namespace http_service_detail {

using net::http::Failure;
using net::http::Method;

// The module status codes of §4.7 (OQ-A23).
int module_status(Failure failure) {
  switch (failure) {
    case Failure::NotHttp:
      return 600;
    case Failure::NoMemory:
      return 602;
    case Failure::Dns:
      return 603;
    case Failure::TlsHandshake:
      return 605;
    case Failure::TlsAlert:
      return 606;
    case Failure::Network:
    case Failure::BearerDown:
    case Failure::Timeout:
    case Failure::BadUrl:
      break;
  }
  return 601;
}

int method_number(Method method) {
  switch (method) {
    case Method::Post:
      return 1;
    case Method::Head:
      return 2;
    case Method::Get:
      break;
  }
  return 0;
}

// USERDATA / USER_DEFINED text (LM HTTPPARA.md): "\22" is a double quote, the four characters
// "\r\n" end a line.
std::string header_text(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.substr(i, 3) == "\\22") {
      out += '"';
      i += 2;
    } else if (value.substr(i, 4) == "\\r\\n") {
      out += "\r\n";
      i += 3;
    } else {
      out += value[i];
    }
  }
  return out;
}

}  // namespace http_service_detail

HttpService::HttpService(Air780epModel& model)
    : model_(model),
      conn_(model.sockets()),
      session_(model.timers(), conn_, client_config(), net::http::SessionLimits{}),
      data_timer_(model.timers()) {}

net::http::ClientConfig HttpService::client_config() {
  const Timing& t = model_.profile().timing;
  net::http::ClientConfig c;
  c.timing = t.real ? net::http::Timing::module_like(t.dns_failure) : net::http::Timing::fast();
  // HTTPS uses SSL context 153 (§2.4, §4.8): no verification until AT+SSLCFG says otherwise.
  c.tls = [this](const net::Endpoint& server) -> std::optional<net::OpenOptions> {
    const TlsTarget target{kLinkId, server.host, server.port};
    const SslContext* ctx = model_.ssl().find(kTlsContext);
    if (!ctx) {
      log_tls_failure(model_, target, "605", "no SSL context 153");
      return std::nullopt;
    }
    return make_tls_link_options(model_, *ctx, target, "605");
  };
  return c;
}

std::optional<net::http::Refusal> HttpService::term() {
  auto refusal = session_.term();
  if (!refusal) params_ = HttpParams{};
  return refusal;
}

net::http::Request HttpService::make_request(net::http::Method method) const {
  using http_service_detail::header_text;
  net::http::Request r;
  r.method = method;
  r.url = params_.url;
  r.default_https = ssl_;
  r.user_agent = params_.ua;
  r.content_type = params_.content;
  for (const auto& line : params_.user_defined) r.header_lines.push_back(header_text(line));
  if (!params_.userdata.empty()) r.header_lines.push_back(header_text(params_.userdata));
  r.range = net::http::Range::from_break(params_.brk, params_.brk_end);
  r.follow_redirects = params_.redir;
  r.timeout = std::chrono::seconds(params_.timeout_s);
  if (params_.proip != "0.0.0.0" && params_.proport != 0) {
    r.proxy = net::Endpoint{params_.proip, static_cast<std::uint16_t>(params_.proport)};
  }
  r.bearer_open = model_.bearers().at(params_.cid).open && model_.radio().data_ready();
  return r;
}

std::optional<net::http::Refusal> HttpService::action(net::http::Method method) {
  return session_.action(make_request(method), [this](const net::http::Outcome& o) { report(o); });
}

void HttpService::report(const net::http::Outcome& o) {
  using http_service_detail::method_number;
  using http_service_detail::module_status;
  const int status = o.failure ? module_status(*o.failure) : o.response.status;
  const std::uint64_t length = o.failure ? 0 : o.response.body_length;
  const std::string line =
      fmt::format("+HTTPACTION: {},{},{}", method_number(o.method), status, length);
  const std::string peer =
      o.failure ? params_.url : fmt::format("{}:{}", o.response.url.host, o.response.url.port);
  core::log_connection({.modem = model_.at().options().modem_name,
                        .link = kLinkId,
                        .protocol = "HTTP",
                        .peer = peer,
                        .event = "action",
                        .result = std::to_string(status),
                        .detail = o.failure ? net::http::describe(*o.failure) : ""});
  model_.urc(line);
}

bool HttpService::involved_in_pdn_loss() const {
  return model_.bearers().at(1).opened_by_host || session_.state() == net::http::SessionState::Busy;
}

void HttpService::reset() {
  data_timer_.cancel();
  term();
  ssl_ = false;
}

}  // namespace cellemu::models::air780ep
