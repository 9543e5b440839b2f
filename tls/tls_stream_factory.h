#pragma once

#include <memory>
#include <string>

#include "tls/stream.h"
#include "tls/tls_config.h"

namespace cellemu::tls {

// Builds an OpenSSL context for one link's settings and wraps connected sockets in TLS with it.
// Returns nullptr and a reason when OpenSSL 3 cannot do what the module was asked for (SSL 3.0,
// RC4 or 3DES suites, unreadable certificates): the model then reports its failure result;
// nothing is ever silently substituted.
std::shared_ptr<const StreamFactory> make_stream_factory(const TlsConfig& config,
                                                         std::string& error);

// Whether this host's OpenSSL can negotiate `suite` at all (at security level 0, as a link that
// asked for an old suite gets). Debian's OpenSSL 3 is built without RC4 and 3DES suites, so
// 0x0004, 0x0005 and 0x000A are unavailable there; the models refuse them at AT+SSLCFG.
bool cipher_suite_available(std::uint16_t suite);

}  // namespace cellemu::tls
