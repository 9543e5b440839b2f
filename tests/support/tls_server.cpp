#include "tests/support/tls_server.h"

#include <openssl/ssl.h>

#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>

#include "tests/support/ordered_writes.h"

namespace cellemu::testing {

namespace asio = boost::asio;
using boost::system::error_code;

struct TlsServer::Conn {
  Conn(asio::ip::tcp::socket s, asio::ssl::context& ctx) : stream(std::move(s), ctx) {}
  asio::ssl::stream<asio::ip::tcp::socket> stream;
  std::array<char, 65536> buf{};
  std::string received;
  std::string version, cipher, subject;
  OrderedWrites<asio::ssl::stream<asio::ip::tcp::socket>> writes{stream};
};

TlsServer::TlsServer(TlsServerOptions options)
    : options_(std::move(options)), ctx_(asio::ssl::context::tls_server), acceptor_(thread_.io()) {
  ctx_.use_certificate_chain(asio::buffer(options_.identity.cert_pem));
  ctx_.use_private_key(asio::buffer(options_.identity.key_pem), asio::ssl::context::pem);
  SSL_CTX_set_options(ctx_.native_handle(), SSL_OP_IGNORE_UNEXPECTED_EOF);
  if (!options_.client_ca_pem.empty()) {
    ctx_.add_certificate_authority(asio::buffer(options_.client_ca_pem));
    ctx_.set_verify_mode(asio::ssl::verify_peer | asio::ssl::verify_fail_if_no_peer_cert);
  }
  if (options_.min_version)
    SSL_CTX_set_min_proto_version(ctx_.native_handle(), options_.min_version);
  if (options_.max_version)
    SSL_CTX_set_max_proto_version(ctx_.native_handle(), options_.max_version);
  thread_.run([&] {
    acceptor_.start([this](asio::ip::tcp::socket socket) { on_accept(std::move(socket)); });
  });
}

TlsServer::~TlsServer() {
  thread_.run([&] {
    error_code ignored;
    acceptor_.close();
    for (auto& c : all_) c->stream.next_layer().close(ignored);
  });
}

void TlsServer::on_accept(asio::ip::tcp::socket socket) {
  auto conn = std::make_shared<Conn>(std::move(socket), ctx_);
  {
    std::lock_guard lock(mu_);
    all_.push_back(conn);
  }
  cv_.notify_all();
  if (options_.stall) return;
  conn->stream.async_handshake(asio::ssl::stream_base::server, [this, conn](const error_code& e) {
    std::lock_guard lock(mu_);
    if (e) {
      ++failures_;
    } else {
      SSL* ssl = conn->stream.native_handle();
      conn->version = SSL_get_version(ssl);
      conn->cipher = SSL_get_cipher_name(ssl);
      if (X509* peer = SSL_get1_peer_certificate(ssl)) {
        char name[256];
        X509_NAME_oneline(X509_get_subject_name(peer), name, sizeof name);
        conn->subject = name;
        X509_free(peer);
      }
      conns_.push_back(conn);
      do_read(conn);
    }
    cv_.notify_all();
  });
}

void TlsServer::do_read(const std::shared_ptr<Conn>& c) {
  c->stream.async_read_some(asio::buffer(c->buf), [this, c](const error_code& ec, std::size_t n) {
    {
      std::lock_guard lock(mu_);
      c->received.append(c->buf.data(), n);
    }
    cv_.notify_all();
    if (ec) return;
    if (options_.echo && n > 0) c->writes.write(std::string(c->buf.data(), n), c);
    do_read(c);
  });
}

bool TlsServer::wait_handshakes(std::size_t n, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, [&] { return conns_.size() >= n; });
}

bool TlsServer::wait_failures(std::size_t n, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, [&] { return failures_ >= n; });
}

bool TlsServer::wait_received(std::size_t conn, std::size_t bytes,
                              std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, [&] {
    return conn < conns_.size() && conns_[conn]->received.size() >= bytes;
  });
}

std::string TlsServer::received(std::size_t conn) const {
  std::lock_guard lock(mu_);
  return conn < conns_.size() ? conns_[conn]->received : std::string();
}

void TlsServer::send(std::size_t conn, std::string data) {
  thread_.run([&] {
    auto c = conns_.at(conn);
    c->writes.write(std::move(data), c);
  });
}

void TlsServer::close(std::size_t conn) {
  thread_.run([&] {
    auto c = conns_.at(conn);
    c->stream.async_shutdown([c](const error_code&) {
      error_code ignored;
      c->stream.next_layer().close(ignored);
    });
  });
}

std::string TlsServer::version(std::size_t conn) const {
  std::lock_guard lock(mu_);
  return conns_.at(conn)->version;
}
std::string TlsServer::cipher(std::size_t conn) const {
  std::lock_guard lock(mu_);
  return conns_.at(conn)->cipher;
}
std::string TlsServer::client_subject(std::size_t conn) const {
  std::lock_guard lock(mu_);
  return conns_.at(conn)->subject;
}
std::size_t TlsServer::tcp_connections() const {
  std::lock_guard lock(mu_);
  return all_.size();
}

}  // namespace cellemu::testing
