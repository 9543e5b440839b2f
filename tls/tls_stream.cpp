#include "tls/tls_stream.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

namespace cellemu::tls {

namespace asio = boost::asio;

TlsStream::TlsStream(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> ctx,
                     const std::string& server_name, bool check_name)
    : ctx_(std::move(ctx)), stream_(std::move(socket), *ctx_) {
  SSL* ssl = stream_.native_handle();
  if (server_name.empty()) return;
  boost::system::error_code ec;
  asio::ip::make_address(server_name, ec);                     // ec set: a name, not an address
  if (ec) SSL_set_tlsext_host_name(ssl, server_name.c_str());  // SNI carries names only
  if (!check_name) return;
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (ec) {
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    X509_VERIFY_PARAM_set1_host(param, server_name.c_str(), server_name.size());
  } else {
    X509_VERIFY_PARAM_set1_ip_asc(param, server_name.c_str());
  }
}

void TlsStream::async_handshake(DoneHandler done) {
  stream_.async_handshake(asio::ssl::stream_base::client,
                          [this, done = std::move(done)](const boost::system::error_code& ec) {
                            if (ec) {
                              const long verify = SSL_get_verify_result(stream_.native_handle());
                              detail_ = verify != X509_V_OK
                                            ? std::string("certificate verify failed: ") +
                                                  X509_verify_cert_error_string(verify)
                                            : ec.message();
                            }
                            done(ec);
                          });
}

}  // namespace cellemu::tls
