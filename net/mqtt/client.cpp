#include "net/mqtt/client.h"

#include "emulator/core/logging.h"
#include "net/mqtt/encoder.h"
#include "net/mqtt/topic.h"

namespace cellemu::net::mqtt {
namespace {
// Events held for the real timing profile before the broker stops being read.
constexpr std::size_t kPacedLimit = 64;
// The largest PUBLISH kept whole: the receive limit plus the longest topic and the packet id;
// anything longer is skipped as it streams by.
std::size_t decoder_limit(const Limits& limits) {
  return limits.rx_payload + 2 + kMaxStringLength + 2;
}
}  // namespace

std::string_view describe(CloseReason reason) {
  switch (reason) {
    case CloseReason::BrokerClosed:
      return "closed by the broker";
    case CloseReason::Reset:
      return "connection reset";
    case CloseReason::KeepaliveTimeout:
      return "no PINGRESP (keepalive timeout)";
    case CloseReason::ConnackRefused:
      return "CONNACK refused";
    case CloseReason::ConnackTimeout:
      return "no CONNACK";
    case CloseReason::ProtocolError:
      return "protocol error";
    case CloseReason::NetworkLost:
      return "network lost";
  }
  return "unknown";
}

Client::Client(core::TimerService& timers, Connection& connection, ClientEvents& events,
               ClientConfig config)
    : timers_(timers),
      conn_(connection),
      events_(events),
      config_(config),
      decoder_(decoder_limit(config.limits)),
      cache_(config.limits.cache_slots),
      paced_(timers, kPacedLimit,
             [this](bool high) {
               pressure_paused_ = high;
               update_reading();
             }),
      start_timer_(timers),
      connack_timer_(timers),
      ping_timer_(timers),
      pingresp_timer_(timers) {}

Client::~Client() {
  conn_.close(false);
}

std::optional<Refusal> Client::configure(SessionOptions options) {
  const Limits& l = config_.limits;
  if (options.client_id.size() > l.client_id || options.username.size() > l.credential ||
      options.password.size() > l.credential || !valid_utf8(options.client_id) ||
      !valid_utf8(options.username)) {
    return Refusal::InvalidArgument;
  }
  if (options.will &&
      (options.will->topic.size() > l.topic || options.will->message.size() > l.will_message ||
       !valid_topic_name(options.will->topic))) {
    return Refusal::InvalidArgument;
  }
  options_ = std::move(options);
  return std::nullopt;
}

StartResult Client::start(const Endpoint& to, const std::optional<OpenOptions>& options) {
  if (to.host.empty() || to.host.size() > config_.limits.host || to.port == 0) {
    return StartResult::InvalidArgument;
  }
  if (state_ != State::Idle && state_ != State::PeerClosed && state_ != State::Dropped) {
    return StartResult::AlreadyConnected;
  }
  new_session();
  state_ = State::TcpConnecting;
  secure_ = !options || options->tls != nullptr;
  if (!options) {
    start_timer_.start(core::Duration::zero(), [this] { on_connect_failed(NetError::TlsFailure); });
  } else {
    conn_.open(to, *options, *this);
  }
  return StartResult::Started;
}

std::optional<Refusal> Client::connect(bool clean_session, std::uint32_t keepalive) {
  if (keepalive < config_.limits.min_keepalive || keepalive > 65535) {
    return Refusal::InvalidArgument;
  }
  if (state_ != State::TcpUp) return Refusal::WrongState;
  Connect c{options_.client_id, clean_session, static_cast<std::uint16_t>(keepalive)};
  c.will = options_.will;
  if (!options_.username.empty()) {
    c.username = options_.username;
    if (!options_.password.empty()) c.password = options_.password;
  }
  in_flight_.reset();
  std::uint32_t interval = keepalive;
  if (config_.keepalive_cap > 0)
    interval = std::min<std::uint32_t>(interval, config_.keepalive_cap);
  ping_interval_ = std::chrono::seconds(interval);
  state_ = State::MqttConnecting;
  send_packet(c);
  connack_timer_.start(config_.connack_timeout,
                       [this] { connack_failed(std::nullopt, CloseReason::ConnackTimeout); });
  return std::nullopt;
}

std::optional<Refusal> Client::check_sendable() {
  if (state_ != State::Connected) return Refusal::WrongState;
  if (conn_.send_backlog() >= config_.limits.send_backlog) {
    wants_writable_ = true;  // on_writable tells the model when to try again
    return Refusal::Busy;
  }
  return std::nullopt;
}

Sent Client::subscribe(const std::string& filter, QoS qos) {
  if (filter.size() > config_.limits.topic || !valid_topic_filter(filter)) {
    return {Refusal::InvalidArgument};
  }
  if (auto r = check_sendable()) return {r};
  const bool known = subscriptions_.count(filter) != 0;
  if (tracking_subscriptions() && !known &&
      subscriptions_.size() >= config_.limits.max_subscriptions) {
    return {Refusal::TooManySubscriptions};
  }
  const auto id = in_flight_.allocate(Awaiting::SubAck);
  if (!id) return {Refusal::Busy};
  if (tracking_subscriptions()) subscriptions_.insert(filter);
  send_packet(Subscribe{*id, {{filter, qos}}});
  return {std::nullopt, *id};
}

Sent Client::unsubscribe(const std::string& filter) {
  if (filter.size() > config_.limits.topic || !valid_topic_filter(filter)) {
    return {Refusal::InvalidArgument};
  }
  if (auto r = check_sendable()) return {r};
  const auto id = in_flight_.allocate(Awaiting::UnsubAck);
  if (!id) return {Refusal::Busy};
  subscriptions_.erase(filter);
  send_packet(Unsubscribe{*id, {filter}});
  return {std::nullopt, *id};
}

Sent Client::publish(std::string topic, std::string payload, QoS qos, bool retain) {
  if (topic.size() > config_.limits.topic || payload.size() > config_.limits.payload ||
      !valid_topic_name(topic)) {
    return {Refusal::InvalidArgument};
  }
  if (auto r = check_sendable()) return {r};
  std::uint16_t id = 0;
  if (qos != QoS::AtMostOnce) {
    const auto got =
        in_flight_.allocate(qos == QoS::AtLeastOnce ? Awaiting::PubAck : Awaiting::PubRec);
    if (!got) return {Refusal::Busy};
    id = *got;
  }
  send_packet(Publish{std::move(topic), std::move(payload), qos, retain, false, id});
  return {std::nullopt, id};
}

std::optional<Refusal> Client::disconnect() {
  if (state_ != State::Connected) return Refusal::WrongState;
  stop_timers();
  if (config_.disconnect_mode == DisconnectMode::Packet) send_packet(Disconnect{});
  // The connection stays until the broker closes it (not announced) or close(): closing here
  // could drop the DISCONNECT still queued in a shaped link.
  state_ = State::Disconnected;
  return std::nullopt;
}

std::optional<Refusal> Client::close() {
  switch (state_) {
    case State::Idle:
      return Refusal::WrongState;
    case State::PeerClosed:  // CLOSED was announced already (LTM: +CME ERROR: 767)
      state_ = State::Idle;
      return Refusal::WrongState;
    default:
      break;
  }
  conn_.close(false);  // no DISCONNECT: the broker publishes the will (LFQ 12)
  new_session();
  state_ = State::Idle;
  return std::nullopt;
}

void Client::network_lost() {
  if (state_ == State::Idle) return;
  conn_.close(false);
  new_session();
  state_ = State::Dropped;
}

// Everything of the session before goes: timers, queued events, ids, a half-read packet.
void Client::new_session() {
  conn_.close(false);
  stop_timers();
  start_timer_.cancel();
  paced_.clear();
  ++generation_;
  decoder_.reset();
  in_flight_.reset();
  nat_lost_ = false;
  wants_writable_ = false;
}

void Client::stop_timers() {
  connack_timer_.cancel();
  ping_timer_.cancel();
  pingresp_timer_.cancel();
}

int Client::status() const {
  switch (state_) {
    case State::Connected:
      return 1;
    case State::TcpUp:
    case State::MqttConnecting:
      return 2;
    case State::Disconnected:
      return config_.disconnect_mode == DisconnectMode::Silent ? 2 : 0;
    default:
      return 0;
  }
}

bool Client::send_packet(const Packet& packet) {
  last_sent_ = timers_.now();
  return conn_.send(encode(packet));
}

bool Client::writable() const {
  return conn_.send_backlog() < config_.limits.send_backlog;
}

void Client::pause_reading() {
  host_paused_ = true;
  update_reading();
}

void Client::resume_reading() {
  host_paused_ = false;
  update_reading();
}

void Client::update_reading() {
  if (host_paused_ || pressure_paused_) {
    conn_.pause_reading();
  } else {
    conn_.resume_reading();
  }
}

void Client::post(core::Duration delay, std::function<void()> event) {
  paced_.post(delay, [this, generation = generation_, event = std::move(event)] {
    if (generation == generation_) event();
  });
}

}  // namespace cellemu::net::mqtt
