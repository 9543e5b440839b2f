#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include "tls/stream.h"

namespace cellemu::tls {

// TLS over a connected TCP socket (asio::ssl on OpenSSL 3), client side.
class TlsStream final : public Stream {
 public:
  TlsStream(boost::asio::ip::tcp::socket socket, std::shared_ptr<boost::asio::ssl::context> ctx,
            const std::string& server_name, bool check_name);

  void async_handshake(DoneHandler done) override;
  void async_read_some(boost::asio::mutable_buffer buffer, IoHandler handler) override {
    stream_.async_read_some(buffer, std::move(handler));
  }
  void async_write_some(boost::asio::const_buffer buffer, IoHandler handler) override {
    stream_.async_write_some(buffer, std::move(handler));
  }
  void async_shutdown(DoneHandler done) override { stream_.async_shutdown(std::move(done)); }
  boost::asio::ip::tcp::socket& socket() override { return stream_.next_layer(); }
  std::string failure_detail() const override { return detail_; }
  bool secure() const override { return true; }

 private:
  std::shared_ptr<boost::asio::ssl::context> ctx_;  // outlives the stream
  boost::asio::ssl::stream<boost::asio::ip::tcp::socket> stream_;
  std::string detail_;
};

}  // namespace cellemu::tls
