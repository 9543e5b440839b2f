// The MQTT client engine against a scripted broker on loopback: the packets of §3.8 byte for byte,
// the §3.3 legality, the §3.7 limits, QoS flows both ways, the receive cache. Case ids where a
// test is the engine part of an M- case.
#include <gtest/gtest.h>

#include "tests/net/mqtt_bench.h"

namespace cellemu::net::mqtt {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;

class MqttClientTest : public ScriptedBroker {};

TEST_F(MqttClientTest, M001ConnectCarriesTheConfiguredSession) {
  ASSERT_FALSE(b_.client->configure({"868488076771714", "root", "luat123456"}));
  EXPECT_EQ(b_.client->status(), 0);
  ASSERT_TRUE(b_.start(server_.port()));
  EXPECT_EQ(b_.client->status(), 0);  // TCP_CONNECTING (OQ-A16)
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  EXPECT_EQ(b_.client->status(), 2);
  ASSERT_FALSE(b_.client->connect(true, 60));
  EXPECT_EQ(b_.client->status(), 2);
  ASSERT_TRUE(server_.wait_received(0, 47));
  EXPECT_EQ(server_.received(0),
            "\x10\x2D\x00\x04MQTT\x04\xC2\x00\x3C\x00\x0F"
            "868488076771714\x00\x04root\x00\x0Aluat123456"s);
  server_.send(0, encode(ConnAck{}));
  EXPECT_EQ(b_.events(1), "CONNACK OK;");
  EXPECT_EQ(b_.client->status(), 1);
  EXPECT_EQ(b_.client->state(), State::Connected);
}

// OQ-A13: empty credentials are not sent; a password without a user is not sent either.

TEST_F(MqttClientTest, EmptyCredentialsAreNotSent) {
  ASSERT_FALSE(b_.client->configure({"dev1", "", "secret"}));
  ASSERT_TRUE(b_.start(server_.port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(false, 600));
  EXPECT_EQ(packet(0), Packet{(Connect{"dev1", false, 600})});
}

TEST_F(MqttClientTest, M031RefusedConnackAnswersErrorThenClosed) {
  ASSERT_TRUE(b_.start(server_.port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_TRUE(wait_packets(1));
  server_.send(0, encode(ConnAck{false, 5}));
  EXPECT_EQ(b_.events(2), "ERROR 5;CLOSED: CONNACK refused;");
  EXPECT_EQ(b_.client->status(), 0);
  EXPECT_TRUE(server_.wait_peer_closed(0));
  EXPECT_EQ(b_.client->close(), Refusal::WrongState);  // CLOSED was announced: 767
  EXPECT_EQ(b_.client->state(), State::Idle);
}

TEST_F(MqttClientTest, NoConnackWithinTenSeconds) {
  ASSERT_TRUE(b_.start(server_.port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_TRUE(wait_packets(1));
  b_.timers.advance(9999ms);
  b_.settle(50ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(1ms);
  EXPECT_EQ(b_.events(2), "ERROR none;CLOSED: no CONNACK;");
}

TEST_F(MqttClientTest, BrokerHangingUpInsteadOfConnackIsAnError) {
  ASSERT_TRUE(b_.start(server_.port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_TRUE(wait_packets(1));
  server_.close(0);
  EXPECT_EQ(b_.events(2), "ERROR none;CLOSED: closed by the broker;");
}

// M-029: the legality table of §3.3, and M-030: parameters are judged before the state.

TEST_F(MqttClientTest, M029CommandsInTheWrongState) {
  EXPECT_EQ(b_.client->connect(true, 60), Refusal::WrongState);
  EXPECT_EQ(b_.client->publish("t", "x", QoS::AtMostOnce, false).refusal, Refusal::WrongState);
  EXPECT_EQ(b_.client->disconnect(), Refusal::WrongState);
  EXPECT_EQ(b_.client->close(), Refusal::WrongState);
  ASSERT_TRUE(b_.start(server_.port()));
  EXPECT_EQ(b_.client->subscribe("t", QoS::AtMostOnce).refusal, Refusal::WrongState);
  EXPECT_EQ(b_.events(1), "CONNECT OK;");
  EXPECT_EQ(b_.client->subscribe("t", QoS::AtMostOnce).refusal, Refusal::WrongState);
  EXPECT_EQ(b_.client->start({"127.0.0.1", server_.port()}, OpenOptions{}),
            StartResult::AlreadyConnected);
  EXPECT_EQ(b_.client->connect(true, 0), Refusal::InvalidArgument);
}

TEST_F(MqttClientTest, M030LimitsOfSection37) {
  connect();
  EXPECT_EQ(b_.client->connect(true, 60), Refusal::WrongState);
  EXPECT_EQ(b_.client->publish(std::string(257, 'a'), "x", QoS::AtMostOnce, false).refusal,
            Refusal::InvalidArgument);
  EXPECT_FALSE(b_.client->publish(std::string(256, 'a'), "x", QoS::AtMostOnce, false).refusal);
  EXPECT_EQ(b_.client->publish("t", std::string(4101, 'A'), QoS::AtMostOnce, false).refusal,
            Refusal::InvalidArgument);
  EXPECT_FALSE(b_.client->publish("t", std::string(4100, 'A'), QoS::AtMostOnce, false).refusal);
  EXPECT_EQ(b_.client->publish("a/+", "x", QoS::AtMostOnce, false).refusal,
            Refusal::InvalidArgument);
  EXPECT_EQ(b_.client->subscribe("a/#/b", QoS::AtMostOnce).refusal, Refusal::InvalidArgument);
  EXPECT_EQ(b_.client->start({"127.0.0.1", server_.port()}, OpenOptions{}),
            StartResult::AlreadyConnected);
  EXPECT_EQ(b_.client->start({"127.0.0.1", 0}, OpenOptions{}), StartResult::InvalidArgument);
  EXPECT_EQ(b_.client->configure({std::string(257, 'i')}), Refusal::InvalidArgument);
  EXPECT_EQ(b_.client->configure({"d", "", "", Will{"w", std::string(1361, 'm')}}),
            Refusal::InvalidArgument);
  EXPECT_EQ(b_.client->status(), 1);
}

// §3.8: one counter for SUBSCRIBE, UNSUBSCRIBE and PUBLISH QoS > 0; the acknowledgements come

// back as events (M-004, M-005, M-017).

TEST_F(MqttClientTest, PacketIdsAndAcknowledgements) {
  connect();
  EXPECT_EQ(b_.client->subscribe("mqtt/pub", QoS::AtMostOnce).packet_id, 1);
  EXPECT_EQ(b_.client->publish("a", "0", QoS::AtMostOnce, false).packet_id, 0);
  EXPECT_EQ(b_.client->publish("a", "1", QoS::AtLeastOnce, false).packet_id, 2);
  EXPECT_EQ(b_.client->publish("a", "2", QoS::ExactlyOnce, true).packet_id, 3);
  EXPECT_EQ(b_.client->unsubscribe("mqtt/pub").packet_id, 4);
  EXPECT_EQ(packet(1), Packet{(Subscribe{1, {{"mqtt/pub", QoS::AtMostOnce}}})});
  EXPECT_EQ(packet(2), Packet{(Publish{"a", "0"})});
  EXPECT_EQ(packet(3), Packet{(Publish{"a", "1", QoS::AtLeastOnce, false, false, 2})});
  EXPECT_EQ(packet(4), Packet{(Publish{"a", "2", QoS::ExactlyOnce, true, false, 3})});
  EXPECT_EQ(packet(5), Packet{(Unsubscribe{4, {"mqtt/pub"}})});
  server_.send(
      0, encode(SubAck{1, {0x80}}) + encode(PubAck{2}) + encode(PubRec{3}) + encode(UnsubAck{4}));
  EXPECT_EQ(b_.events(4), "SUBACK 1 128;PUBACK 2;PUBREC 3;UNSUBACK 4;");
  EXPECT_EQ(packet(6), Packet{PubRel{3}});
  server_.send(0, encode(PubComp{3}) + encode(PubAck{99}) + encode(PubComp{3}));
  EXPECT_EQ(b_.events(1), "PUBCOMP 3;");
  b_.settle(50ms);
  EXPECT_TRUE(b_.log.events.empty());  // unknown or repeated ids are ignored
}

// M-009: QoS 1 acknowledged without output; QoS 2 delivered once, completed by the client.

TEST_F(MqttClientTest, IncomingQos1And2) {
  connect();
  server_.send(0, encode(Publish{"bin", "\x00\r\n\"\xFF"s, QoS::AtLeastOnce, false, false, 7}));
  EXPECT_EQ(b_.events(1), "MSUB bin 5;");
  EXPECT_EQ(b_.log.messages.at(0).payload, "\x00\r\n\"\xFF"s);
  EXPECT_EQ(packet(1), Packet{PubAck{7}});
  const Publish q2{"q2", "once", QoS::ExactlyOnce, false, false, 8};
  Publish again = q2;
  again.dup = true;
  server_.send(0, encode(q2) + encode(again));
  EXPECT_EQ(b_.events(1), "MSUB q2 4;");
  EXPECT_EQ(packet(2), Packet{PubRec{8}});
  EXPECT_EQ(packet(3), Packet{PubRec{8}});
  server_.send(0, encode(PubRel{8}));
  EXPECT_EQ(packet(4), Packet{PubComp{8}});
  b_.settle(50ms);
  EXPECT_TRUE(b_.log.events.empty());
}

// M-038 / OQ-A14: a message over 4100 bytes is acknowledged and dropped; 4100 bytes pass.

TEST_F(MqttClientTest, M038ReceivedPayloadLimit) {
  connect();
  server_.send(0,
               encode(Publish{"big", std::string(4101, 'B'), QoS::AtLeastOnce, false, false, 1}));
  EXPECT_EQ(packet(1), Packet{PubAck{1}});
  // Far past the decoder's buffer too: skipped as it streams by, still acknowledged.
  server_.send(0,
               encode(Publish{"big", std::string(200000, 'C'), QoS::ExactlyOnce, false, false, 2}));
  EXPECT_EQ(packet(2), Packet{PubRec{2}});
  server_.send(0, encode(Publish{"big", std::string(4100, 'B')}));
  EXPECT_EQ(b_.events(1), "MSUB big 4100;");
}

// OQ-A20 knob: old firmware pinged every 300 s whatever CONNECT said.

// M-033 / OQ-A6: DISCONNECT sent, the broker's close is not announced, MIPCLOSE answers OK.

// M-026: a PDN loss drops the session without a word; MIPCLOSE then answers OK.

// M-025: after CLOSED a new session may start at once.

// M-013..M-015: cache mode keeps four messages, the oldest is overwritten.

TEST_F(MqttClientTest, M015CacheModeOverwritesTheOldest) {
  connect();
  b_.client->set_receive_mode(ReceiveMode::Cached);
  std::string burst;
  for (int i = 1; i <= 5; ++i) burst += encode(Publish{"q", "m" + std::to_string(i)});
  server_.send(0, burst);
  EXPECT_EQ(b_.events(5), "MSUB 0;MSUB 1;MSUB 2;MSUB 3;MSUB 0;");
  EXPECT_EQ(b_.client->cache().occupied(), (std::vector<bool>{true, true, true, true}));
  const auto got = b_.client->cache().take_all();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].payload, "m2");
  EXPECT_EQ(got[3].payload, "m5");
  EXPECT_EQ(b_.client->cache().size(), 0u);
}

TEST_F(MqttClientTest, StartFailures) {
  ASSERT_TRUE(b_.start(testing::refused_port()));
  EXPECT_EQ(b_.events(1), "CONNECT FAIL: connection refused;");
  EXPECT_EQ(b_.client->state(), State::Idle);
  EXPECT_EQ(b_.client->start({"broker.test", 8883}, std::nullopt), StartResult::Started);
  EXPECT_EQ(b_.events(1), "CONNECT FAIL: TLS handshake failed;");
}

TEST_F(MqttClientTest, UnresolvableNameTakesTheModulesDnsTime) {
  ClientConfig config;
  config.timing.dns_failure = 12s;
  b_.make_client(config);
  b_.config.dns = NetConfig::DnsMode::Static;
  ASSERT_EQ(b_.client->start({"no.such.host.invalid", 1883}, OpenOptions{}), StartResult::Started);
  b_.settle(50ms);
  b_.timers.advance(11s);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(1s);
  EXPECT_EQ(b_.events(1), "CONNECT FAIL: name does not resolve;");
}

// MIPCLOSE while connecting abandons the attempt: no outcome event.

// §6 real timing: each event waits its processing time, and order is kept (LSM: the retained

// message right after SUBACK).

// Backpressure both ways: a broker that stops reading makes publish() answer Busy until the

// queue drains; a host that stops reading stops the client reading the broker.

}  // namespace
}  // namespace cellemu::net::mqtt
