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
  static std::shared_ptr<TcpListener> create(boost::asio::io_context& io,
                                             core::TimerService& timers, LinkSpec spec);
  std::optional<NetError> listen(const std::string& address);

  bool send(std::string) override { return false; }
  void close(bool abort = false) override;

 private:
  TcpListener(boost::asio::io_context& io, core::TimerService& timers, LinkSpec spec);
  void start_reading() override;
  void on_accept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  boost::asio::ip::tcp::acceptor acceptor_;
  core::TimerService& timers_;
  bool accepting_ = false;
};

}  // namespace cellemu::net
