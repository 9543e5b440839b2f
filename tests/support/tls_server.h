#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "tests/support/loopback_acceptor.h"
#include "tests/support/loopback_servers.h"
#include "tests/support/test_certs.h"

namespace cellemu::testing {

struct TlsServerOptions {
  KeyPair identity;
  // Demand a client certificate signed by this CA (mutual TLS); empty = don't ask.
  std::string client_ca_pem;
  // TLS1_2_VERSION, TLS1_3_VERSION ...; 0 = library default.
  int min_version = 0;
  int max_version = 0;
  // Accept TCP but never answer the handshake.
  bool stall = false;
  bool echo = false;
};

// A real OpenSSL TLS server on 127.0.0.1:<ephemeral>, on its own thread.
class TlsServer {
 public:
  explicit TlsServer(TlsServerOptions options);
  ~TlsServer();

  std::uint16_t port() const { return acceptor_.port(); }
  bool wait_handshakes(std::size_t n, std::chrono::milliseconds deadline = 5s);
  bool wait_failures(std::size_t n, std::chrono::milliseconds deadline = 5s);
  bool wait_received(std::size_t conn, std::size_t bytes, std::chrono::milliseconds deadline = 5s);
  std::string received(std::size_t conn = 0) const;
  void send(std::size_t conn, std::string data);
  void close(std::size_t conn);
  // What the handshake of connection `conn` negotiated.
  std::string version(std::size_t conn = 0) const;
  std::string cipher(std::size_t conn = 0) const;
  std::string client_subject(std::size_t conn = 0) const;
  std::size_t tcp_connections() const;

 private:
  struct Conn;
  void on_accept(boost::asio::ip::tcp::socket socket);
  void do_read(const std::shared_ptr<Conn>& c);

  TlsServerOptions options_;
  ServerThread thread_;
  boost::asio::ssl::context ctx_;
  LoopbackAcceptor acceptor_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::shared_ptr<Conn>> conns_;  // handshakes that completed
  std::vector<std::shared_ptr<Conn>> all_;
  std::size_t failures_ = 0;
};

}  // namespace cellemu::testing
