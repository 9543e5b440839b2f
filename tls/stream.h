#pragma once

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace cellemu::tls {

// A connected byte stream to a peer: plain TCP, or TLS over it. Links read and write through
// this so the data paths are the same with and without TLS.
class Stream {
 public:
  using IoHandler = std::function<void(const boost::system::error_code&, std::size_t)>;
  using DoneHandler = std::function<void(const boost::system::error_code&)>;

  virtual ~Stream() = default;
  // Completes at once for plain TCP; runs the TLS handshake otherwise.
  virtual void async_handshake(DoneHandler done) = 0;
  virtual void async_read_some(boost::asio::mutable_buffer buffer, IoHandler handler) = 0;
  virtual void async_write_some(boost::asio::const_buffer buffer, IoHandler handler) = 0;
  // Ends the session politely (TLS close_notify); plain TCP just shuts down sending.
  virtual void async_shutdown(DoneHandler done) = 0;
  virtual boost::asio::ip::tcp::socket& socket() = 0;
  // Why the handshake or the session failed, in the TLS library's words (for the log).
  virtual std::string failure_detail() const { return {}; }
  virtual bool secure() const { return false; }
};

// Wraps a connected socket in a Stream (TLS configured per link by the model).
class StreamFactory {
 public:
  virtual ~StreamFactory() = default;
  virtual std::unique_ptr<Stream> wrap(boost::asio::ip::tcp::socket socket,
                                       const std::string& server_name) const = 0;
};

class PlainStream final : public Stream {
 public:
  explicit PlainStream(boost::asio::ip::tcp::socket socket) : socket_(std::move(socket)) {}
  void async_handshake(DoneHandler done) override;
  void async_read_some(boost::asio::mutable_buffer buffer, IoHandler handler) override {
    socket_.async_read_some(buffer, std::move(handler));
  }
  void async_write_some(boost::asio::const_buffer buffer, IoHandler handler) override {
    socket_.async_write_some(buffer, std::move(handler));
  }
  void async_shutdown(DoneHandler done) override;
  boost::asio::ip::tcp::socket& socket() override { return socket_; }

 private:
  boost::asio::ip::tcp::socket socket_;
};

}  // namespace cellemu::tls
