#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "net/link.h"

namespace cellemu::net::ppp {

// A host port forwarded to the PPP peer's address (inbound, like a SIM with a public address):
// libslirp listens on host_address:host_port while the call is up and hands each connection
// (or datagram) to the peer's peer_port.
struct PortForward {
  Protocol protocol = Protocol::Tcp;
  std::string host_address = "127.0.0.1";
  std::uint16_t host_port = 0;
  std::uint16_t peer_port = 0;

  // "tcp:8080:80", "udp:5683:5683", "tcp:0.0.0.0:2222:22": protocol, the host's listening
  // address (127.0.0.1 when left out), its port, the peer's port (ports 1-65535).
  static std::optional<PortForward> parse(std::string_view text, std::string* error);
  std::string text() const;
};

}  // namespace cellemu::net::ppp
