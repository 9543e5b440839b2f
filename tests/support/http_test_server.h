#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "tests/support/loopback_servers.h"
#include "tests/support/test_certs.h"

namespace cellemu::testing {

// One request as the server received it.
struct SeenRequest {
  std::string method;
  std::string target;
  std::string raw;  // the exact bytes: request line, header, empty line, body
  std::string body;
  // A header value by case-insensitive name ("" if absent).
  std::string header(std::string_view name) const;
};

// What the server answers: exactly these bytes, after a wall-clock delay; or nothing at all.
// The connection is closed after the reply (the end of a to-close body).
struct Reply {
  std::string bytes;
  std::chrono::milliseconds delay{0};
  bool hang = false;
  // Written to the TCP socket under TLS after the reply, then the socket is closed: a TLS stream
  // that breaks after the handshake.
  std::string raw_after;
};

// An HTTP/1.1 test server on 127.0.0.1:<ephemeral>, plain or TLS, on its own thread. A handler
// decides every reply byte for byte, so the W- cases' servers can be written out exactly.
class HttpTestServer {
 public:
  using Handler = std::function<Reply(const SeenRequest&)>;
  explicit HttpTestServer(Handler handler, const KeyPair* tls_identity = nullptr);
  ~HttpTestServer();

  std::uint16_t port() const { return port_; }
  std::vector<SeenRequest> requests() const;
  bool wait_requests(std::size_t n, std::chrono::milliseconds deadline = 5s);
  std::size_t connections() const;

  // "HTTP/1.1 <status> <reason>\r\n<headers>Content-Length: <n>\r\n\r\n<body>".
  static std::string response(int status, std::string_view body, std::string_view headers = "");
  // A file server that honours "Range: bytes=a-b" / "bytes=a-" (206 with Content-Range).
  static Reply serve_file(const std::string& file, const SeenRequest& request);

 private:
  struct Conn;
  void do_accept();
  void do_read(const std::shared_ptr<Conn>& c);
  void answer(const std::shared_ptr<Conn>& c, SeenRequest request);
  void send(const std::shared_ptr<Conn>& c, std::string bytes);

  Handler handler_;
  ServerThread thread_;
  std::unique_ptr<boost::asio::ssl::context> tls_;
  boost::asio::ssl::context plain_ctx_{boost::asio::ssl::context::tls_server};
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<SeenRequest> requests_;
  std::vector<std::shared_ptr<Conn>> conns_;
};

}  // namespace cellemu::testing
