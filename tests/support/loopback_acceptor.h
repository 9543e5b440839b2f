// The accept loop of the test servers (TcpServer, TlsServer): a listener on 127.0.0.1 at a port
// the kernel picks, handing every accepted socket to its owner.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace cellemu::testing {

class LoopbackAcceptor {
 public:
  using Socket = boost::asio::ip::tcp::socket;
  using OnAccept = std::function<void(Socket)>;

  explicit LoopbackAcceptor(boost::asio::io_context& io) : acceptor_(io) {}

  // Binds, listens and accepts until closed; on the io_context's thread.
  void start(OnAccept on_accept) {
    const boost::asio::ip::tcp::endpoint local(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(local.protocol());
    acceptor_.bind(local);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
    on_accept_ = std::move(on_accept);
    do_accept();
  }
  // On the io_context's thread; the pending accept ends without a call.
  void close() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  }
  std::uint16_t port() const { return port_; }

 private:
  void do_accept() {
    acceptor_.async_accept([this](const boost::system::error_code& ec, Socket socket) {
      if (ec) return;
      on_accept_(std::move(socket));
      do_accept();
    });
  }

  boost::asio::ip::tcp::acceptor acceptor_;
  OnAccept on_accept_;
  std::uint16_t port_ = 0;
};

}  // namespace cellemu::testing
