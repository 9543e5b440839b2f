#include "models/air780ep/ip_stack.h"

#include <algorithm>

#include <fmt/format.h>

#include "emulator/core/logging.h"
#include "models/air780ep/receive_framing.h"
#include "models/common/tls_link_options.h"

namespace cellemu::models::air780ep {

namespace {
// OQ-36: transparent downlink kept for ATO before the link stops reading (nothing is dropped).
constexpr std::size_t kHeldLimit = 8 * 1024;
}  // namespace

IpStack::IpStack(ModemBase& modem)
    : modem_(modem),
      settings_(default_settings()),
      links_(modem),
      transparent_(links_, transparent_policy()),
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
    links_.add(*this, ReceiveBuffer(kRxBufferLimit, kRxBufferLimit / 2 + 1));
  }
  waiters_.resize(static_cast<std::size_t>(links));
}

IpStack::~IpStack() = default;

// LM CIPCCFG.md: a packet goes when SendSz bytes are queued or after WaitTm x 100 ms without
// input; the held downlink goes with the link (OQ-36).
TransparentPolicy IpStack::transparent_policy() {
  return TransparentPolicy{.packets =
                               [this] {
                                 const TransparentConfig& c = settings_.ccfg;
                                 return UplinkPackets{static_cast<std::size_t>(c.send_size),
                                                      std::chrono::milliseconds(100) * c.wait_tm};
                               },
                           .held_limit = kHeldLimit,
                           .held_readable_after_end = false};
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
  links_.reset_output();
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
  for (int id = 0; id < link_count(); ++id) {
    const SlotState st = slot(id).state();
    if (st == SlotState::Connecting || st == SlotState::Connected || st == SlotState::Closing) {
      return IpState::Processing;
    }
  }
  return IpState::Status;
}

std::string IpStack::line_prefix(int id) const {
  return multi() ? fmt::format("{}, ", id) : std::string();
}

void IpStack::clear(ModuleSocket& s) {
  s.clear();
  waiters(s) = {};
}

void IpStack::drop_all(std::string_view why) {
  for (int id = 0; id < link_count(); ++id) {
    ModuleSocket& s = slot(id);
    const SlotState st = s.state();
    finish_held_send(s, false);
    if (waiters(s).close.active()) {
      finish_close(s);  // a CIPCLOSE still waiting ends now
    } else if (st == SlotState::Connecting || st == SlotState::Connected) {
      s.log("close", why);
    }
    clear(s);
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
  ModuleSocket& s = slot(id);
  s.begin(SocketTarget{.protocol = protocol, .host = std::move(host), .port = port});
  waiters(s) = {};
  if (context_ == Context::Initial) {
    if (!modem_.radio().data_ready()) {  // the implicit activation fails
      s.timer().start(core::Duration::zero(),
                      [this, &s] { report_connect_failed(s, "no network service"); });
      return;
    }
    context_ = Context::Status;  // implicit CSTT+CIICR+CIFSR (LM 使用方法举例, LT)
  }
  s.after(modem_.profile().timing.connect, [this, &s] { start_link(s); });
}

void IpStack::start_link(ModuleSocket& s) {
  const bool udp = s.protocol() == net::Protocol::Udp;
  const LocalPorts& ports = multi() ? settings_.clport_link.at(s.id()) : settings_.clport;
  s.target().local_port = udp ? ports.udp : ports.tcp;
  // CIPSSL=1 makes every new TCP link TLS (MH); the handshake precedes CONNECT OK (§4.5).
  s.target().tls = settings_.cipssl == 1 && !udp;
  if (!s.connect()) {  // no session to start: CONNECT FAIL as for a failed handshake (H-010)
    s.timer().start(core::Duration::zero(),
                    [this, &s] { report_connect_failed(s, "no usable SSL configuration"); });
  }
}

at::Outcome IpStack::close(at::CommandContext& ctx, int id, std::string reply) {
  ModuleSocket& s = slot(id);
  if (transparent_.active_on(s)) transparent_.stop();
  net::Link* link = s.link();
  if (s.state() == SlotState::Connected && link && link->send_backlog() > 0) {
    s.set_state(SlotState::Closing);
    close_reply_ = std::move(reply);
    waiters(s).close = ctx.defer();
    return at::Outcome::pending();
  }
  // Closing a CONNECTING link abandons the attempt: no CONNECT OK/FAIL follows (§4.8).
  s.log("close", reply, "by the host");
  s.drop();
  s.set_state(SlotState::Closed);
  return at::Final::text(std::move(reply));
}

void IpStack::finish_close(ModuleSocket& s) {
  const at::Deferred waiter = std::exchange(waiters(s).close, {});
  s.log("close", close_reply_, "by the host, queued data sent");
  s.drop();
  s.set_state(SlotState::Closed);
  waiter.finish(at::Final::text(std::exchange(close_reply_, {})));
}

bool IpStack::send(int id, std::string data) {
  ModuleSocket& s = slot(id);
  return s.state() == SlotState::Connected && s.send(std::move(data));
}

void IpStack::hold_send_result(const ModuleSocket& s, const at::Deferred& d, at::Final drained,
                               at::Final failed) {
  waiters(s).send = HeldResult{d, std::move(drained), std::move(failed)};
}

void IpStack::finish_held_send(const ModuleSocket& s, bool drained) {
  std::optional<HeldResult>& held = waiters(s).send;
  if (!held) return;
  const HeldResult result = std::move(*held);
  held.reset();
  result.deferred.finish(drained ? result.drained : result.failed);
}

void IpStack::after_read(ModuleSocket& s) {
  s.buffer().rearm_notice();  // LM CIPRXGET.md: the next arrival after a read is announced again
  s.update_flow(true);
}

void IpStack::on_connected(ModuleSocket& s) {
  const bool data_mode = !multi() && settings_.cipmode == 1;
  s.log("connect", data_mode ? "CONNECT" : line_prefix(s.id()) + "CONNECT OK");
  const KeepAlive& ka = settings_.keepalive;
  if (ka.mode == 1 && s.protocol() == net::Protocol::Tcp) {
    s.link()->set_keepalive(true, ka.idle, ka.interval, ka.count);  // LM CIPTKA.md
  }
  if (data_mode) {
    transparent_.start(s, "CONNECT");  // LS:MKXjbg
    return;
  }
  modem_.urc(line_prefix(s.id()) + "CONNECT OK");
}

// A name that does not resolve arrives after the profile's DNS delay (MH: about 12 s).
void IpStack::on_connect_failed(ModuleSocket& s, net::NetError error) {
  if (error == net::NetError::TlsFailure) {
    log_tls_failure(modem_, {s.id(), s.host(), s.port()}, "CONNECT FAIL",
                    s.link()->failure_detail());
  }
  report_connect_failed(s, net::describe(error));
}

// S0: "STATE: IP STATUS" then "CONNECT FAIL"; the context stays up (OQ-17).
void IpStack::report_connect_failed(ModuleSocket& s, std::string_view why) {
  const net::Protocol protocol = s.protocol();
  s.log("connect", line_prefix(s.id()) + "CONNECT FAIL", why);
  clear(s);
  if (multi()) {
    modem_.urc(fmt::format("{}, CONNECT FAIL", s.id()));
    return;
  }
  modem_.urc(fmt::format("STATE: {}", state_name(state(), protocol)));
  modem_.urc("CONNECT FAIL");
}

void IpStack::on_data(ModuleSocket& s, std::string_view chunk, const std::string& from_ip,
                      std::uint16_t from_port) {
  if (transparent_.active_on(s)) {
    transparent_.downlink(s, chunk);
  } else if (settings_.ciprxget != 0) {
    deliver_pull(s, chunk, from_ip, from_port);
  } else {
    push(s, chunk, from_ip, from_port);
  }
}

void IpStack::push(const ModuleSocket& s, std::string_view chunk, const std::string& from_ip,
                   std::uint16_t from_port) {
  const ChunkSource from{s.id(), multi(), s.protocol(), from_ip, from_port};
  at::Responder& out = modem_.at().responder();
  links_.push(chunk, [&](std::string_view piece) {
    const PushFrame frame = push_frame(settings_, from, piece.size());
    out.urc_raw(frame.header(), piece, frame.tail);
  });
}

void IpStack::deliver_pull(ModuleSocket& s, std::string_view chunk, const std::string& from_ip,
                           std::uint16_t from_port) {
  if (!s.store(chunk)) return;
  // Mode 1 announces once until the host reads; mode 5 every arrival (LM CIPRXGET.md, MH).
  if (settings_.ciprxget == 5 || !s.buffer().announced()) {
    s.buffer().mark_announced();
    const ChunkSource from{s.id(), multi(), s.protocol(), from_ip, from_port};
    const std::string id = multi() ? fmt::format(",{}", s.id()) : std::string();
    modem_.urc(fmt::format("+CIPRXGET: 1{}{}", id,
                           pull_sender_suffix(modem_.profile().ciprxget_sender, settings_, from)));
  }
  s.update_flow(true);
  links_.check_output();
}

void IpStack::on_closed(ModuleSocket& s, net::NetError reason) {
  finish_held_send(s, false);
  if (waiters(s).close.active()) {  // the host was already closing it
    finish_close(s);
    return;
  }
  // OQ-32: V1004 reported a TLS peer close as "<n>, CLOSE OK" (knob, off).
  const bool close_ok = s.tls() && modem_.profile().tls_close_as_close_ok;
  const std::string line = line_prefix(s.id()) + (close_ok ? "CLOSE OK" : "CLOSED");
  s.log("close", line, net::describe(reason));
  transparent_.ended(s, line);  // at once in data mode (OQ-6 b), a URC otherwise
}

void IpStack::on_writable(ModuleSocket& s) {
  finish_held_send(s, true);
  if (waiters(s).close.active() && s.link()->send_backlog() == 0) finish_close(s);
  transparent_.on_writable(s);
}

at::Outcome IpStack::resume_data_mode(at::CommandContext& ctx) {
  ModuleSocket* s = transparent_.socket();
  if (!s || s->state() != SlotState::Connected || transparent_.in_data_mode()) {
    return at::Final::code(at::ResultCode::NoCarrier);
  }
  return transparent_.enter(ctx, *s);
}

bool IpStack::send_heartbeat(int id) {
  const Heartbeat& h = settings_.heartbeat;
  if (slot(id).state() != SlotState::Connected) return false;
  const std::string& payload = h.data.empty() ? modem_.profile().identity.imei : h.data;
  if (!send(id, payload)) return false;
  core::logger("air780ep")->debug("link {}: heartbeat of {} bytes sent", id, payload.size());
  return true;
}

}  // namespace cellemu::models::air780ep
