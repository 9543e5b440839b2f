#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

namespace cellemu::net {

// Which hosts the emulated module may open sockets to (--allow / --deny). Whoever writes to the
// pty opens sockets from this machine; in CI that is usually fine, in a shared lab it is not.
// Rules are CIDR blocks ("10.0.0.0/8", "127.0.0.1") or host names ("tcplab.openluat.com",
// "*.example.com"). Deny rules win; when any allow rule exists, only what it allows passes;
// with no rules everything passes. Addresses are checked after resolution, so a name cannot
// smuggle a denied address in. An address is checked as every spelling of where a socket to it
// goes: IPv4 and IPv4-mapped IPv6 are the same host, 0.0.0.0/8 and :: are the loopback (so
// --deny 127.0.0.0/8 also stops "0.0.0.0", "::" and "::ffff:127.0.0.1"), and a deny rule naming
// the loopback in one family covers the other too.
class DestinationFilter {
 public:
  // False (and a reason) for a rule that is neither a CIDR block nor a host name.
  bool allow(std::string_view rule, std::string& error) { return add(true, rule, error); }
  bool deny(std::string_view rule, std::string& error) { return add(false, rule, error); }
  bool empty() const { return rules_.empty(); }

  // `names`: what the module asked for and any route target name; `address`: where the socket
  // would go.
  bool permits(const std::vector<std::string>& names,
               const boost::asio::ip::address& address) const;
  // A deny rule names `name` itself (the module's DNS does not even ask for it).
  bool denies_name(std::string_view name) const;

 private:
  struct Rule {
    bool allow = true;
    std::optional<boost::asio::ip::address> network;
    unsigned prefix = 0;
    std::string name;  // lower case; "*.x" matches subdomains of x
  };
  bool add(bool allow, std::string_view rule, std::string& error);
  static bool matches(const Rule& rule, const std::vector<std::string>& names,
                      const std::vector<boost::asio::ip::address>& addresses);

  std::vector<Rule> rules_;
  bool has_allow_ = false;
};

// Whether the `count`th refusal of one socket is logged: the 1st, 10th, 100th... A flood of
// forbidden peers costs a handful of log lines, and the count is in each.
inline bool log_refusal(std::uint64_t count) {
  while (count >= 10 && count % 10 == 0) count /= 10;
  return count == 1;
}

}  // namespace cellemu::net
