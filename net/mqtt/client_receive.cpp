// The Client's side facing the broker: connection events, incoming packets, keepalive.
#include "emulator/core/logging.h"
#include "net/mqtt/client.h"

namespace cellemu::net::mqtt {

namespace {
auto log() {
  return core::logger("mqtt");
}

CloseReason reason_of(NetError error) {
  switch (error) {
    case NetError::PeerClosed:
      return CloseReason::BrokerClosed;
    case NetError::NetworkDown:
      return CloseReason::NetworkLost;
    default:
      return CloseReason::Reset;
  }
}
}  // namespace

void Client::on_connected() {
  if (state_ != State::TcpConnecting) return;
  state_ = State::TcpUp;
  const Timing& t = config_.timing;
  post(secure_ ? t.tls_connected : t.tcp_connected, [this] { events_.on_tcp_connected(); });
}

void Client::on_connect_failed(NetError error) {
  if (state_ != State::TcpConnecting) return;
  state_ = State::Idle;
  log()->debug("connect failed: {} {}", describe(error), conn_.failure_detail());
  // An unresolvable name takes the module's DNS time to be reported (as CIPSTART, MH).
  const core::Duration delay =
      error == NetError::DnsFailure ? config_.timing.dns_failure : core::Duration::zero();
  post(delay, [this, error] { events_.on_tcp_failed(error); });
}

void Client::on_data(std::string_view bytes) {
  const std::uint64_t generation = generation_;
  decoder_.feed(bytes, [this, generation](Decoder::Item&& item) {
    return on_item(std::move(item), generation);
  });
}

void Client::on_closed(NetError reason) {
  CloseInfo info{reason_of(reason), true, nat_lost_, reason};
  if (state_ == State::MqttConnecting) {
    // The broker hung up instead of answering CONNECT: the host waiting for CONNACK hears ERROR.
    post(config_.timing.connack, [this] { events_.on_connect_refused(std::nullopt); });
  }
  if (state_ == State::Disconnected || reason == NetError::NetworkDown) info.announced = false;
  end_connection(info);
}

void Client::on_writable() {
  if (!wants_writable_ || !writable()) return;
  wants_writable_ = false;
  events_.on_writable();
}

void Client::on_nat_lost() {
  nat_lost_ = true;
  log()->info("carrier NAT dropped the broker connection's mapping; traffic is lost from now");
}

// The connection is gone (or given up): the state the host then sees, and the event.
void Client::end_connection(CloseInfo info) {
  conn_.close(false);
  stop_timers();
  decoder_.reset();
  in_flight_.reset();
  if (info.reason == CloseReason::NetworkLost) {
    state_ = State::Dropped;
  } else if (state_ != State::Disconnected) {
    state_ = State::PeerClosed;
  }
  log()->info("broker connection ended: {}{}", describe(info.reason),
              info.nat_lost ? " (the carrier NAT had dropped its mapping)" : "");
  post(core::Duration::zero(), [this, info] { events_.on_closed(info); });
}

bool Client::on_item(Decoder::Item&& item, std::uint64_t generation) {
  if (generation != generation_) return false;
  const bool live = state_ == State::MqttConnecting || state_ == State::Connected ||
                    state_ == State::Disconnected;
  if (!live) return false;
  if (auto* error = std::get_if<DecodeError>(&item)) {
    protocol_error(describe(*error));
  } else if (auto* oversized = std::get_if<OversizedPublish>(&item)) {
    on_oversized(*oversized);
  } else {
    on_packet(std::move(std::get<Packet>(item)));
  }
  return generation == generation_ && (state_ == State::MqttConnecting ||
                                       state_ == State::Connected || state_ == State::Disconnected);
}

void Client::protocol_error(std::string_view what) {
  log()->warn("broker sent an invalid packet ({}): closing", what);
  if (state_ == State::MqttConnecting) {
    post(config_.timing.connack, [this] { events_.on_connect_refused(std::nullopt); });
  }
  end_connection(
      {CloseReason::ProtocolError, state_ != State::Disconnected, nat_lost_, NetError::Io});
}

void Client::on_packet(Packet&& packet) {
  const PacketType type = type_of(packet);
  if (type == PacketType::ConnAck) {
    return state_ == State::MqttConnecting ? on_connack(std::get<ConnAck>(packet))
                                           : protocol_error("unexpected CONNACK");
  }
  if (state_ == State::MqttConnecting) return protocol_error("packet before CONNACK");
  if (state_ == State::Disconnected) return;  // nothing more is reported after DISCONNECT
  switch (type) {
    case PacketType::Publish:
      return on_publish(std::move(std::get<Publish>(packet)));
    case PacketType::PubAck:
      return on_acknowledgement(Awaiting::PubAck, std::get<PubAck>(packet).packet_id);
    case PacketType::PubRec:
      return on_acknowledgement(Awaiting::PubRec, std::get<PubRec>(packet).packet_id);
    case PacketType::PubComp:
      return on_acknowledgement(Awaiting::PubComp, std::get<PubComp>(packet).packet_id);
    case PacketType::PubRel: {
      const std::uint16_t id = std::get<PubRel>(packet).packet_id;
      in_flight_.release_qos2(id);
      send_packet(PubComp{id});  // also for an id we no longer know: the broker's flow ends
      return;
    }
    case PacketType::SubAck:
      return on_suback(std::move(std::get<SubAck>(packet)));
    case PacketType::UnsubAck:
      return on_acknowledgement(Awaiting::UnsubAck, std::get<UnsubAck>(packet).packet_id);
    case PacketType::PingResp:
      pingresp_timer_.cancel();
      return;
    default:
      return protocol_error("a packet only clients send");
  }
}

void Client::on_connack(const ConnAck& ack) {
  connack_timer_.cancel();
  if (ack.return_code != 0) {
    return connack_failed(ack.return_code, CloseReason::ConnackRefused);
  }
  state_ = State::Connected;
  start_keepalive();
  const bool present = ack.session_present;
  post(config_.timing.connack, [this, present] { events_.on_connected(present); });
}

void Client::connack_failed(std::optional<std::uint8_t> return_code, CloseReason reason) {
  log()->info("MQTT connect failed: {}{}", describe(reason),
              return_code ? " (return code " + std::to_string(*return_code) + ")" : "");
  post(config_.timing.connack, [this, return_code] { events_.on_connect_refused(return_code); });
  end_connection({reason, true, nat_lost_, NetError::PeerClosed});
}

void Client::on_publish(Publish&& p) {
  acknowledge_incoming(p.qos, p.packet_id);
  if (p.qos == QoS::ExactlyOnce && !in_flight_.receive_qos2(p.packet_id)) return;  // resend
  if (p.payload.size() > config_.limits.rx_payload) {
    return on_oversized({p.topic, p.qos, p.retain, p.dup, 0, p.payload.size()});
  }
  deliver({std::move(p.topic), std::move(p.payload), p.qos, p.retain, p.dup});
}

// OQ-A14: acknowledged like any message, then dropped without a word to the host.
void Client::on_oversized(const OversizedPublish& p) {
  if (p.packet_id != 0) {
    acknowledge_incoming(p.qos, p.packet_id);
    if (p.qos == QoS::ExactlyOnce) in_flight_.receive_qos2(p.packet_id);
  }
  log()->info("mqtt rx oversize: {} bytes on \"{}\" dropped (limit {})", p.payload_size, p.topic,
              config_.limits.rx_payload);
}

void Client::acknowledge_incoming(QoS qos, std::uint16_t packet_id) {
  if (qos == QoS::AtLeastOnce) send_packet(PubAck{packet_id});
  if (qos == QoS::ExactlyOnce) send_packet(PubRec{packet_id});
}

void Client::deliver(Message message) {
  post(core::Duration::zero(), [this, m = std::move(message)]() mutable {
    if (receive_mode_ == ReceiveMode::Direct) return events_.on_message(m);
    events_.on_message_cached(cache_.store(std::move(m)));
  });
}

void Client::on_acknowledgement(Awaiting got, std::uint16_t id) {
  if (!in_flight_.acknowledge(id, got)) {
    log()->debug("ignoring an acknowledgement for packet id {} nothing waits for", id);
    return;
  }
  const Timing& t = config_.timing;
  switch (got) {
    case Awaiting::PubAck:
      return post(t.puback, [this, id] { events_.on_ack(AckKind::PubAck, id); });
    case Awaiting::PubRec:
      send_packet(PubRel{id});
      return post(t.puback, [this, id] { events_.on_ack(AckKind::PubRec, id); });
    case Awaiting::PubComp:
      return post(t.pubcomp, [this, id] { events_.on_ack(AckKind::PubComp, id); });
    case Awaiting::SubAck:
      return;  // on_suback
    case Awaiting::UnsubAck:
      return post(t.suback, [this, id] { events_.on_unsubscribed(id); });
  }
}

void Client::on_suback(SubAck&& ack) {
  if (!in_flight_.acknowledge(ack.packet_id, Awaiting::SubAck)) {
    log()->debug("ignoring a SUBACK for packet id {} nothing waits for", ack.packet_id);
    return;
  }
  for (std::uint8_t code : ack.return_codes) {
    if (code == kSubscriptionFailure) log()->info("broker refused subscription {}", ack.packet_id);
  }
  post(config_.timing.suback,
       [this, a = std::move(ack)] { events_.on_subscribed(a.packet_id, a.return_codes); });
}

void Client::start_keepalive() {
  if (ping_interval_ <= core::Duration::zero()) return;
  ping_timer_.start(last_sent_ + ping_interval_ - timers_.now(), [this] { on_ping_timer(); });
}

// PINGREQ once nothing was sent for a keepalive period (§3.8); no PINGRESP within another
// period after it closes the connection (OQ-A10).
void Client::on_ping_timer() {
  if (state_ != State::Connected) return;
  const core::Duration quiet = timers_.now() - last_sent_;
  if (quiet < ping_interval_) {
    ping_timer_.start(ping_interval_ - quiet, [this] { on_ping_timer(); });
    return;
  }
  send_packet(PingReq{});
  if (!pingresp_timer_.armed()) {
    pingresp_timer_.start(ping_interval_, [this] {
      end_connection({CloseReason::KeepaliveTimeout, true, nat_lost_, NetError::Timeout});
    });
  }
  ping_timer_.start(ping_interval_, [this] { on_ping_timer(); });
}

}  // namespace cellemu::net::mqtt
