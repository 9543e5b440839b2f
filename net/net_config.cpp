#include "net/net_config.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "emulator/core/bytes.h"

namespace cellemu::net {
namespace {
// "host[:port]" with an optional port; IPv6 literals go in brackets.
bool split_host_port(std::string_view text, std::string& host, std::uint16_t& port) {
  port = 0;
  std::string_view h = text;
  std::string_view p;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return false;
    h = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return false;
      p = text.substr(close + 2);
    }
  } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    h = text.substr(0, colon);
    p = text.substr(colon + 1);
  }
  if (h.empty()) return false;
  if (!p.empty()) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
    if (ec != std::errc() || ptr != p.data() + p.size() || value == 0 || value > 65535) {
      return false;
    }
    port = static_cast<std::uint16_t>(value);
  }
  host = std::string(h);
  return true;
}
}  // namespace

std::optional<Route> Route::parse(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  Route r;
  if (!split_host_port(text.substr(0, eq), r.host, r.port)) return std::nullopt;
  if (!split_host_port(text.substr(eq + 1), r.target_host, r.target_port)) return std::nullopt;
  return r;
}

bool NetConfig::add_host(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 >= text.size()) return false;
  std::vector<std::string> addresses;
  std::string_view rest = text.substr(eq + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    if (item.empty()) return false;
    addresses.emplace_back(item);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  hosts[core::ascii_lower(text.substr(0, eq))] = std::move(addresses);
  return true;
}

const std::vector<std::string>* NetConfig::lookup_host(std::string_view name) const {
  const auto it = hosts.find(core::ascii_lower(name));
  return it == hosts.end() ? nullptr : &it->second;
}

namespace {
// What DNS could ever resolve: an address literal or a name of letters, digits, '-' and '.'.
bool plausible_host(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':';
  });
}
}  // namespace

std::pair<std::string, std::uint16_t> NetConfig::route(const std::string& host,
                                                       std::uint16_t port) const {
  for (const auto& r : routes) {
    const bool wildcard = r.host == "*" && plausible_host(host);
    if (core::ascii_lower(r.host) != core::ascii_lower(host) && !wildcard) continue;
    if (r.port != 0 && r.port != port) continue;
    return {r.target_host, r.target_port != 0 ? r.target_port : port};
  }
  return {host, port};
}

}  // namespace cellemu::net
