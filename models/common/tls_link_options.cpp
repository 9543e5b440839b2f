#include "models/common/tls_link_options.h"

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

#include "emulator/core/connection_log.h"
#include "emulator/core/logging.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::models {
namespace {

tls::TlsVersion version_of(int sslversion) {
  switch (sslversion) {
    case 0:
      return tls::TlsVersion::Ssl3;
    case 1:
      return tls::TlsVersion::Tls10;
    case 2:
      return tls::TlsVersion::Tls11;
    default:
      return tls::TlsVersion::Tls12;
  }
}

tls::Verify verify_of(int seclevel) {
  switch (seclevel) {
    case 0:
      return tls::Verify::None;
    case 1:
      return tls::Verify::Server;
    default:
      return tls::Verify::Mutual;
  }
}

bool is_ip_literal(const std::string& host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  return !ec;
}

// Reads the file the parameter `what` names; false with the reason when the module has no such
// file.
bool load(const fs::ModuleFs& fs, std::string_view what, const std::string& name, std::string& out,
          std::string& error) {
  auto data = fs.load(name);
  if (!data) {
    error = fmt::format("{} file \"{}\" is not in the module file system", what, name);
    return false;
  }
  out = std::move(*data);
  return true;
}

// Certificates by seclevel: 1 and 2 verify the server against cacert; 2 presents clientcert and
// clientkey when they are configured ("如果被远程服务器请求", S3 §2.4), else none.
bool load_credentials(const fs::ModuleFs& fs, const SslContext& c, tls::TlsConfig& out,
                      std::string& error) {
  if (out.verify == tls::Verify::None) return true;
  // No cacert: the module verifies against its built-in root store (S3 §3.2 sets none).
  if (!c.ca_cert.empty() && !load(fs, "cacert", c.ca_cert, out.ca_pem, error)) return false;
  if (out.verify != tls::Verify::Mutual || c.client_cert.empty()) return true;
  if (c.client_key.empty()) {
    error = "clientcert is configured without clientkey";
    return false;
  }
  return load(fs, "clientcert", c.client_cert, out.cert_pem, error) &&
         load(fs, "clientkey", c.client_key, out.key_pem, error);
}

bool build_config(ModemBase& m, const SslContext& c, const TlsTarget& target, tls::TlsConfig& out,
                  std::string& error) {
  if (c.version != SslContext::kAllVersions) out.version = version_of(c.version);
  out.newest = m.profile().tls13 ? tls::TlsVersion::Tls13 : tls::TlsVersion::Tls12;
  if (c.cipher_suite != SslContext::kAllSuites) out.cipher_suites = {c.cipher_suite};
  out.verify = verify_of(c.sec_level);
  out.roots = m.roots();
  if (!load_credentials(m.fs(), c, out, error)) return false;
  out.server_name = !c.host_name.empty()         ? c.host_name
                    : is_ip_literal(target.host) ? std::string()
                                                 : target.host;
  out.ignore_time = c.ignore_local_time;
  out.handshake_timeout = std::chrono::seconds(c.negotiate_s);
  return true;
}

// What the host set that OpenSSL cannot honour: kept for the query form, noted in the log.
void note_unused(ModemBase& m, const SslContext& c, const TlsTarget& target) {
  if (c.client_random.empty() && c.premaster.empty() && c.verify_mode == 0) return;
  core::logger("tls")->info(
      "{} link {}: clientrandom \"{}\", premaster \"{}\", verifymode {} are accepted but not "
      "applied (OpenSSL chooses its own random and premaster secret; seclevel decides "
      "verification)",
      m.at().options().modem_name, target.link, c.client_random, c.premaster, c.verify_mode);
}

}  // namespace

void log_tls_failure(ModemBase& m, const TlsTarget& target, std::string_view result,
                     std::string_view detail) {
  const std::string peer = fmt::format("{}:{}", target.host, target.port);
  core::log_connection({.modem = m.at().options().modem_name,
                        .link = target.link,
                        .protocol = "SSL",
                        .peer = peer,
                        .event = "tls",
                        .result = result,
                        .detail = detail},
                       spdlog::level::warn);
}

std::optional<net::OpenOptions> make_tls_link_options(ModemBase& m, const SslContext& ctx,
                                                      const TlsTarget& target,
                                                      std::string_view failure_result) {
  tls::TlsConfig config;
  std::string error;
  std::shared_ptr<const tls::StreamFactory> factory;
  if (build_config(m, ctx, target, config, error))
    factory = tls::make_stream_factory(config, error);
  if (!factory) {
    log_tls_failure(m, target, failure_result, error);
    return std::nullopt;
  }
  note_unused(m, ctx, target);
  return net::OpenOptions{.tls = std::move(factory),
                          .server_name = config.server_name,
                          .handshake_timeout = config.handshake_timeout};
}

}  // namespace cellemu::models
