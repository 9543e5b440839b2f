#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cellemu::net::http {

// An http:// or https:// URL as the module's HTTP client takes it (app-protocols.md §4.2 URL):
// the scheme is optional, host[:port][/path][?query]; a fragment is dropped.
struct Url {
  bool https = false;
  std::string host;  // without brackets for an IPv6 literal
  std::uint16_t port = 80;
  std::string target = "/";  // path and query, never empty

  bool default_port() const { return port == (https ? 443 : 80); }
  // The Host header value: host, plus ":port" when it is not the scheme's default.
  std::string authority() const;
  // The absolute form a proxy gets as the request target (RFC 9112 §3.2.2).
  std::string absolute() const;
  friend bool operator==(const Url&, const Url&) = default;
};

// `default_https`: a URL without scheme is https (AT+HTTPSSL=1, OQ-A22); an explicit scheme
// always wins. nullopt for other schemes, an empty host or a bad port.
std::optional<Url> parse_url(std::string_view text, bool default_https = false);

// Where a Location header sends a request that went to `base` (RFC 3986 §5.2 for the forms
// servers use: absolute URL, scheme-relative, absolute path, relative path, query only).
std::optional<Url> resolve_location(const Url& base, std::string_view location);

}  // namespace cellemu::net::http
