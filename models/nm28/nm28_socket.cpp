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

SocketTarget target_of(const OpenRequest& r) {
  return SocketTarget{.protocol = is_udp(r.type) ? net::Protocol::Udp : net::Protocol::Tcp,
                      .host = r.host,
                      .port = r.remote_port,
                      .local_port = r.local_port,
                      .tls = r.ssl,
                      .kind = std::string(service_type_name(r.type))};
}
}  // namespace

Nm28Socket::Nm28Socket(Nm28Model& model, ModuleSockets& sockets)
    : model_(model),
      socket_(sockets.add(*this, ReceiveBuffer(model.profile().socket_receive_buffer))),
      send_timer_(model.timers()) {}

void Nm28Socket::reset() {
  send_timer_.cancel();
  socket_.clear();
  type_ = ServiceType::Tcp;
  mode_ = AccessMode::Direct;
  sending_ = false;
}

SocketState Nm28Socket::state() const {
  switch (socket_.state()) {
    case ModuleSocket::State::Initial:
      return SocketState::Initial;
    case ModuleSocket::State::Connecting:
      return SocketState::Opening;
    case ModuleSocket::State::Connected:
      return SocketState::Connected;
    case ModuleSocket::State::Listening:
      return SocketState::Listening;
    case ModuleSocket::State::Closing:
    case ModuleSocket::State::Closed:
      return SocketState::Closing;
  }
  return SocketState::Initial;
}

void Nm28Socket::open(const OpenRequest& request) {
  reset();
  type_ = request.type;
  socket_.begin(target_of(request));
  if (!model_.radio().data_ready()) {
    socket_.timer().start(kNoNetworkDelay, [this] { fail_open(kStatusConnectFailed); });  // OQ-42
    return;
  }
  if (is_server(type_)) return start_listening();
  socket_.after(model_.profile().timing.connect, [this] { start_connect(); });
}

// SSL sockets take the SSL context with their number (S3 §3.2).
void Nm28Socket::start_connect() {
  if (!socket_.connect()) fail_open(kStatusTlsFailed);
}

// The module listens on --module-listen-address:<Local_Port>; 0 lets the host pick the port,
// which AT+IPSTATE then reports.
void Nm28Socket::start_listening() {
  if (const auto error = socket_.listen()) {
    core::logger("nm28")->warn("socket {}: cannot bind local port {}: {}", id(),
                               socket_.target().local_port, net::describe(*error));
    return fail_open(kStatusConnectFailed);
  }
  report_open(kStatusOk);
}

void Nm28Socket::adopt(std::shared_ptr<net::Link> link, const Nm28Socket& listener) {
  reset();
  type_ = ServiceType::TcpIncoming;
  // "TCP INCOMING" starts in its listener's access mode (QA analogy).
  mode_ = listener.mode_;
  SocketTarget target{.protocol = net::Protocol::Tcp,
                      .host = link->remote_ip(),
                      .port = link->remote_port(),
                      .local_port = link->bound_port(),
                      .kind = std::string(service_type_name(type_))};
  socket_.adopt(std::move(link), std::move(target));
}

void Nm28Socket::report_open(int status) {
  const std::string line = fmt::format("{}: {},{}", words().open, id(), status);
  socket_.log(is_server(type_) ? "listen" : "connect", line);
  model_.urc(line);
}

void Nm28Socket::fail_open(int status, std::string_view why) {
  const std::string line = fmt::format("{}: {},{}", words().open, id(), status);
  socket_.log("connect", line, why);
  reset();
  model_.urc(line);
}

void Nm28Socket::close() {
  if (model_.transparent().active_on(socket_)) model_.transparent().stop();
  reset();
}

void Nm28Socket::drop(bool announce) {
  const std::string_view why = announce ? "network lost" : "PDP context deactivated";
  const SocketState st = state();
  if (st == SocketState::Opening) return fail_open(kStatusConnectFailed, why);
  if (st != SocketState::Connected && st != SocketState::Listening) return;
  socket_.drop();
  lost(why, announce);
}

// The peer (or the network) ended the socket: CLOSING until AT+IPCLOSE (OQ-57); what is buffered
// stays readable (OQ-46). Without `announce` no line of its own (a PDP loss the model announces
// once).
void Nm28Socket::lost(std::string_view why, bool announce) {
  socket_.set_state(ModuleSocket::State::Closed);
  if (sending_) finish_send(false);
  const std::string line =
      announce ? fmt::format("{}: \"closed\",{}", words().urc, id()) : std::string();
  socket_.log("close", announce ? std::string_view(line) : "dropped", why);
  // In data mode the line ends it at once, without NO CARRIER (OQ-6, nm28.md §3.11).
  model_.transparent().ended(socket_, line);
}

bool Nm28Socket::can_send() const {
  if (mode_ == AccessMode::Transparent) return false;  // nm28.md §3.5
  const SocketState st = state();
  return st == SocketState::Connected ||
         (st == SocketState::Listening && type_ == ServiceType::UdpService);
}

// "SEND SUCCESS" once the payload has been handed to the host's stack, "SEND FAIL" when the link
// cannot take it or goes away first; OK follows either (S3 §2.5, §2.6).
at::Outcome Nm28Socket::send(std::string data, const at::Deferred& done) {
  send_done_ = done;
  sending_ = true;
  // A UDP service answers the last sender (NM28's IPSEND has no address parameter).
  if (!can_send() || !socket_.send(std::move(data))) finish_send(false);
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
  std::string out = socket_.take(max);
  update_flow();
  return out;
}

void Nm28Socket::set_mode(AccessMode mode) {
  if (mode_ == AccessMode::Transparent) socket_.buffer().make_held_readable();  // OQ-46
  mode_ = mode;
  announce();
  update_flow();
}

// Bytes that arrived in command mode follow the CONNECT (OQ-36).
at::Outcome Nm28Socket::enter_data_mode(at::CommandContext& ctx) {
  mode_ = AccessMode::Transparent;
  return model_.transparent().enter(ctx, socket_);
}

// The buffer fills while the host reads it (buffer mode) or while a transparent socket waits in
// command mode; pushes and data mode take arrivals as they come.
void Nm28Socket::update_flow() {
  const bool storing = mode_ == AccessMode::Buffer || (mode_ == AccessMode::Transparent &&
                                                       !model_.transparent().carrying(socket_));
  socket_.update_flow(storing);
}

// "+IPSTATE: <id>,<type>,<ip>,<port>,<local port>,<state>,<mode>" (nm28.md §3.10). Local port:
// as configured for clients, the bound port for listeners, services and their connections.
std::string Nm28Socket::state_row() const {
  const SocketState st = state();
  if (st == SocketState::Initial) return fmt::format("+IPSTATE: {},TCP,,0,0,0,0", id());
  return fmt::format("+IPSTATE: {},{},{},{},{},{},{}", id(), service_type_name(type_), remote_ip(),
                     remote_port(), socket_.target().local_port, static_cast<int>(st),
                     static_cast<int>(mode_));
}

// --- socket events ---

void Nm28Socket::on_connected(ModuleSocket&) {
  report_open(kStatusOk);
}

// A name that does not resolve arrives after the profile's DNS delay.
void Nm28Socket::on_connect_failed(ModuleSocket& s, net::NetError error) {
  const int status = open_status(error);
  if (status == kStatusTlsFailed) {
    log_tls_failure(model_, {id(), s.host(), s.port()},
                    fmt::format("{}: {},{}", words().open, id(), status),
                    s.link()->failure_detail());
  }
  fail_open(status, net::describe(error));
}

void Nm28Socket::on_data(ModuleSocket&, std::string_view chunk, const std::string&, std::uint16_t) {
  switch (mode_) {
    case AccessMode::Buffer:
      return store(chunk);
    case AccessMode::Direct:
      return push(chunk);
    case AccessMode::Transparent:
      // Raw in data mode; kept for the next CONNECT while the port is in command mode.
      return model_.transparent().downlink(socket_, chunk);
  }
}

void Nm28Socket::on_closed(ModuleSocket&, net::NetError reason) {
  lost(net::describe(reason));
}

void Nm28Socket::on_writable(ModuleSocket&) {
  if (sending_) finish_send(true);
  model_.transparent().on_writable(socket_);
}

bool Nm28Socket::on_accepted(ModuleSocket&, std::shared_ptr<net::Link> connection) {
  return model_.adopt_incoming(*this, std::move(connection));
}

// --- receive paths (nm28.md §3.7) ---

// Mode 0: stored; "IPREAD: <id>" when it lands in an empty buffer (S3 §2.7). A UDP datagram the
// full buffer cannot hold is lost as on the module (the module socket counts and logs it).
void Nm28Socket::store(std::string_view chunk) {
  if (!socket_.store(chunk)) return;
  announce();
  update_flow();
}

void Nm28Socket::announce() {
  ReceiveBuffer& buffer = socket_.buffer();
  if (mode_ != AccessMode::Buffer || !buffer.needs_notice()) return;
  buffer.mark_announced();
  model_.urc(fmt::format("{}: {}", words().read_notice, id()));
}

// Mode 1: "+IPURC: \"recv\",<id>,<len>\r\n<payload>", nothing after the payload (OQ-52).
void Nm28Socket::push(std::string_view chunk) {
  at::Responder& out = model_.at().responder();
  model_.links().push(chunk,
                      [&](std::string_view piece) { push_frame(out, words().urc, id(), piece); });
}

}  // namespace cellemu::models::nm28
