#include "net/mqtt/decoder.h"

#include <algorithm>

#include "net/mqtt/topic.h"

namespace cellemu::net::mqtt {
namespace {

// Reads the fields of one packet body; every read fails cleanly at the end of the body.
class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool u8(std::uint8_t& v) {
    if (s_.empty()) return false;
    v = static_cast<std::uint8_t>(s_[0]);
    s_.remove_prefix(1);
    return true;
  }
  bool u16(std::uint16_t& v) {
    if (s_.size() < 2) return false;
    v = static_cast<std::uint16_t>((static_cast<std::uint8_t>(s_[0]) << 8) |
                                   static_cast<std::uint8_t>(s_[1]));
    s_.remove_prefix(2);
    return true;
  }
  bool bytes(std::string& out) {
    std::uint16_t n = 0;
    if (!u16(n) || s_.size() < n) return false;
    out.assign(s_.substr(0, n));
    s_.remove_prefix(n);
    return true;
  }
  std::string_view rest() {
    const std::string_view r = s_;
    s_ = {};
    return r;
  }
  bool empty() const { return s_.empty(); }

 private:
  std::string_view s_;
};

using Result = std::variant<Packet, DecodeError>;

// The flags §2.2.2 prescribes; PUBLISH flags are checked with its header.
std::optional<DecodeError> check_type(std::uint8_t first) {
  const unsigned type = first >> 4;
  const unsigned flags = first & 0x0F;
  if (type == 0 || type == 15) return DecodeError::ReservedType;
  const auto t = static_cast<PacketType>(type);
  if (t == PacketType::Publish) {
    const unsigned qos = (flags >> 1) & 3;
    if (qos == 3) return DecodeError::InvalidQoS;
    if (qos == 0 && (flags & 0x08)) return DecodeError::InvalidFlags;  // MQTT-3.3.1-2
    return std::nullopt;
  }
  const bool two =
      t == PacketType::PubRel || t == PacketType::Subscribe || t == PacketType::Unsubscribe;
  if (flags != (two ? 2u : 0u)) return DecodeError::InvalidFlags;
  return std::nullopt;
}

std::optional<DecodeError> read_connect_flags(std::uint8_t flags, Connect& c, bool& will,
                                              bool& user, bool& pass) {
  const unsigned will_qos = (flags >> 3) & 3;
  will = flags & 0x04;
  user = flags & 0x80;
  pass = flags & 0x40;
  c.clean_session = flags & 0x02;
  if (flags & 0x01) return DecodeError::InvalidConnectFlags;
  if (will_qos == 3) return DecodeError::InvalidQoS;
  if (!will && (will_qos != 0 || (flags & 0x20))) return DecodeError::InvalidConnectFlags;
  if (pass && !user) return DecodeError::InvalidConnectFlags;
  if (will) c.will = Will{{}, {}, static_cast<QoS>(will_qos), (flags & 0x20) != 0};
  return std::nullopt;
}

Result decode_connect(std::string_view body) {
  Reader r(body);
  Connect c;
  std::string name;
  std::uint8_t level = 0, flags = 0;
  if (!r.bytes(name) || !r.u8(level)) return DecodeError::Truncated;
  if (name != "MQTT" || level != 4) return DecodeError::BadProtocol;
  bool will = false, user = false, pass = false;
  if (!r.u8(flags) || !r.u16(c.keepalive)) return DecodeError::Truncated;
  if (auto e = read_connect_flags(flags, c, will, user, pass)) return *e;
  if (!r.bytes(c.client_id)) return DecodeError::Truncated;
  if (!valid_utf8(c.client_id)) return DecodeError::InvalidUtf8;
  if (will) {
    if (!r.bytes(c.will->topic) || !r.bytes(c.will->message)) return DecodeError::Truncated;
    if (!valid_topic_name(c.will->topic)) return DecodeError::InvalidTopic;
  }
  if (user) {
    if (!r.bytes(c.username.emplace())) return DecodeError::Truncated;
    if (!valid_utf8(*c.username)) return DecodeError::InvalidUtf8;
  }
  if (pass && !r.bytes(c.password.emplace())) return DecodeError::Truncated;
  if (!r.empty()) return DecodeError::TrailingBytes;
  return c;
}

Result decode_connack(std::string_view body) {
  Reader r(body);
  std::uint8_t flags = 0, code = 0;
  if (!r.u8(flags) || !r.u8(code)) return DecodeError::Truncated;
  if (!r.empty()) return DecodeError::TrailingBytes;
  if ((flags & 0xFE) || code > 5 || (code != 0 && flags)) return DecodeError::InvalidReturnCode;
  return ConnAck{flags == 1, code};
}

Result decode_publish(std::uint8_t first, std::string_view body) {
  Reader r(body);
  Publish p;
  p.dup = first & 0x08;
  p.qos = static_cast<QoS>((first >> 1) & 3);
  p.retain = first & 0x01;
  if (!r.bytes(p.topic)) return DecodeError::Truncated;
  if (p.qos != QoS::AtMostOnce) {
    if (!r.u16(p.packet_id)) return DecodeError::Truncated;
    if (p.packet_id == 0) return DecodeError::ZeroPacketId;
  }
  if (!valid_utf8(p.topic)) return DecodeError::InvalidUtf8;
  if (!valid_topic_name(p.topic)) return DecodeError::InvalidTopic;
  p.payload.assign(r.rest());
  return p;
}

template <class Ack>
Result decode_id_only(std::string_view body) {
  Reader r(body);
  Ack a;
  if (!r.u16(a.packet_id)) return DecodeError::Truncated;
  if (!r.empty()) return DecodeError::TrailingBytes;
  if (a.packet_id == 0) return DecodeError::ZeroPacketId;
  return a;
}

Result decode_subscribe(std::string_view body) {
  Reader r(body);
  Subscribe s;
  if (!r.u16(s.packet_id)) return DecodeError::Truncated;
  if (s.packet_id == 0) return DecodeError::ZeroPacketId;
  if (r.empty()) return DecodeError::EmptyPayload;
  while (!r.empty()) {
    Subscription sub;
    std::uint8_t qos = 0;
    if (!r.bytes(sub.filter) || !r.u8(qos)) return DecodeError::Truncated;
    if (qos > 2) return DecodeError::InvalidQoS;
    if (!valid_utf8(sub.filter)) return DecodeError::InvalidUtf8;
    if (!valid_topic_filter(sub.filter)) return DecodeError::InvalidTopic;
    sub.qos = static_cast<QoS>(qos);
    s.topics.push_back(std::move(sub));
  }
  return s;
}

Result decode_suback(std::string_view body) {
  Reader r(body);
  SubAck s;
  if (!r.u16(s.packet_id)) return DecodeError::Truncated;
  if (s.packet_id == 0) return DecodeError::ZeroPacketId;
  if (r.empty()) return DecodeError::EmptyPayload;
  for (char c : r.rest()) {
    const auto code = static_cast<std::uint8_t>(c);
    if (code > 2 && code != kSubscriptionFailure) return DecodeError::InvalidReturnCode;
    s.return_codes.push_back(code);
  }
  return s;
}

Result decode_unsubscribe(std::string_view body) {
  Reader r(body);
  Unsubscribe u;
  if (!r.u16(u.packet_id)) return DecodeError::Truncated;
  if (u.packet_id == 0) return DecodeError::ZeroPacketId;
  if (r.empty()) return DecodeError::EmptyPayload;
  while (!r.empty()) {
    if (!r.bytes(u.filters.emplace_back())) return DecodeError::Truncated;
    if (!valid_utf8(u.filters.back())) return DecodeError::InvalidUtf8;
    if (!valid_topic_filter(u.filters.back())) return DecodeError::InvalidTopic;
  }
  return u;
}

template <class Empty>
Result decode_empty(std::string_view body) {
  if (!body.empty()) return DecodeError::TrailingBytes;
  return Empty{};
}

}  // namespace

std::variant<Packet, DecodeError> decode_packet(std::uint8_t first, std::string_view body) {
  if (auto e = check_type(first)) return *e;
  switch (static_cast<PacketType>(first >> 4)) {
    case PacketType::Connect:
      return decode_connect(body);
    case PacketType::ConnAck:
      return decode_connack(body);
    case PacketType::Publish:
      return decode_publish(first, body);
    case PacketType::PubAck:
      return decode_id_only<PubAck>(body);
    case PacketType::PubRec:
      return decode_id_only<PubRec>(body);
    case PacketType::PubRel:
      return decode_id_only<PubRel>(body);
    case PacketType::PubComp:
      return decode_id_only<PubComp>(body);
    case PacketType::Subscribe:
      return decode_subscribe(body);
    case PacketType::SubAck:
      return decode_suback(body);
    case PacketType::Unsubscribe:
      return decode_unsubscribe(body);
    case PacketType::UnsubAck:
      return decode_id_only<UnsubAck>(body);
    case PacketType::PingReq:
      return decode_empty<PingReq>(body);
    case PacketType::PingResp:
      return decode_empty<PingResp>(body);
    case PacketType::Disconnect:
      return decode_empty<Disconnect>(body);
  }
  return DecodeError::ReservedType;
}

// At least the 4 bytes a topic length and a packet id take, so an oversized PUBLISH can be judged.
Decoder::Decoder(std::size_t max_packet) : max_packet_(std::max<std::size_t>(max_packet, 4)) {}

void Decoder::reset() {
  phase_ = Phase::Header;
  failed_ = false;
  header_len_ = 0;
  oversized_ = false;
  body_ = std::string();
  skip_left_ = 0;
}

bool Decoder::fail(DecodeError error, const Sink& sink) {
  failed_ = true;
  body_ = std::string();
  sink(error);
  return false;
}

void Decoder::feed(std::string_view bytes, const Sink& sink) {
  while (!bytes.empty() && !failed_) {
    if (phase_ == Phase::Header) {
      const auto byte = static_cast<std::uint8_t>(bytes.front());
      bytes.remove_prefix(1);
      if (!on_header_byte(byte, sink)) return;
    } else if (phase_ == Phase::Skip) {
      const std::size_t n = std::min(skip_left_, bytes.size());
      bytes.remove_prefix(n);
      skip_left_ -= n;
      if (skip_left_ == 0) phase_ = Phase::Header;
    } else {
      const std::size_t limit = oversized_ ? max_packet_ : remaining_;
      const std::size_t n = std::min(limit - body_.size(), bytes.size());
      body_.append(bytes.substr(0, n));
      bytes.remove_prefix(n);
      const bool go = oversized_ ? try_oversized_prefix(sink)
                                 : (body_.size() < remaining_ || finish_body(sink));
      if (!go) return;
    }
  }
}

bool Decoder::on_header_byte(std::uint8_t byte, const Sink& sink) {
  if (header_len_ == 0) {
    if (auto e = check_type(byte)) return fail(*e, sink);
    first_ = byte;
    header_len_ = 1;
    remaining_ = 0;
    multiplier_ = 1;
    return true;
  }
  remaining_ += (byte & 0x7F) * multiplier_;
  multiplier_ *= 128;
  ++header_len_;
  if (byte & 0x80) {
    return header_len_ < 5 || fail(DecodeError::MalformedLength, sink);
  }
  return start_body(sink);
}

bool Decoder::start_body(const Sink& sink) {
  if (remaining_ == 0) return finish_body(sink);
  phase_ = Phase::Body;
  oversized_ = remaining_ > max_packet_;
  if (!oversized_) return true;
  if (static_cast<PacketType>(first_ >> 4) != PacketType::Publish) {
    return fail(DecodeError::PacketTooLarge, sink);
  }
  return true;
}

bool Decoder::finish_body(const Sink& sink) {
  auto result = decode_packet(first_, body_);
  header_len_ = 0;
  phase_ = Phase::Header;
  if (body_.capacity() > 64 * 1024) {
    body_ = std::string();  // one big packet must not pin its buffer for the session
  } else {
    body_.clear();
  }
  if (auto* error = std::get_if<DecodeError>(&result)) return fail(*error, sink);
  if (!sink(std::move(std::get<Packet>(result)))) {
    failed_ = true;
    return false;
  }
  return true;
}

// The topic and packet id of an oversized PUBLISH, once enough of it has arrived.
bool Decoder::try_oversized_prefix(const Sink& sink) {
  const auto qos = static_cast<QoS>((first_ >> 1) & 3);
  if (body_.size() < 2) return true;
  const std::size_t topic_len =
      (static_cast<std::uint8_t>(body_[0]) << 8) | static_cast<std::uint8_t>(body_[1]);
  const std::size_t header = 2 + topic_len + (qos == QoS::AtMostOnce ? 0 : 2);
  if (header > max_packet_) return fail(DecodeError::PacketTooLarge, sink);
  if (body_.size() < header) return true;
  OversizedPublish p{body_.substr(2, topic_len), qos, (first_ & 0x01) != 0, (first_ & 0x08) != 0};
  if (qos != QoS::AtMostOnce) {
    p.packet_id = static_cast<std::uint16_t>((static_cast<std::uint8_t>(body_[header - 2]) << 8) |
                                             static_cast<std::uint8_t>(body_[header - 1]));
    if (p.packet_id == 0) return fail(DecodeError::ZeroPacketId, sink);
  }
  if (!valid_topic_name(p.topic)) {
    return fail(valid_utf8(p.topic) ? DecodeError::InvalidTopic : DecodeError::InvalidUtf8, sink);
  }
  p.payload_size = remaining_ - header;
  skip_left_ = remaining_ - body_.size();
  phase_ = Phase::Skip;
  header_len_ = 0;
  oversized_ = false;
  body_ = std::string();
  if (!sink(std::move(p))) {
    failed_ = true;
    return false;
  }
  if (skip_left_ == 0) phase_ = Phase::Header;
  return true;
}

std::string_view describe(DecodeError error) {
  switch (error) {
    case DecodeError::ReservedType:
      return "reserved packet type";
    case DecodeError::InvalidFlags:
      return "invalid fixed-header flags";
    case DecodeError::MalformedLength:
      return "malformed remaining length";
    case DecodeError::PacketTooLarge:
      return "packet too large";
    case DecodeError::Truncated:
      return "field past the end of the packet";
    case DecodeError::TrailingBytes:
      return "trailing bytes after the packet";
    case DecodeError::InvalidUtf8:
      return "invalid UTF-8 string";
    case DecodeError::InvalidQoS:
      return "invalid QoS";
    case DecodeError::ZeroPacketId:
      return "packet id 0";
    case DecodeError::BadProtocol:
      return "not MQTT 3.1.1";
    case DecodeError::InvalidConnectFlags:
      return "invalid CONNECT flags";
    case DecodeError::EmptyPayload:
      return "no topics";
    case DecodeError::InvalidReturnCode:
      return "invalid return code";
    case DecodeError::InvalidTopic:
      return "invalid topic";
  }
  return "unknown";
}

}  // namespace cellemu::net::mqtt
