#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/common/modem_base.h"
#include "models/common/ssl_context.h"
#include "net/socket_service.h"

namespace cellemu::models {

// The link a TLS session is set up for, as the firmware was asked for it.
struct TlsTarget {
  int link = 0;  // the module's link / socket id (for the log)
  std::string host;
  std::uint16_t port = 0;
};

// The TLS of one link from an SSL context, set up when the link opens: version range, suite,
// verification (seclevel), the certificate files read from the module file system now, the
// server name (hostname, else the host when it is a name: no SNI and no name check for an IP
// literal), the handshake deadline (negotiate time, on the emulated clock). The newest version
// "all" reaches is TLS 1.2, or 1.3 with the profile's tls13 knob.
// nullopt when the module cannot start the session (a file missing or unparsable, a version or
// suite OpenSSL 3 does not have): the reason is logged with `failure_result`, the line the model
// then reports, and the model answers as for a failed handshake.
std::optional<net::OpenOptions> make_tls_link_options(ModemBase& m, const SslContext& ctx,
                                                      const TlsTarget& target,
                                                      std::string_view failure_result);

// One connection-level log line for a TLS failure with its reason (OpenSSL's words).
void log_tls_failure(ModemBase& m, const TlsTarget& target, std::string_view result,
                     std::string_view detail);

}  // namespace cellemu::models
