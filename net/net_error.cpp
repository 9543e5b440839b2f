#include "net/net_error.h"

namespace cellemu::net {

std::string_view describe(NetError error) {
  switch (error) {
    case NetError::DnsFailure:
      return "name does not resolve";
    case NetError::DnsTimeout:
      return "DNS timed out";
    case NetError::Refused:
      return "connection refused";
    case NetError::Unreachable:
      return "unreachable";
    case NetError::Timeout:
      return "connect timed out";
    case NetError::Blocked:
      return "destination not allowed";
    case NetError::PeerClosed:
      return "closed by peer";
    case NetError::PeerReset:
      return "reset by peer";
    case NetError::TlsFailure:
      return "TLS handshake failed";
    case NetError::NetworkDown:
      return "network down";
    case NetError::Io:
      return "socket error";
  }
  return "error";
}

}  // namespace cellemu::net
