#include "models/nm28/nm28_socket.h"

#include <fmt/format.h>

#include "emulator/core/logging.h"
#include "models/common/tls_link_options.h"
#include "models/nm28/nm28_model.h"
#include "models/nm28/push_framing.h"

namespace cellemu::models::nm28 {
namespace {
// +IPOPEN <Status> values (OQ-44, emulator-defined in the QA numbering).
constexpr int kStatusOk = 0;
constexpr int kStatusDnsFailed = 565;
constexpr int kStatusConnectFailed = 566;
constexpr int kStatusTlsFailed = 552;

// OQ-42: without network service the open fails this long after its OK.
constexpr core::Duration kNoNetworkDelay = std::chrono::seconds(1);
// UDP links hand over whole datagrams so that a full buffer drops a datagram, never part of one.
constexpr std::size_t kMaxDatagram = 65536;
// Retry of a raw flush while a delayed CONNECT ("real" timing) has not gone out yet.
constexpr core::Duration kFlushRetry = std::chrono::milliseconds(1);

int open_status(net::NetError error) {
  switch (error) {
    case net::NetError::DnsFailure:
    case net::NetError::DnsTimeout:
      return kStatusDnsFailed;
    case net::NetError::TlsFailure:
      return kStatusTlsFailed;
    default:
      return kStatusConnectFailed;
  }
}

net::Protocol protocol_of(ServiceType type) {
  return is_udp(type) ? net::Protocol::Udp : net::Protocol::Tcp;
}
}  // namespace

Nm28Socket::Nm28Socket(Nm28Model& model, int id)
    : model_(model),
      id_(id),
      buffer_(model.profile().socket_receive_buffer),
      open_timer_(model.timers()),
      send_timer_(model.timers()),
      flush_timer_(model.timers()) {}

Nm28Socket::~Nm28Socket() {
  detach_link();
}

void Nm28Socket::reset_fields() {
  open_timer_.cancel();
  send_timer_.cancel();
  flush_timer_.cancel();
  detach_link();
  params_ = OpenRequest{};
  state_ = SocketState::Initial;
  mode_ = AccessMode::Direct;
  paused_ = 0;
  buffer_.clear();
  sending_ = false;
}

void Nm28Socket::open(const OpenRequest& request) {
  reset_fields();
  params_ = request;
  state_ = SocketState::Opening;
  if (!model_.radio().data_ready()) {
    open_timer_.start(kNoNetworkDelay, [this] { fail_open(kStatusConnectFailed); });  // OQ-42
    return;
  }
  if (is_server(params_.type)) return start_listening();
  const core::Duration delay = model_.profile().timing.connect;
  if (delay > core::Duration::zero()) return open_timer_.start(delay, [this] { start_connect(); });
  start_connect();
}

void Nm28Socket::start_connect() {
  net::OpenOptions options;
  if (params_.ssl) {  // the SSL context with the socket's number (S3 §3.2)
    auto tls = model_.tls_for(id_, params_.host, params_.remote_port);
    if (!tls) return fail_open(kStatusTlsFailed);
    options = std::move(*tls);
  }
  const net::LinkSpec spec{protocol_of(params_.type), params_.host, params_.remote_port,
                           params_.local_port};
  attach(model_.sockets().open(spec, *this, options));
}

// The module listens on --module-listen-address:<Local_Port>; 0 lets the host pick the port,
// which AT+IPSTATE then reports.
void Nm28Socket::start_listening() {
  std::optional<net::NetError> error;
  const net::LinkSpec spec{protocol_of(params_.type), params_.host, params_.remote_port,
                           params_.local_port};
  attach(model_.sockets().listen(spec, *this, error));
  if (error) {
    core::logger("nm28")->warn("socket {}: cannot bind local port {}: {}", id_, params_.local_port,
                               net::describe(*error));
    return fail_open(kStatusConnectFailed);
  }
  params_.local_port = link_->bound_port();
  state_ = SocketState::Listening;
  report_open(kStatusOk);
}

void Nm28Socket::adopt(std::shared_ptr<net::Link> link, const Nm28Socket& listener) {
  reset_fields();
  params_ = {ServiceType::TcpIncoming, link->remote_ip(), link->remote_port(), link->bound_port()};
  // "TCP INCOMING" starts in its listener's access mode (QA analogy).
  mode_ = listener.mode_;
  state_ = SocketState::Connected;
  link->set_handler(this);
  attach(std::move(link));
}

void Nm28Socket::attach(std::shared_ptr<net::Link> link) {
  link_ = std::move(link);
  if (is_udp(params_.type)) link_->set_chunk_size(kMaxDatagram);
  if (model_.output_paused()) pause(kOutputBacklog);
}

void Nm28Socket::detach_link() {
  if (!link_) return;
  link_->set_handler(nullptr);
  link_->close();
  link_.reset();
}

void Nm28Socket::report_open(int status) {
  const std::string line = fmt::format("{}: {},{}", words().open, id_, status);
  log_socket(model_, *this, is_server(params_.type) ? "listen" : "connect", line);
  model_.urc(line);
}

void Nm28Socket::fail_open(int status, std::string_view why) {
  const std::string line = fmt::format("{}: {},{}", words().open, id_, status);
  log_socket(model_, *this, "connect", line, why);
  reset_fields();
  model_.urc(line);
}

void Nm28Socket::close() {
  reset_fields();
  model_.forget_transparent(id_);
}

void Nm28Socket::drop(bool announce) {
  const std::string_view why = announce ? "network lost" : "PDP context deactivated";
  if (state_ == SocketState::Opening) return fail_open(kStatusConnectFailed, why);
  if (state_ != SocketState::Connected && state_ != SocketState::Listening) return;
  if (link_) link_->close();
  lost(why, announce);
}

// The peer (or the network) ended the socket: CLOSING until AT+IPCLOSE (OQ-57); what is buffered
// stays readable. Without `announce` no line of its own (a PDP loss the model announces once).
void Nm28Socket::lost(std::string_view why, bool announce) {
  state_ = SocketState::Closing;
  if (sending_) finish_send(false);
  const std::string line =
      announce ? fmt::format("{}: \"closed\",{}", words().urc, id_) : std::string();
  log_socket(model_, *this, "close", announce ? std::string_view(line) : "dropped", why);
  if (in_data_mode()) {
    flush_timer_.cancel();
    const std::string rest = buffer_.take_raw();
    if (!rest.empty()) model_.at().responder().raw(rest);
    // The line that ends data mode goes out at once, without NO CARRIER (OQ-6, nm28.md §3.11).
    model_.at().leave_data_mode(line);
  } else if (announce) {
    model_.urc(line);
  }
  buffer_.make_raw_readable();
}

bool Nm28Socket::can_send() const {
  if (mode_ == AccessMode::Transparent) return false;  // nm28.md §3.5
  return state_ == SocketState::Connected ||
         (state_ == SocketState::Listening && params_.type == ServiceType::UdpService);
}

// "SEND SUCCESS" once the payload has been handed to the host's stack, "SEND FAIL" when the link
// cannot take it or goes away first; OK follows either (S3 §2.5, §2.6).
at::Outcome Nm28Socket::send(std::string data, const at::Deferred& done) {
  send_done_ = done;
  sending_ = true;
  // A UDP service answers the last sender (NM28's IPSEND has no address parameter).
  if (!can_send() || !link_ || !link_->send(std::move(data))) finish_send(false);
  return at::Outcome::pending();
}

void Nm28Socket::finish_send(bool ok) {
  sending_ = false;
  const at::Deferred done = send_done_;
  auto report = [done, ok] {
    done.info(ok ? "SEND SUCCESS" : "SEND FAIL");
    done.finish(at::Final::ok());
  };
  const core::Duration delay = model_.profile().timing.send_result;
  if (ok && delay > core::Duration::zero()) return send_timer_.start(delay, report);
  report();
}

std::string Nm28Socket::read(std::size_t max) {
  std::string out = buffer_.read(max);
  update_flow();
  return out;
}

void Nm28Socket::set_mode(AccessMode mode) {
  if (mode_ == AccessMode::Transparent) buffer_.make_raw_readable();  // OQ-46
  mode_ = mode;
  announce();
  update_flow();
}

at::Outcome Nm28Socket::enter_data_mode(at::CommandContext& ctx) {
  mode_ = AccessMode::Transparent;
  model_.set_transparent(id_);
  at::Outcome outcome = ctx.connect_data_mode(*this);
  // Bytes that arrived in command mode follow the CONNECT (OQ-36).
  if (buffer_.raw() > 0) flush_timer_.start(core::Duration::zero(), [this] { flush_raw(); });
  update_flow();
  return outcome;
}

bool Nm28Socket::in_data_mode() const {
  return model_.in_data_mode_with(id_);
}

void Nm28Socket::pause(Pause reason) {
  const bool was = paused_ != 0;
  paused_ |= reason;
  if (!was && link_) link_->pause_reading();
}

void Nm28Socket::resume(Pause reason) {
  if ((paused_ & reason) == 0) return;
  paused_ &= ~static_cast<unsigned>(reason);
  if (paused_ == 0 && link_) link_->resume_reading();
}

// A full buffer stops reading a TCP peer: its window closes and nothing is lost. UDP has no flow
// control, so datagrams that do not fit are dropped instead (store()).
void Nm28Socket::update_flow() {
  const bool storing =
      mode_ == AccessMode::Buffer || (mode_ == AccessMode::Transparent && !in_data_mode());
  if (!is_udp(params_.type) && storing && buffer_.full()) {
    pause(kBufferFull);
  } else {
    resume(kBufferFull);
  }
}

std::string Nm28Socket::remote_ip() const {
  return link_ && !link_->remote_ip().empty() ? link_->remote_ip() : params_.host;
}

// "+IPSTATE: <id>,<type>,<ip>,<port>,<local port>,<state>,<mode>" (nm28.md §3.10). Local port:
// as configured for clients, the bound port for listeners, services and their connections.
std::string Nm28Socket::state_row() const {
  if (state_ == SocketState::Initial) return fmt::format("+IPSTATE: {},TCP,,0,0,0,0", id_);
  return fmt::format("+IPSTATE: {},{},{},{},{},{},{}", id_, service_type_name(params_.type),
                     remote_ip(), params_.remote_port, params_.local_port, static_cast<int>(state_),
                     static_cast<int>(mode_));
}

// --- link events ---

void Nm28Socket::on_connected(net::Link& link) {
  if (&link != link_.get()) return;
  state_ = SocketState::Connected;
  report_open(kStatusOk);
}

void Nm28Socket::on_connect_failed(net::Link& link, net::NetError error) {
  if (&link != link_.get()) return;
  const int status = open_status(error);
  if (status == kStatusTlsFailed) {
    log_tls_failure(model_, {id_, params_.host, params_.remote_port},
                    fmt::format("{}: {},{}", words().open, id_, status), link.failure_detail());
  }
  const std::string_view why = net::describe(error);
  const core::Duration delay = model_.profile().timing.dns_failure;
  if (status == kStatusDnsFailed && delay > core::Duration::zero()) {
    return open_timer_.start(delay, [this, status, why] { fail_open(status, why); });
  }
  fail_open(status, why);
}

void Nm28Socket::on_data(net::Link& link, std::string_view chunk, const std::string&,
                         std::uint16_t) {
  if (&link != link_.get()) return;
  switch (mode_) {
    case AccessMode::Buffer:
      return store(chunk);
    case AccessMode::Direct:
      return push(chunk);
    case AccessMode::Transparent:
      return pass_through(chunk);
  }
}

void Nm28Socket::on_closed(net::Link& link, net::NetError reason) {
  if (&link != link_.get()) return;
  lost(net::describe(reason));
}

void Nm28Socket::on_writable(net::Link& link) {
  if (&link != link_.get()) return;
  if (sending_) finish_send(true);
  if (in_data_mode()) model_.at().resume_input(at::AtInterpreter::kPauseUplink);
}

bool Nm28Socket::on_accepted(net::Link& listener, std::shared_ptr<net::Link> connection) {
  if (&listener != link_.get()) return false;
  return model_.adopt_incoming(*this, std::move(connection));
}

// --- receive paths (nm28.md §3.7) ---

// Mode 0: stored; "IPREAD: <id>" when it lands in an empty buffer (S3 §2.7). A UDP datagram the
// full buffer cannot hold is lost as on the module: UDP has no flow control to wait with
// (design.md: drop only what the module itself would drop).
void Nm28Socket::store(std::string_view chunk) {
  if (is_udp(params_.type) && !buffer_.fits(chunk.size())) {
    core::logger("nm28")->info("socket {}: receive buffer full, {}-byte datagram dropped", id_,
                               chunk.size());
    return;
  }
  buffer_.store(chunk);
  announce();
  update_flow();
}

void Nm28Socket::announce() {
  if (mode_ != AccessMode::Buffer || !buffer_.needs_notice()) return;
  buffer_.mark_announced();
  model_.urc(fmt::format("{}: {}", words().read_notice, id_));
}

// Mode 1: "+IPURC: \"recv\",<id>,<len>\r\n<payload>", nothing after the payload (OQ-52).
void Nm28Socket::push(std::string_view chunk) {
  push_frames(model_.at().responder(), words().urc, id_, chunk);
  model_.check_output_backlog();
}

// Mode 2: raw bytes in data mode; kept for the next CONNECT while the port is in command mode.
void Nm28Socket::pass_through(std::string_view chunk) {
  if (in_data_mode() && buffer_.raw() == 0 && !model_.at().busy()) {
    model_.at().responder().raw(chunk);
    model_.check_output_backlog();
    return;
  }
  if (is_udp(params_.type) && !buffer_.fits(chunk.size())) {
    core::logger("nm28")->info("socket {}: transparent buffer full, datagram dropped", id_);
    return;
  }
  buffer_.hold_raw(chunk);
  if (in_data_mode()) flush_timer_.start(core::Duration::zero(), [this] { flush_raw(); });
  update_flow();
}

void Nm28Socket::flush_raw() {
  if (!in_data_mode()) return;
  if (model_.at().busy()) return flush_timer_.start(kFlushRetry, [this] { flush_raw(); });
  const std::string bytes = buffer_.take_raw();
  if (!bytes.empty()) model_.at().responder().raw(bytes);
  update_flow();
  model_.check_output_backlog();
}

// --- transparent uplink ---

void Nm28Socket::on_uplink(std::string_view bytes) {
  if (!link_ || state_ != SocketState::Connected) return;
  link_->send(std::string(bytes));
  if (link_->send_backlog() > Nm28Model::kUplinkBacklogLimit) {
    model_.at().pause_input(at::AtInterpreter::kPauseUplink);
  }
}

// "+++" accepted: the engine answered OK; arrivals are kept from now on (OQ-36).
void Nm28Socket::on_escape() {
  update_flow();
}

}  // namespace cellemu::models::nm28
