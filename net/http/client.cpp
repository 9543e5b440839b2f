#include "net/http/client.h"

#include "emulator/core/logging.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::net::http {

namespace {

// Context 153's defaults: TLS without verification, SNI = the URL's host (§4.8).
TlsProvider unverified_tls() {
  std::string error;
  std::shared_ptr<const tls::StreamFactory> factory =
      tls::make_stream_factory(tls::TlsConfig{}, error);
  return [factory](const Endpoint&) -> std::optional<OpenOptions> {
    if (!factory) return std::nullopt;
    return OpenOptions{.tls = factory};
  };
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

Timing Timing::module_like(core::Duration dns_failure) {
  using std::chrono::milliseconds;
  return {milliseconds(300), milliseconds(1200), dns_failure};  // LTA 1.64 s / 2.17 s over TLS
}

std::string_view describe(Failure failure) {
  switch (failure) {
    case Failure::NotHttp:
      return "not an HTTP response";
    case Failure::Network:
      return "network error";
    case Failure::BearerDown:
      return "bearer down";
    case Failure::Timeout:
      return "timed out";
    case Failure::BadUrl:
      return "unusable URL";
    case Failure::NoMemory:
      return "body larger than the buffer";
    case Failure::Dns:
      return "name does not resolve";
    case Failure::TlsHandshake:
      return "TLS handshake failed";
    case Failure::TlsAlert:
      return "TLS failed after the handshake";
  }
  return "unknown";
}

Client::Client(core::TimerService& timers, Connection& connection, ClientConfig config)
    : conn_(connection), config_(std::move(config)), deadline_(timers), result_timer_(timers) {
  if (!config_.tls) config_.tls = unverified_tls();
}

Client::~Client() {
  conn_.close(false);
}

bool Client::start(Request request, Done done) {
  if (busy_) return false;
  busy_ = true;
  starting_ = true;
  request_ = std::move(request);
  done_ = std::move(done);
  method_ = request_.method;
  redirects_ = 0;
  used_tls_ = false;
  deadline_.start(request_.timeout, [this] { fail(Failure::Timeout); });
  if (!request_.bearer_open) {
    fail(Failure::BearerDown);
  } else if (auto url = parse_url(request_.url, request_.default_https)) {
    url_ = *url;
    begin_hop();
  } else {
    fail(Failure::BadUrl);
  }
  starting_ = false;
  return true;
}

// One request on a fresh connection (the module never reuses one, §4.5).
void Client::begin_hop() {
  parser_ = std::make_unique<ResponseParser>(config_.body_keep, method_ == Method::Head,
                                             config_.max_header);
  via_proxy_ = request_.proxy.has_value();
  if (via_proxy_ && url_.https) return fail(Failure::Network);  // proxy: plain HTTP only
  OpenOptions options;
  if (url_.https) {
    used_tls_ = true;
    auto tls = config_.tls({url_.host, url_.port});
    if (!tls) return fail(Failure::TlsHandshake);
    options = std::move(*tls);
  }
  conn_.open(via_proxy_ ? *request_.proxy : Endpoint{url_.host, url_.port}, options, *this);
}

void Client::on_connected() {
  conn_.send(serialize(request_, method_, url_, via_proxy_));
}

void Client::on_connect_failed(NetError error) {
  core::logger("http")->debug("{}:{} {}: {}", url_.host, url_.port, describe(error),
                              conn_.failure_detail());
  switch (error) {
    case NetError::DnsFailure:
    case NetError::DnsTimeout:
      return fail(Failure::Dns);
    case NetError::TlsFailure:
      return fail(Failure::TlsHandshake);
    default:
      return fail(Failure::Network);
  }
}

void Client::on_data(std::string_view bytes) {
  if (!parser_ || parser_->is_done()) return;
  const auto progress = parser_->feed(bytes);
  if (progress == ResponseParser::Progress::Failed) return fail(Failure::NotHttp);
  if (config_.overflow == OverflowPolicy::Fail && parser_->overflowed()) {
    return fail(Failure::NoMemory);
  }
  if (progress == ResponseParser::Progress::Done) response_complete();
}

void Client::on_closed(NetError reason) {
  if (!parser_) return;
  const auto progress = parser_->feed_eof();
  if (progress == ResponseParser::Progress::Done) return response_complete();
  if (progress == ResponseParser::Progress::Failed) return fail(Failure::NotHttp);
  // Cut short. Under TLS a socket error is the TLS layer failing (an alert, a broken record).
  fail(conn_.secure() && reason == NetError::Io ? Failure::TlsAlert : Failure::Network);
}

void Client::response_complete() {
  conn_.close(false);
  if (follow_redirect()) return;
  Outcome outcome{request_.method,
                  std::nullopt,
                  {parser_->status(), parser_->body_length(), parser_->body(),
                   parser_->header_block(), redirects_, url_}};
  const Timing& t = config_.timing;
  finish(std::move(outcome), t.result + (used_tls_ ? t.tls_extra : core::Duration::zero()));
}

// REDIR=1 (OQ-A32): 301/302/303/307/308 with a Location, at most max_redirects hops; 303, and
// 301/302 after POST, continue as GET without body; 307/308 keep method and body.
bool Client::follow_redirect() {
  const int status = parser_->status();
  if (!request_.follow_redirects || !is_redirect(status) || !parser_->location() ||
      redirects_ >= config_.max_redirects) {
    return false;
  }
  auto next = resolve_location(url_, *parser_->location());
  if (!next) return false;
  const bool to_get =
      status == 303 || ((status == 301 || status == 302) && method_ == Method::Post);
  if (to_get && method_ != Method::Head) method_ = Method::Get;
  url_ = std::move(*next);
  ++redirects_;
  begin_hop();
  return true;
}

void Client::fail(Failure failure) {
  conn_.close(false);
  core::logger("http")->debug("action failed: {}", describe(failure));
  const Timing& t = config_.timing;
  const core::Duration delay = failure == Failure::Dns
                                   ? t.dns_failure
                                   : t.result + (used_tls_ ? t.tls_extra : core::Duration::zero());
  finish({request_.method, failure, {}}, delay);
}

void Client::finish(Outcome outcome, core::Duration delay) {
  deadline_.cancel();
  parser_.reset();
  if (delay <= core::Duration::zero() && !starting_) return deliver(std::move(outcome));
  result_timer_.start(delay, [this, o = std::move(outcome)]() mutable { deliver(std::move(o)); });
}

void Client::deliver(Outcome outcome) {
  busy_ = false;
  Done done = std::move(done_);
  done_ = nullptr;
  if (done) done(outcome);
}

void Client::abort() {
  conn_.close(false);
  deadline_.cancel();
  result_timer_.cancel();
  parser_.reset();
  busy_ = false;
  done_ = nullptr;
}

void Client::network_lost() {
  if (!busy_) return;
  conn_.close(false);
  deadline_.cancel();
  result_timer_.cancel();
  parser_.reset();
  deliver({request_.method, Failure::BearerDown, {}});
}

}  // namespace cellemu::net::http
