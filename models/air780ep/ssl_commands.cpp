// SSL (air780ep.md §6; LM SSLCFG.md, CIPSSL.md; S0 two-way-auth recipe): AT+SSLCFG and the TLS
// of the links opened while AT+CIPSSL=1.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"
#include "models/common/tls_link_options.h"

namespace cellemu::models::air780ep {

SslDialect ssl_dialect() {
  return SslDialect{
      .params = {{"sslversion", SslParam::Version},
                 {"ciphersuite", SslParam::CipherSuite},
                 {"cacert", SslParam::CaCert},
                 {"clientcert", SslParam::ClientCert},
                 {"clientkey", SslParam::ClientKey},
                 {"seclevel", SslParam::SecLevel},
                 {"hostname", SslParam::HostName},
                 {"ignorelocaltime", SslParam::IgnoreLocalTime},
                 {"negotiatetimeout", SslParam::NegotiateTime},
                 {"clientrandom", SslParam::ClientRandom},
                 {"premaster", SslParam::Premaster},
                 {"verifymode", SslParam::VerifyMode}},
      // 0-5 bound to the link ids (single link: 0), 34 FTP, 88 MQTT, 153 HTTP (LM SSLCFG.md).
      .context_ids = {0, 1, 2, 3, 4, 5, 34, 88, 153},
      .erase_form = true,
  };
}

// The context with the link's id (single link: 0, S0 "在单链接的情况下缺省为 0"). A link the module
// cannot set TLS up for is reported as CONNECT FAIL, like a failed handshake (H-010).
std::optional<net::OpenOptions> Air780epModel::link_tls(int id, const std::string& host,
                                                        std::uint16_t port) {
  const TlsTarget target{id, host, port};
  const SslContext* ctx = ssl_.find(id);
  if (!ctx) {
    log_tls_failure(*this, target, "CONNECT FAIL", "no SSL context for this link id");
    return std::nullopt;
  }
  if (profile().ssl_requires_version && !ctx->version_set) {  // MH, V1004
    log_tls_failure(*this, target, "CONNECT FAIL",
                    "sslversion was never set (ssl_requires_version: V1004 firmware fails every "
                    "TLS link until it is)");
    return std::nullopt;
  }
  return make_tls_link_options(*this, *ctx, target, "CONNECT FAIL");
}

void add_ssl_commands(at::CommandTable<Air780epModel>& t) {
  // AT+SSLCFG="<param>",<ctx>[,<value>] -> OK / query line / ERROR (OQ-35, OQ-47);
  // AT+SSLCFG="<param>",<ctx>, erases; AT+SSLCFG=? -> OK; AT+SSLCFG? -> OK.
  t.add("+SSLCFG", SslContexts::command<Air780epModel>({}));
}

}  // namespace cellemu::models::air780ep
