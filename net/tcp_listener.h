#pragma once

#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "emulator/core/timer_service.h"
#include "net/destination_filter.h"
#include "net/link.h"

namespace cellemu::net {

// A listening TCP socket of the module (NM28 "TCP LISTENER"): every accepted connection is
// handed to the handler as a connected TcpLink, unless --allow/--deny forbid its peer: such a
// connection is closed at once, counted and logged, and the module never hears of it.
class TcpListener final : public Link {
 public:
  static std::shared_ptr<TcpListener> create(boost::asio::io_context& io, LinkContext context,
                                             LinkSpec spec);
  // Binds `address` (--module-listen-address); inbound peers must pass `filter`, which must
  // outlive the listener.
  std::optional<NetError> listen(const std::string& address, const DestinationFilter& filter);
  void close(bool abort = false) override;
  void release() override;
  // Called with every connection it accepts, so the service that made the listener can release
  // them when its modem goes away (they outlive the listener while I/O is pending).
  void set_adopt_hook(std::function<void(const std::shared_ptr<Link>&)> hook) {
    adopt_hook_ = std::move(hook);
  }
  // Connections refused because the filter forbids their peer.
  std::uint64_t refused() const { return refused_; }

 private:
  TcpListener(boost::asio::io_context& io, LinkContext context, LinkSpec spec);
  bool transmit(std::string) override { return false; }
  bool can_send() const override { return false; }
  void fail(NetError reason) override;
  void start_reading() override;
  void on_accept(const boost::system::error_code& ec, boost::asio::ip::tcp::socket socket);

  bool admit(const boost::asio::ip::tcp::endpoint& peer);

  boost::asio::ip::tcp::acceptor acceptor_;
  bool accepting_ = false;
  const DestinationFilter* filter_ = nullptr;
  std::uint64_t refused_ = 0;
  std::function<void(const std::shared_ptr<Link>&)> adopt_hook_;
};

}  // namespace cellemu::net
