#include "net/udp_link.h"

#include <boost/asio/post.hpp>

#include "emulator/core/logging.h"

namespace cellemu::net {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {
constexpr std::size_t kMaxDatagram = 65536;
}

std::shared_ptr<UdpLink> UdpLink::create(asio::io_context& io, LinkContext context, LinkSpec spec) {
  return std::shared_ptr<UdpLink>(new UdpLink(io, context, std::move(spec)));
}

UdpLink::UdpLink(asio::io_context& io, LinkContext context, LinkSpec spec)
    : Link(std::move(spec), context), socket_(io) {}

void UdpLink::connect(const std::vector<asio::ip::udp::endpoint>& endpoints,
                      std::string virtual_ip) {
  if (state_ == LinkState::Closed) return;
  remote_ip_ = std::move(virtual_ip);
  if (endpoints.empty()) return report_connect_failed(NetError::DnsFailure);
  const auto& endpoint = endpoints.front();
  error_code ec;
  socket_.open(endpoint.protocol(), ec);
  if (!ec && spec_.local_port != 0) {
    socket_.bind(asio::ip::udp::endpoint(endpoint.protocol(), spec_.local_port), ec);
  }
  if (!ec) socket_.connect(endpoint, ec);
  if (ec) return report_connect_failed(NetError::Io);
  bound_port_ = socket_.local_endpoint(ec).port();
  asio::post(socket_.get_executor(),
             [self = std::static_pointer_cast<UdpLink>(shared_from_this())] {
               if (self->state_ != LinkState::Opening) return;
               self->state_ = LinkState::Connected;
               self->started();
               self->notify([&] { self->handler_->on_connected(*self); });
               self->start_reading();
             });
}

std::optional<NetError> UdpLink::bind_service(const std::string& address,
                                              const DestinationFilter& filter) {
  filter_ = &filter;
  error_code ec;
  const auto addr = asio::ip::make_address(address, ec);
  if (ec) return NetError::Io;
  const asio::ip::udp::endpoint local(addr, spec_.local_port);
  socket_.open(local.protocol(), ec);
  if (!ec) socket_.bind(local, ec);
  if (ec) return NetError::Io;
  service_ = true;
  bound_port_ = socket_.local_endpoint(ec).port();
  remote_ip_ = spec_.host;
  state_ = LinkState::Listening;
  start_reading();
  return std::nullopt;
}

void UdpLink::start_reading() {
  if (reading_ || !reading_allowed() || !socket_.is_open()) return;
  if (state_ != LinkState::Connected && state_ != LinkState::Listening) return;
  if (read_buf_.empty()) read_buf_.resize(kMaxDatagram);
  reading_ = true;
  socket_.async_receive_from(asio::buffer(read_buf_), sender_,
                             [self = std::static_pointer_cast<UdpLink>(shared_from_this())](
                                 const error_code& ec, std::size_t n) { self->on_read(ec, n); });
}

void UdpLink::on_read(const error_code& ec, std::size_t n) {
  reading_ = false;
  if (state_ == LinkState::Closed) return;
  if (ec == asio::error::operation_aborted) return;
  // ICMP port-unreachable shows up as ECONNREFUSED on a connected UDP socket; a module's UDP link
  // does not care, so neither do we.
  if (!ec && !service_) {
    deliver(std::string_view(read_buf_.data(), n), remote_ip_, spec_.port);
  } else if (!ec && admit(sender_.address(), sender_.port(), "from")) {
    // A forbidden sender is dropped: the module never hears of it, nor answers it.
    last_sender_ = sender_;
    deliver(std::string_view(read_buf_.data(), n), sender_.address().to_string(), sender_.port());
  }
  start_reading();
}

bool UdpLink::can_send() const {
  return service_ ? last_sender_.has_value() && state_ != LinkState::Closed
                  : state_ == LinkState::Connected;
}

bool UdpLink::transmit(std::string data) {
  if (service_) {
    if (!last_sender_) return false;
    queued_bytes_ += data.size();
    out_.push_back({std::move(data), last_sender_});
  } else {
    if (state_ != LinkState::Connected) return false;
    queued_bytes_ += data.size();
    out_.push_back({std::move(data), std::nullopt});
  }
  if (!writing_) do_write();
  return true;
}

// Addressed datagrams are a service's replies; a client talks to its one peer only.
bool UdpLink::transmit_to(std::string data, const std::string& ip, std::uint16_t port) {
  error_code ec;
  const auto addr = asio::ip::make_address(ip, ec);
  if (ec || !service_ || !socket_.is_open() || state_ == LinkState::Closed) return false;
  if (!admit(addr, port, "to")) return false;
  queued_bytes_ += data.size();
  out_.push_back({std::move(data), asio::ip::udp::endpoint(addr, port)});
  if (!writing_) do_write();
  return true;
}

void UdpLink::do_write() {
  if (out_.empty() || state_ == LinkState::Closed) {
    writing_ = false;
    return;
  }
  writing_ = true;
  auto self = std::static_pointer_cast<UdpLink>(shared_from_this());
  auto done = [self](const error_code&, std::size_t) {
    // A datagram that cannot be sent is lost, as on a radio link.
    if (self->out_.empty()) {
      self->writing_ = false;
      return;
    }
    const std::size_t size = self->out_.front().data.size();
    self->queued_bytes_ -= size;
    self->bytes_sent_ += size;
    self->out_.pop_front();
    if (self->out_.empty() && self->handler_) {
      self->writing_ = false;
      self->notify([&] { self->handler_->on_writable(*self); });
      return;
    }
    self->do_write();
  };
  const Datagram& d = out_.front();
  if (d.to) {
    socket_.async_send_to(asio::buffer(d.data), *d.to, std::move(done));
  } else {
    socket_.async_send(asio::buffer(d.data), std::move(done));
  }
}

bool UdpLink::admit(const asio::ip::address& peer, std::uint16_t port, const char* direction) {
  if (!filter_ || filter_->permits({}, peer)) return true;
  ++refused_;
  if (log_refusal(refused_)) {
    core::logger("net")->warn(
        "link {}: UDP service on port {} dropped a datagram {} {}:{} "
        "(--allow/--deny); {} so far",
        id(), bound_port_, direction, peer.to_string(), port, refused_);
  }
  return false;
}

// UDP has no peer to close or reset it; an injected fault still ends the link for the module.
void UdpLink::fail(NetError reason) {
  if (state_ == LinkState::Closed) return;
  error_code ignored;
  socket_.close(ignored);
  out_.clear();
  queued_bytes_ = 0;
  report_closed(reason);
}

void UdpLink::close(bool) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  error_code ignored;
  socket_.close(ignored);
  out_.clear();
  queued_bytes_ = 0;
}

}  // namespace cellemu::net
