// The MQTT 3.1.1 codec, byte for byte (OASIS MQTT 3.1.1 §2-§3; packets of app-protocols.md §3.8).
#include <gtest/gtest.h>

#include "net/mqtt/decoder.h"
#include "net/mqtt/encoder.h"

namespace cellemu::net::mqtt {
namespace {

using namespace std::string_literals;

std::vector<Decoder::Item> decode_all(std::string_view bytes, std::size_t max = 1 << 20,
                                      std::size_t step = 0) {
  Decoder d(max);
  std::vector<Decoder::Item> items;
  auto sink = [&](Decoder::Item&& item) {
    items.push_back(std::move(item));
    return true;
  };
  if (step == 0) {
    d.feed(bytes, sink);
  } else {
    for (std::size_t i = 0; i < bytes.size(); i += step) d.feed(bytes.substr(i, step), sink);
  }
  return items;
}

Packet decode_one(std::string_view bytes) {
  auto items = decode_all(bytes);
  EXPECT_EQ(items.size(), 1u);
  if (items.size() != 1 || !std::holds_alternative<Packet>(items[0])) {
    ADD_FAILURE() << "not one packet";
    return PingReq{};
  }
  return std::get<Packet>(items[0]);
}

DecodeError decode_error(std::string_view bytes, std::size_t max = 1 << 20) {
  auto items = decode_all(bytes, max);
  if (items.empty() || !std::holds_alternative<DecodeError>(items.back())) {
    ADD_FAILURE() << "no error";
    return DecodeError::ReservedType;
  }
  return std::get<DecodeError>(items.back());
}

void round_trip(const Packet& p, const std::string& bytes) {
  EXPECT_EQ(encode(p), bytes);
  EXPECT_EQ(decode_one(bytes), p);
}

TEST(MqttCodec, RemainingLengthVarint) {
  EXPECT_EQ(encode_remaining_length(0), "\x00"s);
  EXPECT_EQ(encode_remaining_length(127), "\x7F");
  EXPECT_EQ(encode_remaining_length(128), "\x80\x01");
  EXPECT_EQ(encode_remaining_length(16383), "\xFF\x7F");
  EXPECT_EQ(encode_remaining_length(16384), "\x80\x80\x01");
  EXPECT_EQ(encode_remaining_length(2097151), "\xFF\xFF\x7F");
  EXPECT_EQ(encode_remaining_length(2097152), "\x80\x80\x80\x01");
  EXPECT_EQ(encode_remaining_length(268435455), "\xFF\xFF\xFF\x7F");
  EXPECT_THROW(encode_remaining_length(268435456), std::length_error);
}

// M-001's CONNECT: client id, user root, password luat123456, clean session, keepalive 60.
TEST(MqttCodec, M001ConnectWithCredentials) {
  Connect c{"868488076771714", true, 60, std::nullopt, "root", "luat123456"};
  round_trip(c,
             "\x10\x2D\x00\x04MQTT\x04\xC2\x00\x3C"
             "\x00\x0F"
             "868488076771714"
             "\x00\x04root\x00\x0Aluat123456"s);
}

// M-032's CONNECT: will QoS 1, retain 0, no credentials.
TEST(MqttCodec, M032ConnectWithWill) {
  Connect c{"dev1", true, 60, Will{"/will_topic", "offline", QoS::AtLeastOnce, false}};
  round_trip(c,
             "\x10\x26\x00\x04MQTT\x04\x0E\x00\x3C\x00\x04"
             "dev1\x00\x0B/will_topic\x00\x07offline"s);
  Connect retained{"d", false, 0, Will{"w", "", QoS::ExactlyOnce, true}};
  EXPECT_EQ(encode(retained)[9], '\x34');  // will retain, will QoS 2, clean session 0
}

TEST(MqttCodec, ConnAck) {
  round_trip(ConnAck{false, 0}, "\x20\x02\x00\x00"s);
  round_trip(ConnAck{true, 0}, "\x20\x02\x01\x00"s);
  round_trip(ConnAck{false, 5}, "\x20\x02\x00\x05"s);
}

TEST(MqttCodec, PublishEachQoS) {
  round_trip(Publish{"mqtt/sub", "data from 4G module"},
             "\x30\x1D\x00\x08mqtt/subdata from 4G module"s);
  round_trip(Publish{"mqtt/pub_topic", "publish 1 payload", QoS::AtLeastOnce, false, false, 1},
             "\x32\x23\x00\x0Emqtt/pub_topic\x00\x01publish 1 payload"s);
  round_trip(Publish{"t", "x", QoS::ExactlyOnce, true, true, 0x1234},
             "\x3D\x06\x00\x01t\x12\x34x"s);
  round_trip(Publish{"bin", "\x00\r\n\"\xFF"s},
             "\x30\x0A\x00\x03"
             "bin\x00\r\n\"\xFF"s);
  round_trip(Publish{"empty", ""},
             "\x30\x07\x00\x05"
             "empty"s);
}

TEST(MqttCodec, AcknowledgementsAndPings) {
  round_trip(PubAck{1}, "\x40\x02\x00\x01"s);
  round_trip(PubRec{2}, "\x50\x02\x00\x02"s);
  round_trip(PubRel{3}, "\x62\x02\x00\x03"s);
  round_trip(PubComp{0xFFFF}, "\x70\x02\xFF\xFF"s);
  round_trip(UnsubAck{7}, "\xB0\x02\x00\x07"s);
  round_trip(PingReq{}, "\xC0\x00"s);
  round_trip(PingResp{}, "\xD0\x00"s);
  round_trip(Disconnect{}, "\xE0\x00"s);
}

TEST(MqttCodec, SubscribeAndUnsubscribe) {
  round_trip(Subscribe{1, {{"mqtt/pub", QoS::AtMostOnce}}},
             "\x82\x0D\x00\x01\x00\x08mqtt/pub\x00"s);
  round_trip(Subscribe{2, {{"a/+", QoS::AtLeastOnce}, {"#", QoS::ExactlyOnce}}},
             "\x82\x0C\x00\x02\x00\x03"
             "a/+\x01\x00\x01#\x02"s);
  round_trip(SubAck{1, {0x00, 0x01, 0x02, 0x80}}, "\x90\x06\x00\x01\x00\x01\x02\x80"s);
  round_trip(Unsubscribe{3, {"mqtt/sub_topic"}}, "\xA2\x12\x00\x03\x00\x0Emqtt/sub_topic"s);
}

TEST(MqttCodec, LargePublishUsesMultiByteLength) {
  const Publish p{"big", std::string(4100, 'B'), QoS::AtLeastOnce, false, false, 9};
  const std::string bytes = encode(p);
  EXPECT_EQ(bytes.substr(0, 3), "\x32\x8B\x20"s);  // 2 + 3 + 2 + 4100 = 4107
  EXPECT_EQ(bytes.size(), 3u + 4107u);
  EXPECT_EQ(decode_one(bytes), Packet{p});
}

TEST(MqttCodec, DecodesAtEveryReadBoundary) {
  const std::string stream = encode(ConnAck{}) + encode(Publish{"a/b", "hello"}) +
                             encode(SubAck{1, {1}}) + encode(PingResp{});
  for (std::size_t step : {1u, 2u, 3u, 7u, 1000u}) {
    const auto items = decode_all(stream, 1 << 20, step);
    ASSERT_EQ(items.size(), 4u) << step;
    EXPECT_EQ(std::get<Packet>(items[1]), Packet{(Publish{"a/b", "hello"})});
    EXPECT_EQ(std::get<Packet>(items[3]), Packet{PingResp{}});
  }
}

TEST(MqttCodec, ErrorsAreTyped) {
  EXPECT_EQ(decode_error("\x00\x00"s), DecodeError::ReservedType);
  EXPECT_EQ(decode_error("\xF0\x00"s), DecodeError::ReservedType);
  EXPECT_EQ(decode_error("\x41\x02\x00\x01"s), DecodeError::InvalidFlags);
  EXPECT_EQ(decode_error("\x60\x02\x00\x01"s), DecodeError::InvalidFlags);   // PUBREL needs 0b0010
  EXPECT_EQ(decode_error("\x38\x03\x00\x01t"s), DecodeError::InvalidFlags);  // DUP on QoS 0
  EXPECT_EQ(decode_error("\x36\x05\x00\x01t\x00\x01"s), DecodeError::InvalidQoS);
  EXPECT_EQ(decode_error("\x30\xFF\xFF\xFF\xFF\x01"s), DecodeError::MalformedLength);
  EXPECT_EQ(decode_error("\x20\x02\x00\x06"s), DecodeError::InvalidReturnCode);
  EXPECT_EQ(decode_error("\x20\x02\x01\x05"s), DecodeError::InvalidReturnCode);
  EXPECT_EQ(decode_error("\x20\x03\x00\x00\x00"s), DecodeError::TrailingBytes);
  EXPECT_EQ(decode_error("\x90\x03\x00\x01\x03"s), DecodeError::InvalidReturnCode);
  EXPECT_EQ(decode_error("\x90\x02\x00\x01"s), DecodeError::EmptyPayload);
  EXPECT_EQ(decode_error("\x40\x02\x00\x00"s), DecodeError::ZeroPacketId);
  EXPECT_EQ(decode_error("\x32\x05\x00\x01t\x00\x00"s), DecodeError::ZeroPacketId);
  EXPECT_EQ(decode_error("\x30\x04\x00\x05t"s + "x"), DecodeError::Truncated);
  EXPECT_EQ(decode_error("\x30\x05\x00\x02\xC3\x28x"s), DecodeError::InvalidUtf8);
  EXPECT_EQ(decode_error("\x30\x05\x00\x02\x00x"s + "y"), DecodeError::InvalidUtf8);  // U+0000
  EXPECT_EQ(decode_error("\x30\x05\x00\x03"
                         "a/+"s),
            DecodeError::InvalidTopic);
  EXPECT_EQ(decode_error("\x30\x02\x00\x00"s), DecodeError::InvalidTopic);
  EXPECT_EQ(decode_error("\x82\x06\x00\x01\x00\x01#\x03"s), DecodeError::InvalidQoS);
  EXPECT_EQ(decode_error("\x82\x07\x00\x01\x00\x02#a\x00"s), DecodeError::InvalidTopic);
  EXPECT_EQ(decode_error("\xC0\x01\x00"s), DecodeError::TrailingBytes);
}

TEST(MqttCodec, ConnectValidation) {
  std::string v31 = "\x10\x0E\x00\x06MQIsdp\x03\x02\x00\x3C\x00\x00"s;
  EXPECT_EQ(decode_error(v31), DecodeError::BadProtocol);
  // Password flag without username flag (§3.1.2.9).
  EXPECT_EQ(decode_error("\x10\x0C\x00\x04MQTT\x04\x42\x00\x3C\x00\x00"s),
            DecodeError::InvalidConnectFlags);
  // Reserved flag bit.
  EXPECT_EQ(decode_error("\x10\x0C\x00\x04MQTT\x04\x03\x00\x3C\x00\x00"s),
            DecodeError::InvalidConnectFlags);
  // Will QoS without the will flag.
  EXPECT_EQ(decode_error("\x10\x0C\x00\x04MQTT\x04\x0A\x00\x3C\x00\x00"s),
            DecodeError::InvalidConnectFlags);
}

TEST(MqttCodec, AnErrorIsReportedOnceAndStopsTheStream) {
  Decoder d;
  int calls = 0;
  d.feed("\x00\x00\xD0\x00"s, [&](Decoder::Item&&) {
    ++calls;
    return true;
  });
  d.feed("\xD0\x00"s, [&](Decoder::Item&&) {
    ++calls;
    return true;
  });
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(d.failed());
  d.reset();
  d.feed("\xD0\x00"s, [&](Decoder::Item&& item) {
    EXPECT_EQ(std::get<Packet>(item), Packet{PingResp{}});
    ++calls;
    return true;
  });
  EXPECT_EQ(calls, 2);
}

TEST(MqttCodec, SinkCanStopDecoding) {
  Decoder d;
  int calls = 0;
  d.feed("\xD0\x00\xD0\x00"s, [&](Decoder::Item&&) {
    ++calls;
    return false;
  });
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(d.failed());
}

// A PUBLISH larger than the decoder keeps: its header is reported, the payload skipped, and the
// stream goes on. Nothing but the packet in progress is ever buffered.
TEST(MqttCodec, OversizedPublishIsSkippedNotBuffered) {
  const std::string big =
      encode(Publish{"big", std::string(5000, 'x'), QoS::AtLeastOnce, true, false, 42});
  const std::string stream = big + encode(PingResp{});
  Decoder d(100);
  std::vector<Decoder::Item> items;
  std::size_t most = 0;
  for (std::size_t i = 0; i < stream.size(); i += 13) {
    d.feed(std::string_view(stream).substr(i, 13), [&](Decoder::Item&& item) {
      items.push_back(std::move(item));
      return true;
    });
    most = std::max(most, d.buffered());
  }
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(std::get<OversizedPublish>(items[0]),
            (OversizedPublish{"big", QoS::AtLeastOnce, true, false, 42, 5000}));
  EXPECT_EQ(std::get<Packet>(items[1]), Packet{PingResp{}});
  EXPECT_LE(most, 105u);
}

TEST(MqttCodec, OtherPacketsOverTheLimitAreErrors) {
  EXPECT_EQ(decode_error(encode(SubAck{1, std::vector<std::uint8_t>(200, 1)}), 100),
            DecodeError::PacketTooLarge);
  // An oversized PUBLISH whose topic alone is over the limit cannot be judged either.
  EXPECT_EQ(decode_error(encode(Publish{std::string(200, 't'), std::string(10, 'x')}), 100),
            DecodeError::PacketTooLarge);
}

TEST(MqttCodec, EncoderRefusesFieldsTooLongForTheWire) {
  EXPECT_THROW(encode(Publish{std::string(70000, 't'), "x"}), std::length_error);
  EXPECT_THROW(encode(PubAck{0}), std::invalid_argument);
}

}  // namespace
}  // namespace cellemu::net::mqtt
