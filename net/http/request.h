#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.h"
#include "net/connection.h"
#include "net/http/url.h"

namespace cellemu::net::http {

enum class Method { Get, Post, Head };

// A GET range (AT+HTTPPARA BREAK/BREAKEND, app-protocols.md §4.2).
struct Range {
  std::uint64_t first = 0;
  std::optional<std::uint64_t> last;  // none: to the end of the file

  // BREAKEND > BREAK: bytes=BREAK-BREAKEND; BREAKEND < BREAK: bytes=BREAK-; both 0: no range.
  // (LM HTTPPARA.md leaves BREAKEND == BREAK > 0 open; it asks for that one byte here.)
  static std::optional<Range> from_break(std::uint64_t brk, std::uint64_t brk_end);
  friend bool operator==(const Range&, const Range&) = default;
};

// One HTTPACTION as the model hands it over: the HTTPPARA values that shape the request.
// Vendor-neutral: the model supplies its User-Agent and header lines.
struct Request {
  Method method = Method::Get;
  std::string url;
  bool default_https = false;  // AT+HTTPSSL=1: a URL without scheme is https (OQ-A22)
  std::string user_agent;      // empty: no User-Agent header
  std::string content_type;    // POST only; empty: no Content-Type header
  // Extra header lines sent verbatim, in order (USER_DEFINED lines, then USERDATA's): the wire
  // keeps the host's spelling ("Content-Type:application/json" stays without a space, W-024).
  std::vector<std::string> header_lines;
  std::string body;                                    // POST only (the HTTPDATA bytes)
  std::optional<Range> range;                          // GET only
  bool follow_redirects = false;                       // REDIR=1 (OQ-A32)
  core::Duration timeout = std::chrono::seconds(120);  // TIMEOUT: the whole action
  std::optional<Endpoint> proxy;                       // PROIP/PROPORT: plain HTTP only
  // The bearer the request runs on (CID) is open; false fails it as a network error (601).
  bool bearer_open = true;
};

// One request on the wire (app-protocols.md §4.5, OQ-A24):
//   <METHOD> <target> HTTP/1.1, Host, User-Agent, Accept: */*, [Range] (GET), [Content-Type]
//   (POST), the extra lines, [Content-Length] (POST, also 0), empty line, the body (POST).
// `method` and `url` are the hop's (a redirect may turn a POST into a GET); `via_proxy` puts the
// absolute URL in the request line.
std::string serialize(const Request& request, Method method, const Url& url, bool via_proxy);

}  // namespace cellemu::net::http
