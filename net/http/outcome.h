#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/clock.h"
#include "net/connection.h"
#include "net/http/request.h"
#include "net/http/url.h"

namespace cellemu::net::http {

// Why an action produced no HTTP response. The model words them as its status codes
// (Air780EP, app-protocols.md §4.7: in brackets).
enum class Failure {
  NotHttp,       // the reply is not an HTTP response (600)
  Network,       // refused, reset, unreachable, cut short, HTTPS through a proxy (601)
  BearerDown,    // the request's bearer is closed, or the network dropped it (601)
  Timeout,       // the TIMEOUT deadline passed (601)
  BadUrl,        // the URL cannot be used: unknown scheme, bad port (601)
  NoMemory,      // the body overflowed the buffer under OverflowPolicy::Fail (602)
  Dns,           // the host name does not resolve (603)
  TlsHandshake,  // TLS could not be set up, handshake or verification failed (605)
  TlsAlert,      // TLS failed after the handshake (606)
};

std::string_view describe(Failure failure);

struct Response {
  int status = 0;
  std::uint64_t body_length = 0;  // the whole body (de-chunked), whatever was kept
  std::string body;               // its first ClientConfig::body_keep bytes
  std::string header_block;       // AT+HTTPHEAD's text (ResponseParser::header_block)
  int redirects = 0;              // hops followed before this response
  Url url;                        // where it came from
};

struct Outcome {
  Method method = Method::Get;  // the action's method, whatever redirects did (§4.4.4)
  std::optional<Failure> failure;
  Response response;  // empty on failure
};

// What a body longer than the buffer does (OQ-A21 knob http_overflow).
enum class OverflowPolicy {
  Truncate,  // keep the first body_keep bytes, report the full length (default)
  Fail,      // end the action with Failure::NoMemory, keep nothing
};

// Module processing times of the "real" timing profile (§6); zero in "fast".
struct Timing {
  core::Duration result{0};       // HTTPACTION -> +HTTPACTION: request time + 300 ms
  core::Duration tls_extra{0};    // + 1.2 s when TLS was involved
  core::Duration dns_failure{0};  // unresolvable host: the profile's dns_failure time

  static Timing fast() { return {}; }
  static Timing module_like(core::Duration dns_failure);
};

// Opens TLS towards a server (the model builds it from SSL context 153); nullopt: TLS cannot be
// set up (a missing certificate file ...), the action fails with TlsHandshake.
using TlsProvider = std::function<std::optional<OpenOptions>(const Endpoint& server)>;

struct ClientConfig {
  std::size_t body_keep = 4096;  // the module's buffer (OQ-A21 knob http_buffer)
  OverflowPolicy overflow = OverflowPolicy::Truncate;
  int max_redirects = 5;  // OQ-A32
  Timing timing;
  TlsProvider tls;  // unset: TLS without verification (context 153's defaults)
  std::uint32_t max_header = 8192;
};

}  // namespace cellemu::net::http
