#include "models/common/module_socket.h"

#include <algorithm>

#include <fmt/format.h>

#include "emulator/core/connection_log.h"
#include "models/common/module_sockets.h"

namespace cellemu::models {

ModuleSocket::ModuleSocket(ModuleSockets& set, int id, SocketEvents& events, ReceiveBuffer buffer)
    : set_(set),
      id_(id),
      events_(events),
      buffer_(std::move(buffer)),
      timer_(set.modem().timers()),
      drops_(set.modem().timers(), [this](std::uint64_t datagrams, std::uint64_t bytes) {
        log("drop", "datagrams dropped",
            fmt::format("receive buffer full: {} datagram(s), {} bytes", datagrams, bytes));
      }) {}

ModuleSocket::~ModuleSocket() {
  drop();
}

std::string ModuleSocket::reported_ip() const {
  if (link_ && !link_->remote_ip().empty()) return link_->remote_ip();
  return target_.host;
}

std::string_view ModuleSocket::kind() const {
  if (target_.tls) return "SSL";
  if (!target_.kind.empty()) return target_.kind;
  return target_.protocol == net::Protocol::Udp ? "UDP" : "TCP";
}

void ModuleSocket::reset() {
  drop();
  drops_.flush();
  link_.reset();
  target_ = {};
  state_ = State::Initial;
  tx_bytes_ = 0;
  dropped_ = 0;
  buffer_.clear();
  paused_ = 0;
}

void ModuleSocket::begin(SocketTarget target) {
  reset();
  target_ = std::move(target);
  state_ = State::Connecting;
}

void ModuleSocket::clear() {
  reset();
}

bool ModuleSocket::connect() {
  net::OpenOptions options;
  if (target_.tls) {
    auto tls = set_.tls_for(*this);
    if (!tls) return false;
    options = std::move(*tls);
  }
  const net::LinkSpec spec{target_.protocol, target_.host, target_.port, target_.local_port};
  attach(set_.modem().sockets().open(spec, *this, options));
  return true;
}

std::optional<net::NetError> ModuleSocket::listen() {
  std::optional<net::NetError> error;
  const net::LinkSpec spec{target_.protocol, target_.host, target_.port, target_.local_port};
  attach(set_.modem().sockets().listen(spec, *this, error));
  if (error) return error;
  target_.local_port = link_->bound_port();
  state_ = State::Listening;
  return std::nullopt;
}

void ModuleSocket::adopt(std::shared_ptr<net::Link> link, SocketTarget target) {
  reset();
  target_ = std::move(target);
  state_ = State::Connected;
  link->set_handler(this);
  attach(std::move(link));
}

// The one chunking policy: a stream is handed on in segments, a datagram whole, so that a full
// buffer drops a datagram, never part of one, and a push frames what arrived as the peer sent it.
void ModuleSocket::attach(std::shared_ptr<net::Link> link) {
  link_ = std::move(link);
  link_->set_chunk_size(target_.protocol == net::Protocol::Tcp ? kMaxSegment : net::Link::kWhole);
  if (set_.output_paused()) paused_ |= kPauseOutput;
  if (paused_ != 0) link_->pause_reading();
}

void ModuleSocket::after(core::Duration delay, std::function<void()> step) {
  if (delay > core::Duration::zero()) {
    timer_.start(delay, std::move(step));
  } else {
    step();
  }
}

void ModuleSocket::drop(bool abort) {
  timer_.cancel();
  if (!link_) return;
  link_->set_handler(nullptr);
  link_->close(abort);
}

bool ModuleSocket::send(std::string data) {
  if (!link_ || (state_ != State::Connected && state_ != State::Listening)) return false;
  const std::size_t n = data.size();
  if (n > 0 && !link_->send(std::move(data))) return false;
  tx_bytes_ += n;
  return true;
}

std::uint64_t ModuleSocket::acked_bytes() const {
  if (!link_) return 0;
  return std::min<std::uint64_t>(tx_bytes_, link_->bytes_acked());
}

bool ModuleSocket::fits_or_drop(std::size_t n, std::size_t limit) {
  if (target_.protocol == net::Protocol::Tcp || buffer_.size() + n <= limit) return true;
  ++dropped_;
  drops_.record(n);
  return false;
}

bool ModuleSocket::store(std::string_view data) {
  if (!fits_or_drop(data.size(), buffer_.capacity())) return false;
  buffer_.store(data);
  return true;
}

bool ModuleSocket::hold(std::string_view data, std::size_t limit) {
  if (!fits_or_drop(data.size(), limit)) return false;
  buffer_.hold(data);
  if (target_.protocol == net::Protocol::Tcp && buffer_.size() >= limit) pause(kPauseBuffer);
  return true;
}

void ModuleSocket::update_flow(bool storing) {
  if (storing && target_.protocol == net::Protocol::Tcp && buffer_.full()) {
    pause(kPauseBuffer);
  } else if (!storing || buffer_.has_room()) {
    resume(kPauseBuffer);
  }
}

void ModuleSocket::pause(unsigned reason) {
  const bool was = paused_ != 0;
  paused_ |= reason;
  if (!was && link_) link_->pause_reading();
}

void ModuleSocket::resume(unsigned reason) {
  if ((paused_ & reason) == 0) return;
  paused_ &= ~reason;
  if (paused_ == 0 && link_) link_->resume_reading();
}

void ModuleSocket::log(std::string_view event, std::string_view result,
                       std::string_view detail) const {
  const std::string peer = fmt::format("{}:{}", reported_ip(), target_.port);
  core::log_connection({.modem = set_.modem().at().options().modem_name,
                        .link = id_,
                        .protocol = kind(),
                        .peer = peer,
                        .event = event,
                        .result = result,
                        .detail = detail});
}

ModemBase::LinkStatus ModuleSocket::status(std::string state) const {
  ModemBase::LinkStatus st{.id = id_,
                           .protocol = std::string(kind()),
                           .remote = fmt::format("{}:{}", reported_ip(), target_.port),
                           .state = std::move(state),
                           .dropped = dropped_};
  if (link_) {
    st.sent = link_->bytes_sent();
    st.received = link_->bytes_received();
    st.nat_lost = link_->nat_lost();
  }
  return st;
}

// --- link events: only the current link's reach the stack ---

void ModuleSocket::on_connected(net::Link& link) {
  if (!current(link)) return;
  state_ = State::Connected;
  events_.on_connected(*this);
}

// MH: a name that does not resolve is reported after the module's own DNS attempts (about 12 s,
// the "real" timing profile's dns_failure).
void ModuleSocket::on_connect_failed(net::Link& link, net::NetError error) {
  if (!current(link)) return;
  const core::Duration delay = error == net::NetError::DnsFailure
                                   ? set_.modem().profile().timing.dns_failure
                                   : core::Duration::zero();
  after(delay, [this, error] { events_.on_connect_failed(*this, error); });
}

void ModuleSocket::on_data(net::Link& link, std::string_view chunk, const std::string& from_ip,
                           std::uint16_t from_port) {
  if (current(link)) events_.on_data(*this, chunk, from_ip, from_port);
}

void ModuleSocket::on_closed(net::Link& link, net::NetError reason) {
  if (!current(link)) return;
  state_ = State::Closed;
  events_.on_closed(*this, reason);
}

void ModuleSocket::on_writable(net::Link& link) {
  if (current(link)) events_.on_writable(*this);
}

void ModuleSocket::on_nat_lost(net::Link& link) {
  if (!current(link)) return;
  log("nat-lost", "traffic silently dropped",
      "carrier NAT mapping gone (idle timeout or blackhole); the module still shows the link");
  events_.on_nat_lost(*this);
}

bool ModuleSocket::on_accepted(net::Link& listener, std::shared_ptr<net::Link> connection) {
  if (!current(listener)) return false;
  return events_.on_accepted(*this, std::move(connection));
}

}  // namespace cellemu::models
