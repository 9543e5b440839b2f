#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/core/timer_service.h"
#include "net/connection.h"
#include "net/mqtt/client_types.h"
#include "net/mqtt/decoder.h"
#include "net/mqtt/in_flight.h"
#include "net/mqtt/receive_cache.h"
#include "net/paced_events.h"

namespace cellemu::net::mqtt {

// What the client reports to the model, which words it (Air780EP lines in brackets). Every call
// comes from the modem's thread, after the command that caused it has returned, in the order
// the module would print them.
class ClientEvents {
 public:
  virtual void on_tcp_connected() = 0;                  // "CONNECT OK"
  virtual void on_tcp_failed(NetError error) = 0;       // "STATE: <s>" + "CONNECT FAIL"
  virtual void on_connected(bool session_present) = 0;  // "CONNACK OK"
  // CONNACK refused (its return code) or none came (nullopt): "ERROR"; on_closed follows.
  virtual void on_connect_refused(std::optional<std::uint8_t> return_code) = 0;
  // SUBACK, whatever its return codes say (0x80 included, OQ-A19): "SUBACK".
  virtual void on_subscribed(std::uint16_t packet_id, const std::vector<std::uint8_t>& codes) = 0;
  virtual void on_unsubscribed(std::uint16_t packet_id) = 0;       // "UNSUBACK"
  virtual void on_ack(AckKind kind, std::uint16_t packet_id) = 0;  // "PUBACK" "PUBREC" "PUBCOMP"
  virtual void on_message(const Message& message) = 0;   // +MSUB: "<topic>",<len> byte,<payload>
  virtual void on_message_cached(std::size_t slot) = 0;  // "+MSUB: <slot>"
  // The connection ended without the host asking; "CLOSED" when info.announced.
  virtual void on_closed(const CloseInfo& info) = 0;
  // The send queue has room again after publish/subscribe answered Busy.
  virtual void on_writable() {}

 protected:
  ~ClientEvents() = default;
};

// The module's built-in MQTT 3.1.1 client (app-protocols.md §3): one session over one
// Connection, the §3.3 state machine, keepalive on the injected clock, QoS 0/1/2 both ways, the
// receive cache, the limits of §3.7 and the bytes of §3.8. Vendor-neutral: the model maps
// commands to these calls and events to its lines. The Connection and the events receiver must
// outlive the client (it closes the connection when destroyed).
class Client final : private ConnectionEvents {
 public:
  Client(core::TimerService& timers, Connection& connection, ClientEvents& events,
         ClientConfig config = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // MCONFIG: allowed in every state; used by the next connect().
  std::optional<Refusal> configure(SessionOptions options);
  // MIPSTART (options without tls) / SSLMIPSTART (options from the SSL context). nullopt
  // options: the TLS settings could not be made; the attempt fails as a TLS failure.
  StartResult start(const Endpoint& to, const std::optional<OpenOptions>& options);
  // MCONNECT: sends CONNECT (keepalive in seconds).
  std::optional<Refusal> connect(bool clean_session, std::uint32_t keepalive);
  Sent subscribe(const std::string& filter, QoS qos);
  Sent unsubscribe(const std::string& filter);
  Sent publish(std::string topic, std::string payload, QoS qos, bool retain);
  std::optional<Refusal> disconnect();  // MDISCONNECT
  std::optional<Refusal> close();       // MIPCLOSE
  // The emulated network dropped the PDN: the connection goes away silently (state Dropped).
  void network_lost();

  void set_receive_mode(ReceiveMode mode) { receive_mode_ = mode; }
  ReceiveMode receive_mode() const { return receive_mode_; }
  ReceiveCache& cache() { return cache_; }
  // Host-side backpressure: stop reading the broker while the host's output backs up.
  void pause_reading();
  void resume_reading();
  // Room in the send queue (below Limits::send_backlog).
  bool writable() const;

  State state() const { return state_; }
  // AT+MQTTSTATU: 0 offline, 1 connected, 2 TCP up but not connected (OQ-A16, OQ-A6).
  int status() const;
  const SessionOptions& session_options() const { return options_; }
  const ClientConfig& config() const { return config_; }
  bool secure() const { return secure_; }

 private:
  // ConnectionEvents
  void on_connected() override;
  void on_connect_failed(NetError error) override;
  void on_data(std::string_view bytes) override;
  void on_closed(NetError reason) override;
  void on_writable() override;
  void on_nat_lost() override;

  // client_receive.cpp: packets from the broker
  bool on_item(Decoder::Item&& item, std::uint64_t generation);
  void on_packet(Packet&& packet);
  void on_connack(const ConnAck& ack);
  void on_publish(Publish&& publish);
  void on_oversized(const OversizedPublish& publish);
  void acknowledge_incoming(QoS qos, std::uint16_t packet_id);
  void deliver(Message message);
  void on_acknowledgement(Awaiting got, std::uint16_t packet_id);
  void on_suback(SubAck&& ack);
  void connack_failed(std::optional<std::uint8_t> return_code, CloseReason reason);
  void protocol_error(std::string_view what);

  // client.cpp: session plumbing
  bool send_packet(const Packet& packet);
  std::optional<Refusal> check_sendable();
  void end_connection(CloseInfo info);
  void stop_timers();
  void new_session();
  void start_keepalive();
  void on_ping_timer();
  void post(core::Duration delay, std::function<void()> event);
  void update_reading();
  bool tracking_subscriptions() const { return config_.limits.max_subscriptions > 0; }

  core::TimerService& timers_;
  Connection& conn_;
  ClientEvents& events_;
  ClientConfig config_;
  State state_ = State::Idle;
  SessionOptions options_;
  Decoder decoder_;
  InFlight in_flight_;
  ReceiveCache cache_;
  ReceiveMode receive_mode_ = ReceiveMode::Direct;
  PacedEvents paced_;
  core::Timer start_timer_;
  core::Timer connack_timer_;
  core::Timer ping_timer_;
  core::Timer pingresp_timer_;
  std::set<std::string> subscriptions_;  // only with a subscription limit (bounded by it)
  std::uint64_t generation_ = 0;  // bumped when the host ends a session: its events are stale
  core::Duration ping_interval_{0};
  core::TimePoint last_sent_{};
  bool secure_ = false;
  bool nat_lost_ = false;
  bool host_paused_ = false;
  bool pressure_paused_ = false;
  bool wants_writable_ = false;
};

}  // namespace cellemu::net::mqtt
