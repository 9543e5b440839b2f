#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.h"
#include "net/mqtt/packet.h"
#include "net/net_error.h"

namespace cellemu::net::mqtt {

// The client's states (app-protocols.md §3.3). Every state but Connected reports nothing more
// than its status value; the model words the transitions.
enum class State {
  Idle,            // no connection
  TcpConnecting,   // start(): TCP (and TLS) being set up
  TcpUp,           // connected, no CONNECT sent yet
  MqttConnecting,  // CONNECT sent, waiting for CONNACK
  Connected,       // CONNACK accepted
  Disconnected,    // disconnect(): DISCONNECT sent, the broker's close is not announced
  PeerClosed,      // the connection ended and that was announced (on_closed, announced)
  Dropped,         // the network went away under the session (silent)
};

// Why a host command is refused. The model words them (Air780EP: WrongState -> 767, the others
// -> 765; app-protocols.md OQ-A3). Parameters are checked before the state.
enum class Refusal {
  WrongState,            // not allowed in the current state (§3.3 legality table)
  InvalidArgument,       // over a limit of §3.7, or not a valid MQTT topic / value
  Busy,                  // every packet id in flight, or the send queue is full
  TooManySubscriptions,  // Limits::max_subscriptions reached (OQ-A35 knob)
};

// What one command leads to: refused, or accepted (with the packet id it uses, 0 for none).
struct Sent {
  std::optional<Refusal> refusal;
  std::uint16_t packet_id = 0;
  explicit operator bool() const { return !refusal; }
};

enum class StartResult {
  Started,           // connecting: on_tcp_connected or on_tcp_failed follows
  AlreadyConnected,  // a session exists (OQ-A7); it is left untouched
  InvalidArgument,   // empty or too long host, port 0
};

// The module's limits (app-protocols.md §3.7), checked by the engine. Vendor data: the model may
// change any of them from its profile.
struct Limits {
  std::size_t host = 256;
  std::size_t client_id = 256;
  std::size_t credential = 256;  // username, password
  std::size_t topic = 256;       // MSUB/MUNSUB/MPUB/MPUBEX and the will topic
  std::size_t will_message = 1360;
  std::size_t payload = 4100;     // one published message (OQ-A4)
  std::size_t rx_payload = 4100;  // larger received messages are acked and dropped (OQ-A14)
  std::uint32_t min_keepalive = 1;
  std::size_t cache_slots = 4;           // AT+MQTTMSGGET slots (OQ-A15)
  std::size_t max_subscriptions = 0;     // 0 = no limit (OQ-A35)
  std::size_t send_backlog = 64 * 1024;  // bytes queued towards the broker before Busy
};

// Module processing times of the "real" timing profile (app-protocols.md §6); all zero in
// "fast". Each is added to the network's own time. The values are vendor data: the model's
// profile holds them.
struct Timing {
  core::Duration tcp_connected{0};  // MIPSTART -> CONNECT OK (LSM 193 ms)
  core::Duration tls_connected{0};  // SSLMIPSTART, after the handshake (LTA 1.4 s / 2.3 s)
  core::Duration connack{0};        // MCONNECT -> CONNACK OK
  core::Duration suback{0};         // MSUB -> SUBACK, MUNSUB -> UNSUBACK
  core::Duration puback{0};         // PUBACK, PUBREC
  core::Duration pubcomp{0};        // PUBCOMP after PUBREC
  core::Duration dns_failure{0};    // unresolvable host -> CONNECT FAIL (profile dns_failure)

  static Timing fast() { return {}; }
};

// What disconnect() does on the wire (OQ-A6 knob mdisconnect_mode).
enum class DisconnectMode {
  Packet,  // DISCONNECT sent; MQTTSTATU 0; the broker's close is not announced
  Silent,  // nothing sent, the socket stays open; MQTTSTATU 2; the will fires at close()
};

struct ClientConfig {
  Limits limits;
  Timing timing;
  core::Duration connack_timeout = std::chrono::seconds(10);  // OQ-A10
  // The PINGREQ interval never exceeds this (seconds, 0 = no cap; OQ-A20 knob, 300 = the old
  // firmware). CONNECT still carries the keepalive as given.
  std::uint16_t keepalive_cap = 0;
  DisconnectMode disconnect_mode = DisconnectMode::Packet;
};

// MCONFIG's values, used by the next connect(). Empty username/password = not sent (OQ-A13); a
// password is sent only with a username (MQTT 3.1.1 §3.1.2.9).
struct SessionOptions {
  std::string client_id;
  std::string username;
  std::string password;
  std::optional<Will> will;
};

// A received application message.
struct Message {
  std::string topic;
  std::string payload;
  QoS qos = QoS::AtMostOnce;
  bool retain = false;
  bool dup = false;
  friend bool operator==(const Message&, const Message&) = default;
};

enum class ReceiveMode {
  Direct,  // each message is an on_message event (+MSUB: "<topic>",<len> byte,<payload>)
  Cached,  // stored in the receive cache, on_message_cached(slot) (+MSUB: <slot>)
};

enum class AckKind { PubAck, PubRec, PubComp };

enum class CloseReason {
  BrokerClosed,      // orderly close by the broker (duplicate client id, restart, refusal)
  Reset,             // the connection was reset, or failed (TLS alert, socket error)
  KeepaliveTimeout,  // no PINGRESP within one keepalive period after a PINGREQ (OQ-A10)
  ConnackRefused,    // CONNACK with a return code other than 0 (OQ-A10)
  ConnackTimeout,    // no CONNACK in time (OQ-A10)
  ProtocolError,     // the broker sent something that is not valid MQTT 3.1.1
  NetworkLost,       // the emulated network took the connection away (silent, §3.5)
};

struct CloseInfo {
  CloseReason reason = CloseReason::BrokerClosed;
  // The module announces it (Air780EP "CLOSED"); false for the broker's close after a
  // DISCONNECT and for network loss.
  bool announced = true;
  // The carrier NAT had dropped the mapping before (a keepalive timeout is then its symptom).
  bool nat_lost = false;
  NetError error = NetError::PeerClosed;  // what the socket layer said, where it said anything
};

std::string_view describe(CloseReason reason);

}  // namespace cellemu::net::mqtt
