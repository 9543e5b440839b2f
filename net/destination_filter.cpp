#include "net/destination_filter.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "emulator/core/bytes.h"

namespace cellemu::net {

namespace asio = boost::asio;

namespace {
bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '*' ||
           c == '_';
  });
}

// The first `prefix` bits of two addresses of the same family agree.
bool same_prefix(const asio::ip::address& a, const asio::ip::address& net, unsigned prefix) {
  if (a.is_v4() != net.is_v4()) return false;
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

const asio::ip::address kLoopback4 = asio::ip::address_v4::loopback();
const asio::ip::address kLoopback6 = asio::ip::address_v6::loopback();

void add_unique(std::vector<asio::ip::address>& out, const asio::ip::address& a) {
  if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
}

// Every spelling of the destination a socket to `a` really reaches: an IPv4 address and its
// IPv4-mapped IPv6 form are one host; 0.0.0.0/8 and :: are this host's loopback (Linux connects
// them to 127.0.0.1 and ::1).
std::vector<asio::ip::address> reached(const asio::ip::address& a) {
  std::vector<asio::ip::address> out{a};
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    add_unique(out, asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()));
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto x = out[i];
    if (x.is_v4() && x.to_v4().to_bytes()[0] == 0) add_unique(out, kLoopback4);
    if (x.is_v6() && x.to_v6().is_unspecified()) add_unique(out, kLoopback6);
    if (x.is_v4()) add_unique(out, asio::ip::make_address_v6(asio::ip::v4_mapped, x.to_v4()));
  }
  return out;
}

// For deny rules, the loopback is one place whichever family names it: a service listening on
// both families is reached through 127.0.0.1 and ::1 alike.
std::vector<asio::ip::address> reached_for_deny(const asio::ip::address& a) {
  auto out = reached(a);
  // reached() lists the IPv4 form of a mapped address, so is_loopback() sees 127/8 as well.
  const bool loopback = std::any_of(out.begin(), out.end(),
                                    [](const asio::ip::address& x) { return x.is_loopback(); });
  if (loopback) {
    for (const auto& x : reached(kLoopback4)) add_unique(out, x);
    add_unique(out, kLoopback6);
  }
  return out;
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
    rule.name = core::ascii_lower(text);
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
                                const std::vector<asio::ip::address>& addresses) {
  if (rule.network) {
    return std::any_of(addresses.begin(), addresses.end(), [&](const asio::ip::address& a) {
      return same_prefix(a, *rule.network, rule.prefix);
    });
  }
  for (const auto& n : names) {
    const std::string name = core::ascii_lower(n);
    if (name == rule.name) return true;
    if (rule.name.starts_with("*.") && name.size() > rule.name.size() - 1 &&
        name.ends_with(rule.name.substr(1))) {
      return true;
    }
  }
  return false;
}

// Deny rules see every address the destination is (loopback in either family included);
// allow rules see the spellings of the one host it reaches, so allowing 127.0.0.1 does not
// allow a service listening on ::1 only.
bool DestinationFilter::permits(const std::vector<std::string>& names,
                                const asio::ip::address& address) const {
  const auto denied_as = reached_for_deny(address);
  for (const auto& r : rules_) {
    if (!r.allow && matches(r, names, denied_as)) return false;
  }
  if (!has_allow_) return true;
  const auto allowed_as = reached(address);
  return std::any_of(rules_.begin(), rules_.end(),
                     [&](const Rule& r) { return r.allow && matches(r, names, allowed_as); });
}

bool DestinationFilter::denies_name(std::string_view name) const {
  const std::vector<std::string> names{std::string(name)};
  return std::any_of(rules_.begin(), rules_.end(), [&](const Rule& r) {
    return !r.allow && !r.network && matches(r, names, {});
  });
}

}  // namespace cellemu::net
