#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/clock.h"
#include "net/destination_filter.h"
#include "net/network_conditions.h"

namespace cellemu::net {

// Sends traffic the host program addresses to a virtual server (what the firmware has hard-coded,
// e.g. 112.125.89.8:37076) to a real one (a test server on 127.0.0.1). The module keeps reporting
// the virtual address. Port 0 matches any port / keeps the port. Host "*" matches any address or
// plausible host name (not, say, one wrapped in Chinese quotes, which DNS would never resolve).
struct Route {
  std::string host;
  std::uint16_t port = 0;
  std::string target_host;
  std::uint16_t target_port = 0;

  // "HOST[:PORT]=TARGET[:PORT]"
  static std::optional<Route> parse(std::string_view text);
};

struct NetConfig {
  enum class DnsMode { System, Static };
  // System: names the hosts table does not know go to the host's resolver. Static: they fail
  // (deterministic tests, no network).
  DnsMode dns = DnsMode::System;
  // The module's DNS view: name (case-insensitive) -> addresses it resolves to.
  std::map<std::string, std::vector<std::string>> hosts;
  std::vector<Route> routes;
  // Where listeners the module opens (NM28 "TCP LISTENER"/"UDP SERVICE") bind on the host.
  std::string listen_address = "127.0.0.1";
  // Give up connecting after this long (emulated time); unset: as long as the host kernel tries.
  std::optional<core::Duration> connect_timeout;
  core::Duration dns_timeout = std::chrono::seconds(10);
  // Carrier NAT idle timeouts every modem starts with (--nat-idle).
  NatPolicy nat;
  // Where the module may connect (--allow / --deny).
  DestinationFilter filter;

  // "NAME=IP[,IP...]"
  bool add_host(std::string_view text);
  const std::vector<std::string>* lookup_host(std::string_view name) const;
  // The real endpoint for a virtual one (identity when no route matches).
  std::pair<std::string, std::uint16_t> route(const std::string& host, std::uint16_t port) const;
};

}  // namespace cellemu::net
