#include "net/mqtt/encoder.h"

#include <stdexcept>

namespace cellemu::net::mqtt {
namespace {

void put_u16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v & 0xFF);
}

// UTF-8 strings and binary data share one layout: a 16-bit length, then the bytes (§1.5.3).
void put_string(std::string& out, const std::string& s) {
  if (s.size() > kMaxStringLength) throw std::length_error("mqtt: field longer than 65535 bytes");
  put_u16(out, static_cast<std::uint16_t>(s.size()));
  out += s;
}

void put_packet_id(std::string& out, std::uint16_t id) {
  if (id == 0) throw std::invalid_argument("mqtt: packet id 0");
  put_u16(out, id);
}

std::uint8_t connect_flags(const Connect& c) {
  std::uint8_t flags = c.clean_session ? 0x02 : 0x00;
  if (c.will) {
    flags |= 0x04;
    flags |= static_cast<std::uint8_t>(static_cast<unsigned>(c.will->qos) << 3);
    if (c.will->retain) flags |= 0x20;
  }
  if (c.username) flags |= 0x80;
  if (c.password) flags |= 0x40;
  return flags;
}

std::string body_of(const Connect& c) {
  std::string out;
  put_string(out, "MQTT");
  out += static_cast<char>(4);  // protocol level of 3.1.1
  out += static_cast<char>(connect_flags(c));
  put_u16(out, c.keepalive);
  put_string(out, c.client_id);
  if (c.will) {
    put_string(out, c.will->topic);
    put_string(out, c.will->message);
  }
  if (c.username) put_string(out, *c.username);
  if (c.password) put_string(out, *c.password);
  return out;
}

std::string body_of(const ConnAck& a) {
  return {static_cast<char>(a.session_present ? 1 : 0), static_cast<char>(a.return_code)};
}

std::string body_of(const Publish& p) {
  std::string out;
  put_string(out, p.topic);
  if (p.qos != QoS::AtMostOnce) put_packet_id(out, p.packet_id);
  out += p.payload;
  return out;
}

template <class Ack>
std::string id_only(const Ack& a) {
  std::string out;
  put_packet_id(out, a.packet_id);
  return out;
}

std::string body_of(const Subscribe& s) {
  std::string out;
  put_packet_id(out, s.packet_id);
  for (const auto& t : s.topics) {
    put_string(out, t.filter);
    out += static_cast<char>(t.qos);
  }
  return out;
}

std::string body_of(const SubAck& s) {
  std::string out;
  put_packet_id(out, s.packet_id);
  for (std::uint8_t code : s.return_codes) out += static_cast<char>(code);
  return out;
}

std::string body_of(const Unsubscribe& u) {
  std::string out;
  put_packet_id(out, u.packet_id);
  for (const auto& f : u.filters) put_string(out, f);
  return out;
}

std::string body_of(const PubAck& a) {
  return id_only(a);
}
std::string body_of(const PubRec& a) {
  return id_only(a);
}
std::string body_of(const PubRel& a) {
  return id_only(a);
}
std::string body_of(const PubComp& a) {
  return id_only(a);
}
std::string body_of(const UnsubAck& a) {
  return id_only(a);
}
std::string body_of(const PingReq&) {
  return {};
}
std::string body_of(const PingResp&) {
  return {};
}
std::string body_of(const Disconnect&) {
  return {};
}

// The low nibble of the first byte: PUBLISH carries DUP/QoS/RETAIN, three packets a fixed 0b0010
// (§2.2.2), every other packet 0.
std::uint8_t type_flags(const Packet& packet) {
  if (const auto* p = std::get_if<Publish>(&packet)) {
    return static_cast<std::uint8_t>((p->dup ? 0x08 : 0) | (static_cast<unsigned>(p->qos) << 1) |
                                     (p->retain ? 0x01 : 0));
  }
  const PacketType t = type_of(packet);
  return t == PacketType::PubRel || t == PacketType::Subscribe || t == PacketType::Unsubscribe
             ? 0x02
             : 0x00;
}

}  // namespace

std::string encode_remaining_length(std::size_t length) {
  if (length > kMaxRemainingLength) throw std::length_error("mqtt: packet too large");
  std::string out;
  do {
    auto byte = static_cast<std::uint8_t>(length % 128);
    length /= 128;
    if (length > 0) byte |= 0x80;
    out += static_cast<char>(byte);
  } while (length > 0);
  return out;
}

std::string encode(const Packet& packet) {
  const std::string body = std::visit([](const auto& p) { return body_of(p); }, packet);
  std::string out;
  out.reserve(body.size() + 5);
  out += static_cast<char>((static_cast<unsigned>(type_of(packet)) << 4) | type_flags(packet));
  out += encode_remaining_length(body.size());
  out += body;
  return out;
}

}  // namespace cellemu::net::mqtt
