#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "emulator/core/timer_service.h"
#include "net/link.h"

namespace cellemu::net {

// A listening TCP socket of the module (NM28 "TCP LISTENER"): every accepted connection is
// handed to the handler as a connected TcpLink.
class TcpListener final : public Link {
 public:
  static std::shared_ptr<TcpListener> create(boost::asio::io_context& io, LinkContext context,
                                             LinkSpec spec);
  std::optional<NetError> listen(const std::string& address);
  void close(bool abort = false) override;

 private:
  TcpListener(boost::asio::io_context& io, LinkContext context, LinkSpec spec);
  bool transmit(std::string) override { return false; }
  bool can_send() const override { return false; }
  void fail(NetError reason) override;
  void start_reading() override;
  void on_accept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  boost::asio::ip::tcp::acceptor acceptor_;
  bool accepting_ = false;
};

}  // namespace cellemu::net
