#pragma once

#include <string_view>

namespace cellemu::net {

// Why a link could not be opened or went away. Models map these to their own result codes
// (CONNECT FAIL, +IPOPEN: <id>,566, ...).
enum class NetError {
  DnsFailure,   // the name does not resolve
  DnsTimeout,   // the resolver did not answer in time
  Refused,      // the peer refused (RST to SYN)
  Unreachable,  // no route / host unreachable
  Timeout,      // connect gave up
  Blocked,      // destination filtered by --allow/--deny
  PeerClosed,   // orderly close by the peer (FIN)
  PeerReset,    // the peer reset the connection
  TlsFailure,   // handshake or verification failed
  NetworkDown,  // the emulated network took the link away
  Io,           // any other socket error
};

std::string_view describe(NetError error);

}  // namespace cellemu::net
