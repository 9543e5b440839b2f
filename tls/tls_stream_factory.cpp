#include "tls/tls_stream_factory.h"

#include <algorithm>
#include <memory>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fmt/format.h>

#include "tls/root_store.h"
#include "tls/tls_stream.h"

namespace cellemu::tls {

namespace asio = boost::asio;

const char* openssl_cipher_name(std::uint16_t suite) {
  switch (suite) {
    case 0x0035:
      return "AES256-SHA";
    case 0x002F:
      return "AES128-SHA";
    case 0x0005:
      return "RC4-SHA";
    case 0x0004:
      return "RC4-MD5";
    case 0x000A:
      return "DES-CBC3-SHA";
    case 0x003D:
      return "AES256-SHA256";
    default:
      return nullptr;
  }
}

const char* iana_cipher_name(std::uint16_t suite) {
  switch (suite) {
    case 0x0035:
      return "TLS_RSA_WITH_AES_256_CBC_SHA";
    case 0x002F:
      return "TLS_RSA_WITH_AES_128_CBC_SHA";
    case 0x0005:
      return "TLS_RSA_WITH_RC4_128_SHA";
    case 0x0004:
      return "TLS_RSA_WITH_RC4_128_MD5";
    case 0x000A:
      return "TLS_RSA_WITH_3DES_EDE_CBC_SHA";
    case 0x003D:
      return "TLS_RSA_WITH_AES_256_CBC_SHA256";
    default:
      return "unknown";
  }
}

namespace {

int openssl_version(TlsVersion v) {
  switch (v) {
    case TlsVersion::Ssl3:
      return SSL3_VERSION;
    case TlsVersion::Tls10:
      return TLS1_VERSION;
    case TlsVersion::Tls11:
      return TLS1_1_VERSION;
    case TlsVersion::Tls12:
      return TLS1_2_VERSION;
    case TlsVersion::Tls13:
      return TLS1_3_VERSION;
  }
  return TLS1_2_VERSION;
}

std::string openssl_errors() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

class Factory final : public StreamFactory {
 public:
  Factory(std::shared_ptr<asio::ssl::context> ctx, bool check_name)
      : ctx_(std::move(ctx)), check_name_(check_name) {}
  std::unique_ptr<Stream> wrap(asio::ip::tcp::socket socket,
                               const std::string& server_name) const override {
    return std::make_unique<TlsStream>(std::move(socket), ctx_, server_name, check_name_);
  }

 private:
  std::shared_ptr<asio::ssl::context> ctx_;
  bool check_name_;
};

bool set_versions(SSL_CTX* ctx, const TlsConfig& c, std::string& error) {
  const TlsVersion lo = c.version.value_or(TlsVersion::Tls10);
  const TlsVersion hi = c.version.value_or(c.newest);
  if (lo == TlsVersion::Ssl3) {
    error =
        "SSL 3.0 is not available in OpenSSL 3 (removed); the module's SSL 3.0 setting cannot "
        "be emulated";
    return false;
  }
  // OpenSSL 3 refuses TLS 1.0/1.1 above security level 0; an old module stack does not care.
  SSL_CTX_set_security_level(ctx, lo < TlsVersion::Tls12 ? 0 : 1);
  SSL_CTX_set_min_proto_version(ctx, openssl_version(lo));
  SSL_CTX_set_max_proto_version(ctx, openssl_version(hi));
  return true;
}

// The suites an old stack had and OpenSSL 3 keeps only below security level 1.
bool is_legacy(std::uint16_t suite) {
  return suite == 0x0004 || suite == 0x0005 || suite == 0x000A;
}

bool set_ciphers(SSL_CTX* ctx, const TlsConfig& c, std::string& error) {
  if (c.cipher_suites.empty()) return true;
  // Only this link's context is lowered, and only when it asked for such a suite.
  if (std::any_of(c.cipher_suites.begin(), c.cipher_suites.end(), is_legacy)) {
    SSL_CTX_set_security_level(ctx, 0);
  }
  std::string list;
  for (const auto suite : c.cipher_suites) {
    const char* name = openssl_cipher_name(suite);
    if (!name || SSL_CTX_set_cipher_list(ctx, name) != 1) {
      ERR_clear_error();
      error = fmt::format("cipher suite 0x{:04X} {} is not available in OpenSSL 3{}", suite,
                          iana_cipher_name(suite),
                          name ? " (RC4 and 3DES were removed)" : " (unknown suite)");
      return false;
    }
    if (!list.empty()) list += ':';
    list += name;
  }
  SSL_CTX_set_cipher_list(ctx, list.c_str());
  // These are TLS 1.2-and-older suites: a module told to use one cannot negotiate TLS 1.3.
  if (SSL_CTX_get_max_proto_version(ctx) == 0 ||
      SSL_CTX_get_max_proto_version(ctx) > TLS1_2_VERSION) {
    SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  }
  return true;
}

bool load_credentials(asio::ssl::context& ctx, const TlsConfig& c, std::string& error) {
  boost::system::error_code ec;
  if (c.verify != Verify::None) {
    if (c.ca_pem.empty() && c.roots) {
      c.roots->apply(ctx.native_handle());  // no cacert: the built-in root store
    } else if (c.ca_pem.empty()) {
      error =
          "server authentication needs a CA certificate: no cacert was configured and there "
          "is no built-in root store (--ca-bundle)";
      return false;
    } else {
      ctx.add_certificate_authority(asio::buffer(c.ca_pem), ec);
    }
    if (ec) {
      error = "cannot load the CA certificate: " + ec.message();
      return false;
    }
    ctx.set_verify_mode(asio::ssl::verify_peer);
  } else {
    ctx.set_verify_mode(asio::ssl::verify_none);
  }
  if (c.verify == Verify::Mutual && !c.cert_pem.empty()) {
    ctx.use_certificate_chain(asio::buffer(c.cert_pem), ec);
    if (!ec) ctx.use_private_key(asio::buffer(c.key_pem), asio::ssl::context::pem, ec);
    if (ec) {
      error = "cannot load the client certificate or key: " + ec.message();
      return false;
    }
  }
  if (c.ignore_time) {
    X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx.native_handle()), X509_V_FLAG_NO_CHECK_TIME);
  }
  return true;
}

}  // namespace

bool cipher_suite_available(std::uint16_t suite) {
  const char* name = openssl_cipher_name(suite);
  if (!name) return false;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        &SSL_CTX_free);
  if (!ctx) return false;
  SSL_CTX_set_security_level(ctx.get(), 0);
  const bool ok = SSL_CTX_set_cipher_list(ctx.get(), name) == 1;
  ERR_clear_error();
  return ok;
}

std::shared_ptr<const StreamFactory> make_stream_factory(const TlsConfig& config,
                                                         std::string& error) {
  auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  SSL_CTX* native = ctx->native_handle();
  // Servers see a plain TCP close from a module that drops its link; don't treat the same from
  // them as an error either.
  SSL_CTX_set_options(native, SSL_OP_IGNORE_UNEXPECTED_EOF);
  if (!set_versions(native, config, error) || !set_ciphers(native, config, error) ||
      !load_credentials(*ctx, config, error)) {
    const std::string detail = openssl_errors();
    if (!detail.empty()) error += " (" + detail + ")";
    return nullptr;
  }
  const bool check_name = config.verify != Verify::None && !config.server_name.empty();
  return std::make_shared<Factory>(std::move(ctx), check_name);
}

}  // namespace cellemu::tls
