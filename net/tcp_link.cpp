#include "net/tcp_link.h"

#include <linux/sockios.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>

#include "emulator/core/logging.h"

namespace cellemu::net {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {
constexpr std::size_t kReadSize = 16 * 1024;
// How long a polite TLS close waits for the peer's close_notify before the socket goes.
constexpr core::Duration kCloseNotifyWait = std::chrono::seconds(1);
// How often the kernel's send queue is looked at while someone waits for the peer's ACKs.
constexpr std::chrono::milliseconds kAckPoll{2};

NetError classify(const error_code& ec) {
  if (ec == asio::error::connection_refused) return NetError::Refused;
  if (ec == asio::error::host_unreachable || ec == asio::error::network_unreachable) {
    return NetError::Unreachable;
  }
  if (ec == asio::error::timed_out) return NetError::Timeout;
  if (ec == asio::error::eof) return NetError::PeerClosed;
  if (ec == asio::error::connection_reset || ec == asio::error::broken_pipe) {
    return NetError::PeerReset;
  }
  return NetError::Io;
}
}  // namespace

std::shared_ptr<TcpLink> TcpLink::create(asio::io_context& io, LinkContext context, LinkSpec spec,
                                         Options options) {
  return std::shared_ptr<TcpLink>(new TcpLink(io, context, std::move(spec), std::move(options)));
}

std::shared_ptr<TcpLink> TcpLink::adopt(asio::ip::tcp::socket socket, LinkContext context,
                                        LinkSpec spec) {
  auto& io = static_cast<asio::io_context&>(socket.get_executor().context());
  auto link = create(io, context, std::move(spec), {});
  link->remote_ip_ = link->spec_.host;
  link->socket_ = std::move(socket);
  error_code ec;
  link->bound_port_ = link->socket_.local_endpoint(ec).port();
  link->socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  link->stream_ = std::make_unique<tls::PlainStream>(std::move(link->socket_));
  link->state_ = LinkState::Connected;
  return link;
}

TcpLink::TcpLink(asio::io_context& io, LinkContext context, LinkSpec spec, Options options)
    : Link(std::move(spec), context),
      options_(std::move(options)),
      socket_(io),
      deadline_(context.timers),
      ack_timer_(io) {}

void TcpLink::start() {
  started();
  start_reading();
}

void TcpLink::connect(std::vector<asio::ip::tcp::endpoint> endpoints, std::string virtual_ip) {
  if (state_ == LinkState::Closed) return;
  endpoints_ = std::move(endpoints);
  remote_ip_ = std::move(virtual_ip);
  next_endpoint_ = 0;
  if (options_.connect_timeout) {
    deadline_.start(*options_.connect_timeout,
                    [self = std::static_pointer_cast<TcpLink>(shared_from_this())] {
                      error_code ignored;
                      self->socket_.close(ignored);
                      self->endpoints_.clear();
                      self->report_connect_failed(NetError::Timeout);
                    });
  }
  try_next();
}

void TcpLink::try_next() {
  if (state_ == LinkState::Closed) return;
  if (next_endpoint_ >= endpoints_.size()) {
    deadline_.cancel();
    report_connect_failed(NetError::Refused);
    return;
  }
  const auto endpoint = endpoints_[next_endpoint_++];
  error_code ec;
  socket_.close(ec);
  socket_.open(endpoint.protocol(), ec);
  if (!ec && spec_.local_port != 0) {
    socket_.set_option(asio::socket_base::reuse_address(true), ec);
    socket_.bind(asio::ip::tcp::endpoint(endpoint.protocol(), spec_.local_port), ec);
  }
  if (ec) {
    deadline_.cancel();
    report_connect_failed(classify(ec));
    return;
  }
  socket_.async_connect(endpoint, [self = std::static_pointer_cast<TcpLink>(shared_from_this())](
                                      const error_code& e) { self->on_connect(e); });
}

void TcpLink::on_connect(const error_code& ec) {
  if (state_ == LinkState::Closed) return;
  if (ec) {
    if (next_endpoint_ < endpoints_.size()) return try_next();
    deadline_.cancel();
    report_connect_failed(classify(ec));
    return;
  }
  error_code ignored;
  socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
  bound_port_ = socket_.local_endpoint(ignored).port();
  if (options_.tls) {
    stream_ = options_.tls->wrap(std::move(socket_), options_.server_name);
  } else {
    stream_ = std::make_unique<tls::PlainStream>(std::move(socket_));
  }
  if (options_.handshake_timeout && stream_->secure()) {
    deadline_.start(*options_.handshake_timeout,
                    [self = std::static_pointer_cast<TcpLink>(shared_from_this())] {
                      self->failure_detail_ = "handshake timed out";
                      error_code ignored2;
                      self->stream_->socket().close(ignored2);
                    });
  } else if (!stream_->secure()) {
    deadline_.cancel();
  }
  stream_->async_handshake([self = std::static_pointer_cast<TcpLink>(shared_from_this())](
                               const error_code& e) { self->on_handshake(e); });
}

void TcpLink::on_handshake(const error_code& ec) {
  deadline_.cancel();
  if (state_ == LinkState::Closed) return;
  if (ec) {
    if (failure_detail_.empty()) failure_detail_ = stream_->failure_detail();
    if (failure_detail_.empty()) failure_detail_ = ec.message();
    core::logger("net")->info("link {}: TLS with {}:{} failed: {}", id(), spec_.host, spec_.port,
                              failure_detail_);
    error_code ignored;
    stream_->socket().close(ignored);
    report_connect_failed(NetError::TlsFailure);
    return;
  }
  established();
}

void TcpLink::established() {
  state_ = LinkState::Connected;
  started();
  notify([&] { handler_->on_connected(*this); });
  start_reading();
}

void TcpLink::start_reading() {
  if (reading_ || !reading_allowed() || state_ != LinkState::Connected || !stream_) return;
  if (read_buf_.empty()) read_buf_.resize(kReadSize);
  reading_ = true;
  stream_->async_read_some(asio::buffer(read_buf_),
                           [self = std::static_pointer_cast<TcpLink>(shared_from_this())](
                               const error_code& ec, std::size_t n) { self->on_read(ec, n); });
}

void TcpLink::on_read(const error_code& ec, std::size_t n) {
  reading_ = false;
  if (state_ != LinkState::Connected) return;
  if (n > 0) deliver(std::string_view(read_buf_.data(), n), remote_ip_, spec_.port);
  if (ec) return fail(classify(ec));
  start_reading();
}

bool TcpLink::transmit(std::string data) {
  if (state_ != LinkState::Connected || !stream_) return false;
  queued_bytes_ += data.size();
  out_.push_back(std::move(data));
  if (!writing_) do_write();
  return true;
}

void TcpLink::do_write() {
  if (out_.empty() || state_ != LinkState::Connected) {
    writing_ = false;
    return;
  }
  writing_ = true;
  const std::string& front = out_.front();
  stream_->async_write_some(asio::buffer(front.data() + out_off_, front.size() - out_off_),
                            [self = std::static_pointer_cast<TcpLink>(shared_from_this())](
                                const error_code& ec, std::size_t n) { self->on_write(ec, n); });
}

void TcpLink::on_write(const error_code& ec, std::size_t n) {
  if (state_ != LinkState::Connected) {
    writing_ = false;
    return;
  }
  if (ec) {
    writing_ = false;
    return fail(classify(ec));
  }
  out_off_ += n;
  queued_bytes_ -= n;
  bytes_sent_ += n;
  if (out_off_ == out_.front().size()) {
    out_.pop_front();
    out_off_ = 0;
  }
  if (out_.empty()) {
    writing_ = false;
    notify([&] { handler_->on_writable(*this); });
    return;
  }
  do_write();
}

// The connection ends under the model: reported, and the host socket closed (with RST for a
// reset) so an injected fault looks the same to the server as to the module.
void TcpLink::fail(NetError reason) {
  if (state_ != LinkState::Connected) return;
  error_code ignored;
  if (stream_) {
    if (reason == NetError::PeerReset) {
      stream_->socket().set_option(asio::socket_base::linger(true, 0), ignored);
    }
    stream_->socket().close(ignored);
  }
  out_.clear();
  queued_bytes_ = 0;
  ack_timer_.cancel();
  for (auto& waiter : std::exchange(ack_waiters_, {})) waiter(false);
  report_closed(reason);
}

void TcpLink::close(bool abort) {
  if (state_ == LinkState::Closed) return;
  const bool polite = !abort && state_ == LinkState::Connected && stream_ && stream_->secure();
  state_ = LinkState::Closed;
  deadline_.cancel();
  error_code ignored;
  if (polite) {
    // close_notify first; the stream lives on until the peer answers or the wait ends (emulated
    // time). Only the pending shutdown owns it, so the wait needs no cancelling.
    std::shared_ptr<tls::Stream> stream = std::move(stream_);
    ctx_.timers.schedule(kCloseNotifyWait, [weak = std::weak_ptr<tls::Stream>(stream)] {
      error_code e;
      if (auto s = weak.lock()) s->socket().close(e);
    });
    stream->async_shutdown([stream](const error_code&) {
      error_code e;
      stream->socket().close(e);
    });
  } else {
    auto& sock = stream_ ? stream_->socket() : socket_;
    if (abort && sock.is_open()) sock.set_option(asio::socket_base::linger(true, 0), ignored);
    sock.close(ignored);
  }
  out_.clear();
  queued_bytes_ = 0;
  ack_timer_.cancel();
  for (auto& waiter : std::exchange(ack_waiters_, {})) waiter(false);
  read_buf_.clear();
  read_buf_.shrink_to_fit();
}

std::size_t TcpLink::unacked() const {
  if (!stream_ || state_ != LinkState::Connected) return 0;
  int pending = 0;
  auto& sock = const_cast<TcpLink*>(this)->stream_->socket();
  if (!sock.is_open() || ::ioctl(sock.native_handle(), SIOCOUTQ, &pending) != 0) return 0;
  return static_cast<std::size_t>(pending);
}

std::uint64_t TcpLink::bytes_acked() const {
  const std::size_t outstanding = unacked();
  return bytes_sent_ > outstanding ? bytes_sent_ - outstanding : 0;
}

// The kernel's send queue (SIOCOUTQ) holds what the peer has not acknowledged yet: poll it. The
// poll runs on real time, not on the injected clock: it waits for the host's TCP, which
// acknowledges in real time whatever --time-scale says, and the kernel offers no event for it
// (a manual test clock would never let it see an ACK).
void TcpLink::when_acked(std::function<void(bool)> done) {
  if (state_ != LinkState::Connected) return done(false);
  ack_waiters_.push_back(std::move(done));
  if (ack_waiters_.size() == 1) poll_acked();
}

void TcpLink::poll_acked() {
  if (ack_waiters_.empty()) return;
  if (queued_bytes_ == 0 && unacked() == 0) {
    for (auto& waiter : std::exchange(ack_waiters_, {})) waiter(true);
    return;
  }
  ack_timer_.expires_after(kAckPoll);
  ack_timer_.async_wait(
      [self = std::static_pointer_cast<TcpLink>(shared_from_this())](const error_code& ec) {
        if (!ec) self->poll_acked();
      });
}

void TcpLink::apply_keepalive(bool on, int idle_s, int interval_s, int count) {
  auto& sock = stream_ ? stream_->socket() : socket_;
  if (!sock.is_open()) return;
  const int fd = sock.native_handle();
  const int enable = on ? 1 : 0;
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &enable, sizeof enable);
  if (!on) return;
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle_s, sizeof idle_s);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval_s, sizeof interval_s);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

}  // namespace cellemu::net
