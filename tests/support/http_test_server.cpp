#include "tests/support/http_test_server.h"

#include <openssl/ssl.h>

#include <algorithm>

#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

namespace cellemu::testing {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

bool same_nocase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string header_in(std::string_view head, std::string_view name) {
  std::size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos && pos + 2 < head.size()) {
    const std::size_t end = head.find("\r\n", pos + 2);
    const std::string_view line = head.substr(pos + 2, end - pos - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && same_nocase(line.substr(0, colon), name)) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    pos = end;
  }
  return {};
}

}  // namespace

std::string SeenRequest::header(std::string_view name) const {
  return header_in(std::string_view(raw).substr(0, raw.find("\r\n\r\n") + 2), name);
}

struct HttpTestServer::Conn {
  Conn(asio::ip::tcp::socket s, asio::ssl::context& ctx, bool secure)
      : stream(std::move(s), ctx), tls(secure), timer(stream.get_executor()) {}
  asio::ssl::stream<asio::ip::tcp::socket> stream;
  bool tls;
  asio::steady_timer timer;
  std::array<char, 16384> buf{};
  std::string in;
  std::string out;
  std::string raw_after;
};

HttpTestServer::HttpTestServer(Handler handler, const KeyPair* tls_identity)
    : handler_(std::move(handler)), acceptor_(thread_.io()) {
  if (tls_identity) {
    tls_ = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    tls_->use_certificate_chain(asio::buffer(tls_identity->cert_pem));
    tls_->use_private_key(asio::buffer(tls_identity->key_pem), asio::ssl::context::pem);
    SSL_CTX_set_options(tls_->native_handle(), SSL_OP_IGNORE_UNEXPECTED_EOF);
  }
  thread_.run([&] {
    const asio::ip::tcp::endpoint local(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(local.protocol());
    acceptor_.bind(local);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    do_accept();
  });
}

HttpTestServer::~HttpTestServer() {
  thread_.run([&] {
    error_code ignored;
    acceptor_.close(ignored);
    for (auto& c : conns_) {
      c->timer.cancel();
      c->stream.next_layer().close(ignored);
    }
  });
}

void HttpTestServer::do_accept() {
  acceptor_.async_accept([this](const error_code& ec, asio::ip::tcp::socket socket) {
    if (ec) return;
    auto c = std::make_shared<Conn>(std::move(socket), tls_ ? *tls_ : plain_ctx_, tls_ != nullptr);
    {
      std::lock_guard lock(mu_);
      conns_.push_back(c);
    }
    if (c->tls) {
      c->stream.async_handshake(asio::ssl::stream_base::server, [this, c](const error_code& e) {
        if (!e) do_read(c);
      });
    } else {
      do_read(c);
    }
    do_accept();
  });
}

void HttpTestServer::do_read(const std::shared_ptr<Conn>& c) {
  auto on_read = [this, c](const error_code& ec, std::size_t n) {
    c->in.append(c->buf.data(), n);
    const std::size_t head_end = c->in.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      const std::string length =
          header_in(std::string_view(c->in).substr(0, head_end + 2), "Content-Length");
      const std::size_t body = length.empty() ? 0 : std::stoul(length);
      if (c->in.size() >= head_end + 4 + body) {
        SeenRequest r;
        r.raw = c->in.substr(0, head_end + 4 + body);
        r.body = r.raw.substr(head_end + 4);
        const std::size_t sp1 = r.raw.find(' ');
        const std::size_t sp2 = r.raw.find(' ', sp1 + 1);
        r.method = r.raw.substr(0, sp1);
        r.target = r.raw.substr(sp1 + 1, sp2 - sp1 - 1);
        return answer(c, std::move(r));
      }
    }
    if (!ec) do_read(c);
  };
  if (c->tls) {
    c->stream.async_read_some(asio::buffer(c->buf), on_read);
  } else {
    c->stream.next_layer().async_read_some(asio::buffer(c->buf), on_read);
  }
}

void HttpTestServer::answer(const std::shared_ptr<Conn>& c, SeenRequest request) {
  Reply reply = handler_(request);
  {
    std::lock_guard lock(mu_);
    requests_.push_back(std::move(request));
  }
  cv_.notify_all();
  if (reply.hang) return;
  c->raw_after = reply.raw_after;
  c->timer.expires_after(reply.delay);
  c->timer.async_wait([this, c, bytes = std::move(reply.bytes)](const error_code& ec) mutable {
    if (!ec) send(c, std::move(bytes));
  });
}

// Writes the reply, then ends the connection (close_notify first under TLS).
void HttpTestServer::send(const std::shared_ptr<Conn>& c, std::string bytes) {
  c->out = std::move(bytes);
  auto done = [c](const error_code&, std::size_t) {
    if (!c->raw_after.empty()) {  // under TLS: bytes that are no TLS record, a broken stream
      asio::async_write(c->stream.next_layer(), asio::buffer(c->raw_after),
                        [c](const error_code&, std::size_t) {
                          error_code ignored;
                          c->stream.next_layer().close(ignored);
                        });
      return;
    }
    if (!c->tls) {
      error_code ignored;
      c->stream.next_layer().shutdown(asio::socket_base::shutdown_send, ignored);
      return;
    }
    c->stream.async_shutdown([c](const error_code&) {
      error_code ignored;
      c->stream.next_layer().close(ignored);
    });
  };
  if (c->tls) {
    asio::async_write(c->stream, asio::buffer(c->out), done);
  } else {
    asio::async_write(c->stream.next_layer(), asio::buffer(c->out), done);
  }
}

std::vector<SeenRequest> HttpTestServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

bool HttpTestServer::wait_requests(std::size_t n, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, [&] { return requests_.size() >= n; });
}

std::size_t HttpTestServer::connections() const {
  std::lock_guard lock(mu_);
  return conns_.size();
}

std::string HttpTestServer::response(int status, std::string_view body, std::string_view headers) {
  const char* reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Status";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n" + std::string(headers) +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

Reply HttpTestServer::serve_file(const std::string& file, const SeenRequest& request) {
  const std::string range = request.header("Range");
  if (range.rfind("bytes=", 0) != 0) {
    if (request.method != "HEAD") return {response(200, file)};
    return {"HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(file.size()) + "\r\n\r\n"};
  }
  const std::size_t dash = range.find('-');
  const std::size_t first = std::stoul(range.substr(6, dash - 6));
  std::size_t last = file.size() - 1;
  if (dash + 1 < range.size()) last = std::min(last, std::stoul(range.substr(dash + 1)));
  if (first >= file.size() || first > last)
    return {
        "HTTP/1.1 416 Range Not Satisfiable\r\n"
        "Content-Length: 0\r\n\r\n"};
  const std::string part = file.substr(first, last - first + 1);
  return {"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + std::to_string(first) + "-" +
          std::to_string(last) + "/" + std::to_string(file.size()) +
          "\r\nContent-Length: " + std::to_string(part.size()) + "\r\n\r\n" + part};
}

}  // namespace cellemu::testing
