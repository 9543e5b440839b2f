#include "models/air780ep/ip_stack.h"

#include <algorithm>

#include <fmt/format.h>

#include "emulator/core/connection_log.h"
#include "emulator/core/logging.h"
#include "models/air780ep/receive_framing.h"
#include "models/common/tls_link_options.h"

namespace cellemu::models::air780ep {

IpStack::IpStack(ModemBase& modem)
    : modem_(modem),
      settings_(default_settings()),
      transparent_(modem, settings_),
      heartbeat_(modem.timers(),
                 [this] {
                   // LM HEARTCONFIG.md: <socket_id> is fixed at 0 in single-link mode.
                   const int id = settings_.heartbeat.socket;
                   return (multi() || id == 0) && id < link_count() && send_heartbeat(id);
                 }),
      command_timer_(modem.timers()),
      autosend_timer_(modem.timers()) {
  const int links = std::clamp(modem.profile().max_links, 1, TcpipSettings::kMaxLinks);
  for (int id = 0; id < links; ++id) {
    SlotEvents& events = *this;
    slots_.push_back(std::make_unique<SocketSlot>(events, modem.timers(), id));
  }
}

IpStack::~IpStack() {
  for (auto& slot : slots_) slot->drop();
}

TcpipSettings IpStack::default_settings() const {
  TcpipSettings s;
  s.primary_dns = modem_.profile().network.primary_dns;  // LM CDNSCFG.md
  s.secondary_dns = modem_.profile().network.secondary_dns;
  return s;
}

void IpStack::power_up() {
  drop_all("power off");
  heartbeat_.stop();
  transparent_.stop();
  command_timer_.cancel();
  autosend_timer_.cancel();
  context_ = Context::Initial;
  settings_ = default_settings();
  output_paused_ = false;
}

void IpStack::factory_reset() {
  TcpipSettings fresh = default_settings();
  if (context_ != Context::Initial) {
    fresh.cipmux = settings_.cipmux;
    fresh.cipmode = settings_.cipmode;
    fresh.cipqsend = settings_.cipqsend;
  }
  settings_ = fresh;
  heartbeat_.stop();  // ^HEARTCONFIG is back to 0,0,120: no more beats
}

IpState IpStack::state() const {
  if (!multi()) return link_view(0);
  if (context_ != Context::Status) return air780ep::link_view(context_, SlotState::Initial);
  // SM figure, LM wps2: IP PROCESSING from the first CIPSTART until no link is open.
  const bool open = std::any_of(slots_.begin(), slots_.end(), [](const auto& s) {
    return s->state() == SlotState::Connecting || s->state() == SlotState::Connected ||
           s->state() == SlotState::Closing;
  });
  return open ? IpState::Processing : IpState::Status;
}

std::string IpStack::line_prefix(int id) const {
  return multi() ? fmt::format("{}, ", id) : std::string();
}

void IpStack::drop_all(std::string_view why) {
  for (auto& slot : slots_) {
    const SlotState st = slot->state();
    finish_held_send(*slot, false);
    if (slot->close_waiter.active()) {
      finish_close(*slot);  // a CIPCLOSE still waiting ends now
    } else if (st == SlotState::Connecting || st == SlotState::Connected) {
      log_link(*slot, "close", why);
    }
    slot->clear();
  }
}

void IpStack::shut() {
  transparent_.stop();
  drop_all("SHUT OK");
  context_ = Context::Initial;
}

void IpStack::pdp_deactivated() {
  if (context_ != Context::GprsAct && context_ != Context::Status) return;
  transparent_.stop();
  drop_all("+PDP: DEACT");
  context_ = Context::PdpDeact;
  modem_.urc("+PDP: DEACT");  // S0/ST spelling (OQ-R3)
}

void IpStack::open(int id, net::Protocol protocol, std::string host, std::uint16_t port) {
  SocketSlot& s = slot(id);
  s.begin(protocol, std::move(host), port);
  if (context_ == Context::Initial) {
    if (!modem_.radio().data_ready()) {  // the implicit activation fails
      s.timer().start(core::Duration::zero(),
                      [this, &s] { report_connect_failed(s, "no network service"); });
      return;
    }
    context_ = Context::Status;  // implicit CSTT+CIICR+CIFSR (LM 使用方法举例, LT)
  }
  const core::Duration delay = modem_.profile().timing.connect;
  if (delay > core::Duration::zero()) {
    s.timer().start(delay, [this, &s] { start_link(s); });
    return;
  }
  start_link(s);
}

void IpStack::start_link(SocketSlot& s) {
  const bool udp = s.protocol() == net::Protocol::Udp;
  const LocalPorts& ports = multi() ? settings_.clport_link.at(s.id()) : settings_.clport;
  const net::LinkSpec spec{s.protocol(), s.host(), s.port(), udp ? ports.udp : ports.tcp};
  net::OpenOptions options;
  // CIPSSL=1 makes every new TCP link TLS (MH); the handshake precedes CONNECT OK (§4.5).
  const bool tls = settings_.cipssl == 1 && !udp;
  if (tls) {
    auto tls_options = tls_provider_ ? tls_provider_(s.id(), s.host(), s.port()) : std::nullopt;
    if (!tls_options) {  // no session to start: CONNECT FAIL as for a failed handshake (H-010)
      s.timer().start(core::Duration::zero(),
                      [this, &s] { report_connect_failed(s, "no usable SSL configuration"); });
      return;
    }
    options = std::move(*tls_options);
  }
  s.attach(modem_.sockets().open(spec, s, options), tls);
  if (output_paused_) s.pause(SocketSlot::kPauseOutput);
}

at::Outcome IpStack::close(at::CommandContext& ctx, int id, std::string reply) {
  SocketSlot& s = slot(id);
  if (transparent_.active_on(s)) transparent_.stop();
  net::Link* link = s.link();
  if (s.state() == SlotState::Connected && link && link->send_backlog() > 0) {
    s.set_state(SlotState::Closing);
    close_reply_ = std::move(reply);
    s.close_waiter = ctx.defer();
    return at::Outcome::pending();
  }
  // Closing a CONNECTING link abandons the attempt: no CONNECT OK/FAIL follows (§4.8).
  log_link(s, "close", reply, "by the host");
  s.drop();
  s.set_state(SlotState::Closed);
  return at::Final::text(std::move(reply));
}

void IpStack::finish_close(SocketSlot& s) {
  const at::Deferred waiter = std::exchange(s.close_waiter, {});
  log_link(s, "close", close_reply_, "by the host, queued data sent");
  s.drop();
  s.set_state(SlotState::Closed);
  waiter.finish(at::Final::text(std::exchange(close_reply_, {})));
}

bool IpStack::send(int id, std::string data) {
  SocketSlot& s = slot(id);
  net::Link* link = s.link();
  if (s.state() != SlotState::Connected || !link) return false;
  const std::size_t n = data.size();
  if (n > 0 && !link->send(std::move(data))) return false;
  s.count_sent(n);
  return true;
}

void IpStack::hold_send_result(SocketSlot& s, const at::Deferred& d, at::Final drained,
                               at::Final failed) {
  s.send_waiter = SocketSlot::HeldResult{d, std::move(drained), std::move(failed)};
}

void IpStack::finish_held_send(SocketSlot& s, bool drained) {
  if (!s.send_waiter) return;
  const SocketSlot::HeldResult held = std::move(*s.send_waiter);
  s.send_waiter.reset();
  held.deferred.finish(drained ? held.drained : held.failed);
}

void IpStack::after_read(SocketSlot& s) {
  s.notify_armed = true;  // LM CIPRXGET.md: the next arrival after a read is announced again
  if (s.buffered() <= kRxBufferLimit / 2) s.resume(SocketSlot::kPauseRxBuffer);
}

void IpStack::slot_connected(SocketSlot& s) {
  s.set_state(SlotState::Connected);
  const bool data_mode = !multi() && settings_.cipmode == 1;
  log_link(s, "connect", data_mode ? "CONNECT" : line_prefix(s.id()) + "CONNECT OK");
  const KeepAlive& ka = settings_.keepalive;
  if (ka.mode == 1 && s.protocol() == net::Protocol::Tcp) {
    s.link()->set_keepalive(true, ka.idle, ka.interval, ka.count);  // LM CIPTKA.md
  }
  if (data_mode) {
    transparent_.start(s);
    return;
  }
  modem_.urc(line_prefix(s.id()) + "CONNECT OK");
}

void IpStack::slot_connect_failed(SocketSlot& s, net::NetError error) {
  if (error == net::NetError::TlsFailure) {
    log_tls_failure(modem_, {s.id(), s.host(), s.port()}, "CONNECT FAIL",
                    s.link()->failure_detail());
  }
  const core::Duration delay = modem_.profile().timing.dns_failure;
  const std::string_view why = net::describe(error);
  if (error == net::NetError::DnsFailure && delay > core::Duration::zero()) {
    s.timer().start(delay, [this, &s, why] { report_connect_failed(s, why); });  // MH: about 12 s
    return;
  }
  report_connect_failed(s, why);
}

// S0: "STATE: IP STATUS" then "CONNECT FAIL"; the context stays up (OQ-17).
void IpStack::report_connect_failed(SocketSlot& s, std::string_view why) {
  const net::Protocol protocol = s.protocol();
  log_link(s, "connect", line_prefix(s.id()) + "CONNECT FAIL", why);
  s.clear();
  if (multi()) {
    modem_.urc(fmt::format("{}, CONNECT FAIL", s.id()));
    return;
  }
  modem_.urc(fmt::format("STATE: {}", state_name(state(), protocol)));
  modem_.urc("CONNECT FAIL");
}

void IpStack::slot_data(SocketSlot& s, std::string_view chunk, const std::string& from_ip,
                        std::uint16_t from_port) {
  if (transparent_.active_on(s)) {
    transparent_.downlink(chunk);
  } else if (settings_.ciprxget != 0) {
    deliver_pull(s, chunk, from_ip, from_port);
  } else {
    const ChunkSource from{s.id(), multi(), s.protocol(), from_ip, from_port};
    const PushFrame frame = push_frame(settings_, from, chunk.size());
    modem_.at().responder().urc_raw(frame.header(), chunk, frame.tail);
  }
  throttle();
}

void IpStack::deliver_pull(SocketSlot& s, std::string_view chunk, const std::string& from_ip,
                           std::uint16_t from_port) {
  s.buffer(chunk);
  // Mode 1 announces once until the host reads; mode 5 every arrival (LM CIPRXGET.md, MH).
  if (settings_.ciprxget == 5 || s.notify_armed) {
    s.notify_armed = false;
    const ChunkSource from{s.id(), multi(), s.protocol(), from_ip, from_port};
    const std::string id = multi() ? fmt::format(",{}", s.id()) : std::string();
    modem_.urc(fmt::format("+CIPRXGET: 1{}{}", id,
                           pull_sender_suffix(modem_.profile().ciprxget_sender, settings_, from)));
  }
  if (s.buffered() > kRxBufferLimit) s.pause(SocketSlot::kPauseRxBuffer);
}

void IpStack::slot_closed(SocketSlot& s, net::NetError reason) {
  s.set_state(SlotState::Closed);
  finish_held_send(s, false);
  if (s.close_waiter.active()) {  // the host was already closing it
    finish_close(s);
    return;
  }
  // OQ-32: V1004 reported a TLS peer close as "<n>, CLOSE OK" (knob, off).
  const bool close_ok = s.tls() && modem_.profile().tls_close_as_close_ok;
  const std::string line = line_prefix(s.id()) + (close_ok ? "CLOSE OK" : "CLOSED");
  log_link(s, "close", line, net::describe(reason));
  if (transparent_.active_on(s)) {
    transparent_.ended(line);
    return;
  }
  modem_.urc(line);
}

void IpStack::slot_writable(SocketSlot& s) {
  finish_held_send(s, true);
  if (s.close_waiter.active() && s.link()->send_backlog() == 0) finish_close(s);
  if (transparent_.active_on(s)) transparent_.on_writable();
}

// S0 FAQ 3: the module notices nothing, keeps reporting the link and answers SEND OK; only the
// log tells.
void IpStack::slot_nat_lost(SocketSlot& s) {
  log_link(s, "nat-lost", "traffic silently dropped",
           "carrier NAT mapping gone (idle timeout or blackhole); the module still shows the link");
}

bool IpStack::send_heartbeat(int id) {
  const Heartbeat& h = settings_.heartbeat;
  if (slot(id).state() != SlotState::Connected) return false;
  const std::string& payload = h.data.empty() ? modem_.profile().identity.imei : h.data;
  if (!send(id, payload)) return false;
  core::logger("air780ep")->debug("link {}: heartbeat of {} bytes sent", id, payload.size());
  return true;
}

void IpStack::log_link(const SocketSlot& s, std::string_view event, std::string_view result,
                       std::string_view detail) const {
  const bool udp = s.protocol() == net::Protocol::Udp;
  const std::string peer = fmt::format("{}:{}", s.reported_ip(), s.port());
  core::log_connection({.modem = modem_.at().options().modem_name,
                        .link = s.id(),
                        .protocol = udp       ? "UDP"
                                    : s.tls() ? "SSL"
                                              : "TCP",
                        .peer = peer,
                        .event = event,
                        .result = result,
                        .detail = detail});
}

// Backpressure: the host reads the serial line slower than the peers send, so the peers wait
// (TCP flow control) instead of anything being dropped.
void IpStack::throttle() {
  if (output_paused_ || modem_.at().responder().backlog() <= kOutputLimit) return;
  output_paused_ = true;
  core::logger("air780ep")
      ->debug("serial backlog {} bytes: sockets paused", modem_.at().responder().backlog());
  for (auto& slot : slots_) slot->pause(SocketSlot::kPauseOutput);
}

void IpStack::on_output_drained() {
  if (!output_paused_ || modem_.at().responder().backlog() > kOutputLimit) return;
  output_paused_ = false;
  core::logger("air780ep")->debug("serial backlog drained: sockets resumed");
  for (auto& slot : slots_) slot->resume(SocketSlot::kPauseOutput);
}

}  // namespace cellemu::models::air780ep
