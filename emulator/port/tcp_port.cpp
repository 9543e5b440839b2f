#include "emulator/port/tcp_port.h"

#include <fcntl.h>

#include <charconv>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include <fmt/format.h>

#include "emulator/core/logging.h"

namespace cellemu::port {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
constexpr std::size_t kTcpReadSize = 4096;
constexpr std::size_t kTcpMaxWriteBatch = 64 * 1024;
constexpr std::string_view kBusy = "\r\nBUSY\r\n";
// How long a refused client may take to close after reading BUSY before we close it.
constexpr auto kRefuseLinger = std::chrono::seconds(2);

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

std::string endpoint_text(const tcp::endpoint& ep) {
  const auto addr = ep.address();
  const std::string host = addr.is_v6() ? "[" + addr.to_string() + "]" : addr.to_string();
  return host + ":" + std::to_string(ep.port());
}

// A refused client: BUSY, then FIN, then whatever it still sends is read and dropped until it
// closes (closing with unread input would reset the connection and could lose the BUSY).
struct RefusedClient : std::enable_shared_from_this<RefusedClient> {
  RefusedClient(tcp::socket s) : socket(std::move(s)), linger(socket.get_executor()) {}
  void start() {
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    linger.expires_after(kRefuseLinger);
    linger.async_wait([self = shared_from_this()](const boost::system::error_code& e) {
      if (!e) self->finish();
    });
    asio::async_write(socket, asio::buffer(kBusy.data(), kBusy.size()),
                      [self = shared_from_this()](const boost::system::error_code& e, std::size_t) {
                        if (e) return self->finish();
                        boost::system::error_code ignored;
                        self->socket.shutdown(tcp::socket::shutdown_send, ignored);
                        self->drain();
                      });
  }
  void drain() {
    socket.async_read_some(
        asio::buffer(sink),
        [self = shared_from_this()](const boost::system::error_code& e, std::size_t) {
          if (e) return self->finish();
          self->drain();
        });
  }
  void finish() {
    boost::system::error_code ignored;
    linger.cancel();
    socket.close(ignored);
  }
  tcp::socket socket;
  asio::steady_timer linger;
  char sink[256];
};
}  // namespace

std::optional<ListenAddress> ListenAddress::parse(std::string_view text) {
  ListenAddress out;
  std::string_view port_text = text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find("]:");
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    out.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (out.host.find(':') != std::string::npos) return std::nullopt;  // IPv6 needs brackets
  }
  if (out.host == "localhost") out.host = "127.0.0.1";
  boost::system::error_code ec;
  asio::ip::make_address(out.host, ec);
  if (ec) return std::nullopt;
  const auto port = parse_port(port_text);
  if (!port) return std::nullopt;
  out.port = *port;
  return out;
}

std::shared_ptr<TcpPort> TcpPort::open(asio::io_context& io, const ListenAddress& where,
                                       std::error_code& ec) {
  boost::system::error_code bec;
  const auto address = asio::ip::make_address(where.host, bec);
  if (bec) {
    ec = std::make_error_code(std::errc::invalid_argument);
    return nullptr;
  }
  const tcp::endpoint endpoint(address, where.port);
  tcp::acceptor acceptor(io);
  acceptor.open(endpoint.protocol(), bec);
  if (!bec) acceptor.set_option(tcp::acceptor::reuse_address(true), bec);
  if (!bec) acceptor.bind(endpoint, bec);
  if (!bec) acceptor.listen(asio::socket_base::max_listen_connections, bec);
  if (!bec) {
    ::fcntl(acceptor.native_handle(), F_SETFD, FD_CLOEXEC);
    return std::shared_ptr<TcpPort>(new TcpPort(io, std::move(acceptor)));
  }
  ec = std::error_code(bec.value(), std::generic_category());
  return nullptr;
}

TcpPort::TcpPort(asio::io_context& io, tcp::acceptor acceptor)
    : io_(io), acceptor_(std::move(acceptor)), accept_retry_(io) {
  boost::system::error_code ec;
  const auto local = acceptor_.local_endpoint(ec);
  port_ = local.port();
  host_ = endpoint_text(local);
  exposed_ = !local.address().is_loopback();
}

TcpPort::~TcpPort() = default;

std::string TcpPort::describe() const {
  return "tcp://" + host_;
}

void TcpPort::start(Listener& listener) {
  listener_ = &listener;
  do_accept();
}

void TcpPort::do_accept() {
  if (closed_) return;
  acceptor_.async_accept(
      [self = shared_from_this()](const boost::system::error_code& ec, tcp::socket socket) {
        self->on_accept(ec, std::move(socket));
      });
}

void TcpPort::on_accept(const boost::system::error_code& ec, tcp::socket socket) {
  if (closed_ || ec == asio::error::operation_aborted) return;
  auto log = core::logger("port");
  if (ec) {
    // Out of descriptors or similar: keep the listener alive, the next accept may succeed.
    log->warn("{}: accept failed: {}", describe(), ec.message());
    accept_retry_.expires_after(std::chrono::milliseconds(100));
    accept_retry_.async_wait([self = shared_from_this()](const boost::system::error_code& e) {
      if (!e) self->do_accept();
    });
    return;
  }
  if (client_) {
    refuse(std::move(socket));
    return do_accept();
  }
  ::fcntl(socket.native_handle(), F_SETFD, FD_CLOEXEC);
  auto c = std::make_shared<Client>(std::move(socket));
  boost::system::error_code opt_ec;
  c->socket.set_option(tcp::no_delay(true), opt_ec);
  const auto remote = c->socket.remote_endpoint(opt_ec);
  c->peer = opt_ec ? "?" : endpoint_text(remote);
  client_ = c;
  log->info("{}: client {} connected", describe(), c->peer);
  if (idle_timer_) {
    last_input_ = timers_->now();
    idle_timer_->start(idle_, [this] { check_idle(); });
  }
  do_read(c);
  do_accept();
}

void TcpPort::refuse(tcp::socket socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  core::logger("port")->warn("{}: refused {} (BUSY): {} is connected", describe(),
                             ec ? "?" : endpoint_text(remote), client_->peer);
  std::make_shared<RefusedClient>(std::move(socket))->start();
}

void TcpPort::do_read(const std::shared_ptr<Client>& c) {
  if (c->reading || paused_ || closed_ || c != client_) return;
  if (c->read_buf.empty()) c->read_buf.resize(kTcpReadSize);
  c->reading = true;
  c->socket.async_read_some(
      asio::buffer(c->read_buf),
      [self = shared_from_this(), c](const boost::system::error_code& ec, std::size_t n) {
        self->on_read(c, ec, n);
      });
}

void TcpPort::on_read(const std::shared_ptr<Client>& c, const boost::system::error_code& ec,
                      std::size_t n) {
  c->reading = false;
  if (closed_ || c != client_) return;
  if (ec) {
    drop_client(ec == asio::error::eof ? "closed the connection" : ec.message());
    return;
  }
  if (idle_timer_) last_input_ = timers_->now();
  if (listener_) listener_->on_input(std::string_view(c->read_buf.data(), n));
  do_read(c);
}

void TcpPort::set_idle_timeout(core::TimerService& timers, core::Duration idle) {
  timers_ = &timers;
  idle_ = idle;
  if (idle <= core::Duration::zero()) {
    idle_timer_.reset();
    return;
  }
  idle_timer_ = std::make_unique<core::Timer>(timers);
}

// One timer per client, not one per read: at its deadline it looks when the client last spoke.
void TcpPort::check_idle() {
  if (!client_ || closed_) return;
  const core::Duration quiet = timers_->now() - last_input_;
  if (quiet < idle_) {
    idle_timer_->start(idle_ - quiet, [this] { check_idle(); });
    return;
  }
  drop_client(fmt::format("sent nothing for {:.1f} s (--listen-idle): disconnected",
                          std::chrono::duration<double>(quiet).count()));
}

void TcpPort::write(std::string_view bytes) {
  if (closed_ || !client_ || bytes.empty()) return;
  client_->pending.append(bytes);
  if (queued_output() > low_water()) above_low_water_ = true;
  schedule_write(client_);
}

void TcpPort::schedule_write(const std::shared_ptr<Client>& c) {
  if (c->writing) return;
  c->writing = true;
  asio::post(io_, [self = shared_from_this(), c] { self->do_write(c); });
}

void TcpPort::do_write(const std::shared_ptr<Client>& c) {
  if (closed_ || c != client_) return;
  if (c->inflight_off >= c->inflight.size()) {
    c->inflight.clear();
    c->inflight_off = 0;
    if (c->pending.empty()) {
      c->writing = false;
      return;
    }
    c->inflight.swap(c->pending);
  }
  const std::size_t len = std::min(c->inflight.size() - c->inflight_off, kTcpMaxWriteBatch);
  c->socket.async_write_some(
      asio::buffer(c->inflight.data() + c->inflight_off, len),
      [self = shared_from_this(), c](const boost::system::error_code& ec, std::size_t n) {
        self->on_write(c, ec, n);
      });
}

void TcpPort::on_write(const std::shared_ptr<Client>& c, const boost::system::error_code& ec,
                       std::size_t n) {
  if (closed_ || c != client_) return;
  if (ec) {
    drop_client(ec.message());
    return;
  }
  c->inflight_off += n;
  if (above_low_water_ && queued_output() <= low_water()) {
    above_low_water_ = false;
    if (listener_) listener_->on_output_drained();
  }
  do_write(c);
}

void TcpPort::drop_client(std::string_view why) {
  if (!client_) return;
  core::logger("port")->info("{}: client {} {}", describe(), client_->peer, why);
  boost::system::error_code ec;
  client_->socket.close(ec);
  client_.reset();
  if (idle_timer_) idle_timer_->cancel();
  // Its unsent output is gone with it: whoever waited for the queue to drain may go on.
  if (above_low_water_) {
    above_low_water_ = false;
    if (listener_) listener_->on_output_drained();
  }
}

std::size_t TcpPort::queued_output() const {
  if (!client_) return 0;
  return client_->inflight.size() - client_->inflight_off + client_->pending.size();
}

void TcpPort::pause_input() {
  paused_ = true;
}

void TcpPort::resume_input() {
  paused_ = false;
  if (client_) do_read(client_);
}

void TcpPort::close() {
  if (closed_) return;
  closed_ = true;
  listener_ = nullptr;
  boost::system::error_code ec;
  acceptor_.close(ec);
  accept_retry_.cancel();
  if (idle_timer_) idle_timer_->cancel();
  if (client_) client_->socket.close(ec);
  client_.reset();
}

}  // namespace cellemu::port
