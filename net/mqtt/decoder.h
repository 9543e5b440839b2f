#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "net/mqtt/packet.h"

namespace cellemu::net::mqtt {

// Why bytes are not a valid MQTT 3.1.1 packet. Any of them is a protocol violation: the receiver
// closes the connection (§4.8).
enum class DecodeError {
  ReservedType,         // packet type 0 or 15
  InvalidFlags,         // fixed-header flags other than the ones §2.2.2 prescribes
  MalformedLength,      // Remaining Length longer than 4 bytes
  PacketTooLarge,       // more than the decoder keeps, and not a PUBLISH it can skip
  Truncated,            // a field runs past the end of the packet
  TrailingBytes,        // bytes left after the last field
  InvalidUtf8,          // a string that is not well-formed UTF-8 (or holds U+0000)
  InvalidQoS,           // QoS 3
  ZeroPacketId,         // packet id 0
  BadProtocol,          // CONNECT not "MQTT" level 4
  InvalidConnectFlags,  // reserved bit, will QoS/retain without will, password without user
  EmptyPayload,         // SUBSCRIBE/UNSUBSCRIBE without topics, SUBACK without codes
  InvalidReturnCode,    // CONNACK flags/code or SUBACK code out of range
  InvalidTopic,         // empty topic, wildcard in a topic name, misplaced wildcard in a filter
};

std::string_view describe(DecodeError error);

// A PUBLISH larger than the decoder keeps: its header only. The payload was skipped as it
// streamed by, so a client can still acknowledge the message (the module drops oversized
// messages but answers their PUBACK/PUBREC, app-protocols.md OQ-A14).
struct OversizedPublish {
  std::string topic;
  QoS qos = QoS::AtMostOnce;
  bool retain = false;
  bool dup = false;
  std::uint16_t packet_id = 0;
  std::size_t payload_size = 0;
  friend bool operator==(const OversizedPublish&, const OversizedPublish&) = default;
};

// Incremental decoder for a byte stream from the peer. Holds at most one incomplete packet of at
// most `max_packet` bytes of Remaining Length (plus 5 header bytes); a longer PUBLISH is reported
// as an OversizedPublish and its payload skipped, any other longer packet is an error.
class Decoder {
 public:
  using Item = std::variant<Packet, OversizedPublish, DecodeError>;
  // Receives each item in stream order; returns false to stop decoding (the rest of the bytes
  // given to this feed() call is discarded, the decoder is left failed).
  using Sink = std::function<bool(Item&&)>;

  explicit Decoder(std::size_t max_packet = kMaxRemainingLength);

  // Consumes every byte. An error is delivered once; afterwards the decoder ignores input until
  // reset().
  void feed(std::string_view bytes, const Sink& sink);
  void reset();
  bool failed() const { return failed_; }
  // Bytes held of the packet in progress (bounded by max_packet + 5).
  std::size_t buffered() const { return header_len_ + body_.size(); }
  std::size_t max_packet() const { return max_packet_; }

 private:
  enum class Phase { Header, Body, Skip };
  bool on_header_byte(std::uint8_t byte, const Sink& sink);
  bool start_body(const Sink& sink);
  bool finish_body(const Sink& sink);
  bool try_oversized_prefix(const Sink& sink);
  bool fail(DecodeError error, const Sink& sink);

  std::size_t max_packet_;
  Phase phase_ = Phase::Header;
  bool failed_ = false;
  std::uint8_t first_ = 0;
  std::size_t header_len_ = 0;  // bytes of the fixed header read so far
  std::size_t remaining_ = 0;
  std::size_t multiplier_ = 1;
  bool oversized_ = false;
  std::string body_;
  std::size_t skip_left_ = 0;
};

// Decodes one packet from its first byte and its body (the bytes after the Remaining Length).
std::variant<Packet, DecodeError> decode_packet(std::uint8_t first_byte, std::string_view body);

}  // namespace cellemu::net::mqtt
