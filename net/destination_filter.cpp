#include "net/destination_filter.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace cellemu::net {

namespace asio = boost::asio;

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '*' ||
           c == '_';
  });
}

// The first `prefix` bits of two addresses of the same family agree.
bool same_prefix(const asio::ip::address& a, const asio::ip::address& net, unsigned prefix) {
  if (a.is_v4() != net.is_v4()) {
    if (a.is_v6() && a.to_v6().is_v4_mapped() && net.is_v4()) {
      return same_prefix(asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()), net, prefix);
    }
    return false;
  }
  auto bytes_of = [](const asio::ip::address& x) {
    std::vector<unsigned char> out;
    if (x.is_v4()) {
      auto b = x.to_v4().to_bytes();
      out.assign(b.begin(), b.end());
    } else {
      auto b = x.to_v6().to_bytes();
      out.assign(b.begin(), b.end());
    }
    return out;
  };
  const auto x = bytes_of(a);
  const auto y = bytes_of(net);
  for (unsigned bit = 0; bit < prefix; ++bit) {
    const unsigned mask = 0x80u >> (bit % 8);
    if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) return false;
  }
  return true;
}
}  // namespace

bool DestinationFilter::add(bool allow, std::string_view text, std::string& error) {
  Rule rule;
  rule.allow = allow;
  const auto slash = text.find('/');
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(std::string(text.substr(0, slash)), ec);
  if (!ec) {
    rule.network = addr;
    const unsigned max = addr.is_v4() ? 32 : 128;
    rule.prefix = max;
    if (slash != std::string_view::npos) {
      const auto p = text.substr(slash + 1);
      unsigned v = 0;
      const auto [ptr, e] = std::from_chars(p.data(), p.data() + p.size(), v);
      if (e != std::errc() || ptr != p.data() + p.size() || v > max) {
        error = fmt::format("'{}': bad prefix length", text);
        return false;
      }
      rule.prefix = v;
    }
  } else if (slash == std::string_view::npos && valid_name(text)) {
    rule.name = lower(text);
  } else {
    error = fmt::format("'{}' is neither an address block (10.0.0.0/8, 127.0.0.1) nor a host name",
                        text);
    return false;
  }
  has_allow_ = has_allow_ || allow;
  rules_.push_back(std::move(rule));
  return true;
}

bool DestinationFilter::matches(const Rule& rule, const std::vector<std::string>& names,
                                const asio::ip::address& address) {
  if (rule.network) return same_prefix(address, *rule.network, rule.prefix);
  for (const auto& n : names) {
    const std::string name = lower(n);
    if (name == rule.name) return true;
    if (rule.name.starts_with("*.") && name.size() > rule.name.size() - 1 &&
        name.ends_with(rule.name.substr(1))) {
      return true;
    }
  }
  return false;
}

bool DestinationFilter::permits(const std::vector<std::string>& names,
                                const asio::ip::address& address) const {
  for (const auto& r : rules_) {
    if (!r.allow && matches(r, names, address)) return false;
  }
  if (!has_allow_) return true;
  return std::any_of(rules_.begin(), rules_.end(),
                     [&](const Rule& r) { return r.allow && matches(r, names, address); });
}

}  // namespace cellemu::net
