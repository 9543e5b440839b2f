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
// smuggle a denied address in.
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

 private:
  struct Rule {
    bool allow = true;
    std::optional<boost::asio::ip::address> network;
    unsigned prefix = 0;
    std::string name;  // lower case; "*.x" matches subdomains of x
  };
  bool add(bool allow, std::string_view rule, std::string& error);
  static bool matches(const Rule& rule, const std::vector<std::string>& names,
                      const boost::asio::ip::address& address);

  std::vector<Rule> rules_;
  bool has_allow_ = false;
};

}  // namespace cellemu::net
