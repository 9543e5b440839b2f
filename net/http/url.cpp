#include "net/http/url.h"

#include <algorithm>
#include <cctype>

namespace cellemu::net::http {
namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

std::optional<std::uint16_t> parse_port(std::string_view digits) {
  if (digits.empty() || digits.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

// host[:port] with an optional "user@" in front and IPv6 in brackets.
bool parse_authority(std::string_view authority, Url& url) {
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(1, close - 1);
    const std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return false;
    if (!rest.empty()) port = rest.substr(1);
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty() || host.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  url.host = std::string(host);
  if (!port.empty()) {
    const auto p = parse_port(port);
    if (!p) return false;
    url.port = *p;
  }
  return true;
}

std::string_view strip_fragment(std::string_view s) {
  return s.substr(0, s.find('#'));
}

}  // namespace

std::string Url::authority() const {
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return default_port() ? h : h + ":" + std::to_string(port);
}

std::string Url::absolute() const {
  return std::string(https ? "https://" : "http://") + authority() + target;
}

std::optional<Url> parse_url(std::string_view text, bool default_https) {
  Url url;
  url.https = default_https;
  if (starts_with_nocase(text, "http://")) {
    url.https = false;
    text.remove_prefix(7);
  } else if (starts_with_nocase(text, "https://")) {
    url.https = true;
    text.remove_prefix(8);
  } else if (text.find("://") != std::string_view::npos) {
    return std::nullopt;  // ftp://, ws:// ...
  }
  url.port = url.https ? 443 : 80;
  text = strip_fragment(text);
  const auto slash = text.find_first_of("/?");
  if (!parse_authority(text.substr(0, slash), url)) return std::nullopt;
  if (slash != std::string_view::npos) {
    url.target = std::string(text.substr(slash));
    if (url.target.front() == '?') url.target.insert(0, "/");
  }
  return url;
}

std::optional<Url> resolve_location(const Url& base, std::string_view location) {
  location = strip_fragment(location);
  if (starts_with_nocase(location, "http://") || starts_with_nocase(location, "https://")) {
    return parse_url(location);
  }
  if (location.substr(0, 2) == "//") {
    return parse_url(std::string(base.https ? "https:" : "http:") + std::string(location));
  }
  if (location.empty()) return base;
  Url url = base;
  const std::string base_path = base.target.substr(0, base.target.find('?'));
  if (location.front() == '/') {
    url.target = std::string(location);
  } else if (location.front() == '?') {
    url.target = base_path + std::string(location);
  } else {
    url.target = base_path.substr(0, base_path.rfind('/') + 1) + std::string(location);
  }
  return url;
}

}  // namespace cellemu::net::http
