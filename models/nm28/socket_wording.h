#pragma once

#include <string_view>

namespace cellemu::models::nm28 {

// The words one NM28 socket uses on the serial line. A socket opened with Ssl_Enable=1 runs the
// same flows as a plain one and differs only in these (S3 §3.1 against §3.2); the variant is
// chosen per socket from its ssl flag, so a TLS stream is all SSL sockets need from elsewhere.
struct SocketWording {
  std::string_view open;         // "+IPOPEN: <id>,<status>" / "+SSLOPEN:" (OQ-43)
  std::string_view netwrite;     // AT+IPSEND prompt "NETWRITE: <id>,<len>" / "SSLNETWRITE:"
  std::string_view read_notice;  // buffer mode arrival "IPREAD: <id>" / "+SSLREAD:" (S3 §2.7)
  std::string_view read_reply;   // AT+IPRD header "+IPRD: <id>,<n>" / "+SSLRECV:"
  std::string_view urc;          // "+IPURC: \"recv\"|\"closed\"" / "+SSLURC:" (S3 §2.7, OQ-57)
};

inline const SocketWording& wording(bool ssl) {
  static constexpr SocketWording kPlain{"+IPOPEN", "NETWRITE", "IPREAD", "+IPRD", "+IPURC"};
  static constexpr SocketWording kSsl{"+SSLOPEN", "SSLNETWRITE", "+SSLREAD", "+SSLRECV", "+SSLURC"};
  return ssl ? kSsl : kPlain;
}

}  // namespace cellemu::models::nm28
