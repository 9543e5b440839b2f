#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cellemu::net::mqtt {

// MQTT 3.1.1 (OASIS standard, 2014) control packets as plain values. Payloads and strings are
// bytes; the codec checks UTF-8 where the standard demands it.
enum class PacketType : std::uint8_t {
  Connect = 1,
  ConnAck = 2,
  Publish = 3,
  PubAck = 4,
  PubRec = 5,
  PubRel = 6,
  PubComp = 7,
  Subscribe = 8,
  SubAck = 9,
  Unsubscribe = 10,
  UnsubAck = 11,
  PingReq = 12,
  PingResp = 13,
  Disconnect = 14,
};

enum class QoS : std::uint8_t { AtMostOnce = 0, AtLeastOnce = 1, ExactlyOnce = 2 };

// The largest Remaining Length the 4-byte varint can carry (MQTT 3.1.1 §2.2.3).
constexpr std::size_t kMaxRemainingLength = 268'435'455;
// Strings and binary fields carry a 16-bit length (§1.5.3).
constexpr std::size_t kMaxStringLength = 65'535;
// SUBACK return code for a refused subscription (§3.9.3).
constexpr std::uint8_t kSubscriptionFailure = 0x80;

struct Will {
  std::string topic;
  std::string message;
  QoS qos = QoS::AtMostOnce;
  bool retain = false;
  friend bool operator==(const Will&, const Will&) = default;
};

struct Connect {
  std::string client_id;
  bool clean_session = true;
  std::uint16_t keepalive = 0;  // seconds; 0 = no keepalive
  std::optional<Will> will;
  std::optional<std::string> username;
  std::optional<std::string> password;  // only with a username (§3.1.2.9)
  friend bool operator==(const Connect&, const Connect&) = default;
};

struct ConnAck {
  bool session_present = false;
  std::uint8_t return_code = 0;  // 0 accepted, 1..5 refused (§3.2.2.3)
  friend bool operator==(const ConnAck&, const ConnAck&) = default;
};

struct Publish {
  std::string topic;
  std::string payload;
  QoS qos = QoS::AtMostOnce;
  bool retain = false;
  bool dup = false;
  std::uint16_t packet_id = 0;  // only with QoS > 0
  friend bool operator==(const Publish&, const Publish&) = default;
};

// The four acknowledgements of a publish carry nothing but the packet id; separate types keep
// them apart in the variant.
struct PubAck {
  std::uint16_t packet_id = 0;
  friend bool operator==(const PubAck&, const PubAck&) = default;
};
struct PubRec {
  std::uint16_t packet_id = 0;
  friend bool operator==(const PubRec&, const PubRec&) = default;
};
struct PubRel {
  std::uint16_t packet_id = 0;
  friend bool operator==(const PubRel&, const PubRel&) = default;
};
struct PubComp {
  std::uint16_t packet_id = 0;
  friend bool operator==(const PubComp&, const PubComp&) = default;
};

struct Subscription {
  std::string filter;
  QoS qos = QoS::AtMostOnce;
  friend bool operator==(const Subscription&, const Subscription&) = default;
};

struct Subscribe {
  std::uint16_t packet_id = 0;
  std::vector<Subscription> topics;  // at least one
  friend bool operator==(const Subscribe&, const Subscribe&) = default;
};

struct SubAck {
  std::uint16_t packet_id = 0;
  std::vector<std::uint8_t> return_codes;  // granted QoS 0..2, or 0x80
  friend bool operator==(const SubAck&, const SubAck&) = default;
};

struct Unsubscribe {
  std::uint16_t packet_id = 0;
  std::vector<std::string> filters;  // at least one
  friend bool operator==(const Unsubscribe&, const Unsubscribe&) = default;
};

struct UnsubAck {
  std::uint16_t packet_id = 0;
  friend bool operator==(const UnsubAck&, const UnsubAck&) = default;
};

struct PingReq {
  friend bool operator==(const PingReq&, const PingReq&) = default;
};
struct PingResp {
  friend bool operator==(const PingResp&, const PingResp&) = default;
};
struct Disconnect {
  friend bool operator==(const Disconnect&, const Disconnect&) = default;
};

// Alternatives are in PacketType order (index + 1 == type).
using Packet = std::variant<Connect, ConnAck, Publish, PubAck, PubRec, PubRel, PubComp, Subscribe,
                            SubAck, Unsubscribe, UnsubAck, PingReq, PingResp, Disconnect>;

inline PacketType type_of(const Packet& p) {
  return static_cast<PacketType>(p.index() + 1);
}

}  // namespace cellemu::net::mqtt
