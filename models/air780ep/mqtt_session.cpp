#include "models/air780ep/mqtt_session.h"

#include <fmt/format.h>

#include "emulator/core/logging.h"
#include "models/air780ep/air780ep_model.h"
#include "models/common/module_sockets.h"
#include "models/common/tls_link_options.h"

namespace cellemu::models::air780ep {
namespace mqtt_session_detail {

using net::mqtt::State;

// The engine's settings from the model's profile: the §6 delays of the timing profile and the
// §3.7 limits and OQ-A knobs.
net::mqtt::ClientConfig client_config(const Profile& p) {
  net::mqtt::ClientConfig c;
  const Timing& t = p.timing;
  c.timing = {.tcp_connected = t.mqtt_tcp_connected,
              .tls_connected = t.mqtt_tls_connected,
              .connack = t.mqtt_connack,
              .suback = t.mqtt_suback,
              .puback = t.mqtt_puback,
              .pubcomp = t.mqtt_pubcomp,
              .dns_failure = t.dns_failure};
  c.limits.payload = static_cast<std::size_t>(p.mqtt_payload_max);
  c.limits.rx_payload = static_cast<std::size_t>(p.mqtt_rx_max);
  c.limits.max_subscriptions = static_cast<std::size_t>(p.mqtt_max_subscriptions);
  c.keepalive_cap = static_cast<std::uint16_t>(p.mqtt_keepalive_cap);
  c.disconnect_mode =
      p.mdisconnect_silent ? net::mqtt::DisconnectMode::Silent : net::mqtt::DisconnectMode::Packet;
  return c;
}

// The state as `cellemu ctl status` shows it (app-protocols.md §3.3 names).
std::string_view state_label(State s) {
  switch (s) {
    case State::Idle:
      return "IDLE";
    case State::TcpConnecting:
      return "TCP_CONNECTING";
    case State::TcpUp:
      return "TCP_UP";
    case State::MqttConnecting:
      return "MQTT_CONNECTING";
    case State::Connected:
      return "CONNECTED";
    case State::Disconnected:
      return "DISCONNECTED";
    case State::PeerClosed:
      return "PEER_CLOSED";
    case State::Dropped:
      return "DROPPED";
  }
  return "?";
}

auto mqtt_log() {
  return core::logger("mqtt");
}

}  // namespace mqtt_session_detail

MqttSession::MqttSession(Air780epModel& modem)
    : m_(modem), connection_(modem.sockets()), window_timer_(modem.timers()) {
  make_client();
}

MqttSession::~MqttSession() = default;

void MqttSession::make_client() {
  client_.reset();
  client_ = std::make_unique<net::mqtt::Client>(m_.timers(), connection_,
                                                static_cast<net::mqtt::ClientEvents&>(*this),
                                                mqtt_session_detail::client_config(m_.profile()));
  // OQ-A13: without AT+MCONFIG the module connects as its IMEI, without credentials.
  client_->configure({m_.profile().identity.imei});
  host_.clear();
  port_ = 0;
}

void MqttSession::power_up() {
  make_client();
  publish_mode = 0;
  output_paused_ = false;
  window_timer_.cancel();
}

net::mqtt::StartResult MqttSession::start(const std::string& host, std::uint16_t port, bool tls) {
  std::optional<net::OpenOptions> options = net::OpenOptions{};
  if (tls) {
    const TlsTarget target{kSocketId, host, port};
    const SslContext* ctx = m_.ssl().find(kSslContext);
    options = ctx ? make_tls_link_options(m_, *ctx, target, "CONNECT FAIL") : std::nullopt;
  }
  const auto result = client_->start({host, port}, options);
  if (result == net::mqtt::StartResult::Started) {
    host_ = host;
    port_ = port;
  }
  return result;
}

bool MqttSession::network_lost() {
  const net::mqtt::State s = client_->state();
  if (s == net::mqtt::State::Idle || s == net::mqtt::State::PeerClosed ||
      s == net::mqtt::State::Dropped)
    return false;
  mqtt_session_detail::mqtt_log()->info("socket {}: dropped with the PDN (no CLOSED)", kSocketId);
  client_->network_lost();
  return true;
}

void MqttSession::on_output_drained() {
  if (!output_paused_) return;
  if (m_.at().responder().backlog() > ModuleSockets::kOutputLimit) return;
  output_paused_ = false;
  client_->resume_reading();
}

void MqttSession::check_output() {
  if (output_paused_ || m_.at().responder().backlog() <= ModuleSockets::kOutputLimit) return;
  output_paused_ = true;
  client_->pause_reading();
}

std::shared_ptr<net::Link> MqttSession::link() const {
  const net::mqtt::State s = client_->state();
  if (s == net::mqtt::State::Idle || s == net::mqtt::State::PeerClosed ||
      s == net::mqtt::State::Dropped)
    return nullptr;
  return connection_.link();
}

std::optional<ModemBase::LinkStatus> MqttSession::status() const {
  if (client_->state() == net::mqtt::State::Idle) return std::nullopt;
  ModemBase::LinkStatus st{
      .id = kSocketId,
      .protocol = client_->secure() ? "MQTT/SSL" : "MQTT",
      .remote = fmt::format("{}:{}", host_, port_),
      .state = std::string(mqtt_session_detail::state_label(client_->state()))};
  if (const auto& l = connection_.link()) {
    st.sent = l->bytes_sent();
    st.received = l->bytes_received();
    st.nat_lost = l->nat_lost();
  }
  return st;
}

std::string MqttSession::prefix() const {
  return m_.stack().multi() ? fmt::format("{}, ", kSocketId) : std::string();
}

// --- the engine's events as the module's lines ---

void MqttSession::on_tcp_connected() {
  m_.urc(prefix() + "CONNECT OK");
}

// OQ-A8: single-link mode prints the TCP/IP state machine's name first, as CIPSTART does.
void MqttSession::on_tcp_failed(net::NetError error) {
  mqtt_session_detail::mqtt_log()->info("socket {}: connect to {}:{} failed: {} {}", kSocketId,
                                        host_, port_, net::describe(error),
                                        connection_.failure_detail());
  if (m_.stack().multi()) {
    m_.urc(prefix() + "CONNECT FAIL");
    return;
  }
  m_.urc("STATE: " + m_.ip_state());
  m_.urc("CONNECT FAIL");
}

void MqttSession::on_connected(bool) {
  m_.urc("CONNACK OK");
}

// LM MCONNECT.md: "如果连接失败则返回：ERROR"; the CLOSED of the close follows (OQ-A10).
void MqttSession::on_connect_refused(std::optional<std::uint8_t> return_code) {
  mqtt_session_detail::mqtt_log()->info(
      "CONNACK {}",
      return_code ? fmt::format("return code {}", *return_code) : std::string("never came"));
  m_.urc("ERROR");
}

void MqttSession::on_subscribed(std::uint16_t, const std::vector<std::uint8_t>& codes) {
  for (const auto c : codes) {
    if (c == 0x80)
      mqtt_session_detail::mqtt_log()->info(
          "SUBACK refused the subscription (reported as SUBACK, OQ-A19)");
  }
  m_.urc("SUBACK");
}

void MqttSession::on_unsubscribed(std::uint16_t) {
  m_.urc("UNSUBACK");
}

void MqttSession::on_ack(net::mqtt::AckKind kind, std::uint16_t) {
  switch (kind) {
    case net::mqtt::AckKind::PubAck:
      m_.urc("PUBACK");
      break;
    case net::mqtt::AckKind::PubRec:
      m_.urc("PUBREC");
      break;
    case net::mqtt::AckKind::PubComp:
      m_.urc("PUBCOMP");
      break;
  }
}

// §3.4.8: the payload raw after " byte,", any byte value, then CR LF (OQ-A1); one queue entry,
// so nothing interleaves with it.
void MqttSession::on_message(const net::mqtt::Message& message) {
  const std::string head =
      fmt::format("\r\n+MSUB: \"{}\",{} byte,", message.topic, message.payload.size());
  m_.at().responder().urc_raw(head, message.payload, "\r\n");
  check_output();
}

void MqttSession::on_message_cached(std::size_t slot) {
  m_.urc(fmt::format("+MSUB: {}", slot));
}

void MqttSession::on_closed(const net::mqtt::CloseInfo& info) {
  mqtt_session_detail::mqtt_log()->info(
      "socket {}: {}{}", kSocketId, net::mqtt::describe(info.reason),
      info.nat_lost ? " (the carrier NAT had dropped the mapping)" : "");
  if (info.announced) m_.urc(prefix() + "CLOSED");
}

}  // namespace cellemu::models::air780ep
