#include "net/tcp_listener.h"

#include "emulator/core/logging.h"
#include "net/tcp_link.h"

namespace cellemu::net {

namespace asio = boost::asio;
using boost::system::error_code;

std::shared_ptr<TcpListener> TcpListener::create(asio::io_context& io, LinkContext context,
                                                 LinkSpec spec) {
  return std::shared_ptr<TcpListener>(new TcpListener(io, context, std::move(spec)));
}

TcpListener::TcpListener(asio::io_context& io, LinkContext context, LinkSpec spec)
    : Link(std::move(spec), context), acceptor_(io) {}

std::optional<NetError> TcpListener::listen(const std::string& address,
                                            const DestinationFilter& filter) {
  filter_ = &filter;
  error_code ec;
  const auto addr = asio::ip::make_address(address, ec);
  if (ec) return NetError::Io;
  const asio::ip::tcp::endpoint local(addr, spec_.local_port);
  acceptor_.open(local.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(local, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return NetError::Io;
  bound_port_ = acceptor_.local_endpoint(ec).port();
  state_ = LinkState::Listening;
  start_reading();
  return std::nullopt;
}

void TcpListener::start_reading() {
  if (accepting_ || !reading_allowed() || state_ != LinkState::Listening) return;
  accepting_ = true;
  acceptor_.async_accept([self = std::static_pointer_cast<TcpListener>(shared_from_this())](
                             const error_code& ec, asio::ip::tcp::socket socket) {
    self->on_accept(ec, std::move(socket));
  });
}

void TcpListener::on_accept(const error_code& ec, asio::ip::tcp::socket socket) {
  accepting_ = false;
  if (state_ != LinkState::Listening) return;
  error_code ignored;
  const auto peer = socket.remote_endpoint(ignored);
  if (!ec && !admit(peer)) {
    socket.close(ignored);
  } else if (!ec) {
    LinkSpec spec{Protocol::Tcp, peer.address().to_string(), peer.port(), bound_port_};
    auto link = TcpLink::adopt(std::move(socket), ctx_, std::move(spec));
    if (adopt_hook_) adopt_hook_(link);
    bool adopted = false;
    notify([&] { adopted = handler_->on_accepted(*this, link); });
    if (adopted && link->state() == LinkState::Connected) {
      link->start();
    } else {
      link->close();
    }
  }
  start_reading();
}

void TcpListener::release() {
  adopt_hook_ = nullptr;  // the service that set it is going away
  Link::release();
}

// The filter applies to who connects in as it does to where the module connects out.
bool TcpListener::admit(const asio::ip::tcp::endpoint& peer) {
  if (!filter_ || filter_->permits({}, peer.address())) return true;
  ++refused_;
  if (log_refusal(refused_)) {
    core::logger("net")->warn(
        "link {}: listener on port {} refused {}:{} (--allow/--deny); {} so far", id(), bound_port_,
        peer.address().to_string(), peer.port(), refused_);
  }
  return false;
}

void TcpListener::fail(NetError reason) {
  if (state_ == LinkState::Closed) return;
  error_code ignored;
  acceptor_.close(ignored);
  report_closed(reason);
}

void TcpListener::close(bool) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  error_code ignored;
  acceptor_.close(ignored);
}

}  // namespace cellemu::net
