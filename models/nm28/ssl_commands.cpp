// SSL (nm28.md §3.4, S3 §2.4 and §3.2): AT+SSLCFG and the TLS of sockets opened with
// Ssl_Enable=1.
#include <fmt/format.h>

#include "models/common/tls_link_options.h"
#include "models/nm28/nm28_commands.h"
#include "models/nm28/nm28_model.h"

namespace cellemu::models::nm28 {

// The parameters S3 §2.4 lists (with "clientkey" listed twice), contexts 0-7, no erase form.
SslDialect ssl_dialect() {
  return SslDialect{
      .params = {{"sslversion", SslParam::Version},
                 {"ciphersuite", SslParam::CipherSuite},
                 {"cacert", SslParam::CaCert},
                 {"clientcert", SslParam::ClientCert},
                 {"clientkey", SslParam::ClientKey},
                 {"seclevel", SslParam::SecLevel},
                 {"ignorelocaltime", SslParam::IgnoreLocalTime},
                 {"negotiatetime", SslParam::NegotiateTime}},
      .context_ids = {0, 1, 2, 3, 4, 5, 6, 7},
      .erase_form = false,
  };
}

std::optional<net::OpenOptions> Nm28Model::socket_tls(int ssl_ctx, const std::string& host,
                                                      std::uint16_t port) {
  const TlsTarget target{ssl_ctx, host, port};
  const std::string failure = fmt::format("+SSLOPEN: {},552", ssl_ctx);  // OQ-44
  const SslContext* ctx = ssl_.find(ssl_ctx);
  if (!ctx) {
    log_tls_failure(*this, target, failure, "no SSL context with the socket's number");
    return std::nullopt;
  }
  return make_tls_link_options(*this, *ctx, target, failure);
}

void add_ssl_commands(at::CommandTable<Nm28Model>& t) {
  // AT+SSLCFG=<params_name>,<sslctxID>[,<value>] -> OK | query line | ERROR (S3 §2.4, OQ-47);
  // values quoted ("3", "0XFFFF", "ca.crt" as S3 writes them) or not.
  // AT+SSLCFG? -> OK; AT+SSLCFG=? -> +SSLCFG:(params_name),(sslctxID),(value) (S3, N-031).
  t.add("+SSLCFG", SslContexts::command<Nm28Model>("+SSLCFG:(params_name),(sslctxID),(value)"));
}

}  // namespace cellemu::models::nm28
