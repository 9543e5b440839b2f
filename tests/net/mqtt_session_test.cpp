// The MQTT client engine's session life against a scripted broker: keepalive on the manual clock,
// the ways a session ends (§3.5), the real timing profile (§6) and backpressure.
#include <gtest/gtest.h>

#include "tests/net/mqtt_bench.h"

namespace cellemu::net::mqtt {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;

class MqttSessionTest : public ScriptedBroker {};

TEST_F(MqttSessionTest, M040KeepalivePingsAndTimesOut) {
  connect(60);
  b_.timers.advance(59s);
  b_.settle(50ms);
  EXPECT_EQ(packets_in(server_.received(0)).size(), 1u);
  b_.timers.advance(1s);
  EXPECT_EQ(packet(1), Packet{PingReq{}});
  server_.send(0, encode(PingResp{}));
  b_.settle(50ms);
  b_.timers.advance(30s);
  ASSERT_FALSE(b_.client->publish("t", "x", QoS::AtMostOnce, false).refusal);  // traffic counts
  b_.timers.advance(59s);
  b_.settle(50ms);
  EXPECT_EQ(packets_in(server_.received(0)).size(), 3u);
  b_.timers.advance(1s);
  EXPECT_EQ(packet(3), Packet{PingReq{}});  // 60 s after the PUBLISH; this one goes unanswered
  b_.timers.advance(59s);
  b_.settle(50ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(1s);
  EXPECT_EQ(b_.events(1), "CLOSED: no PINGRESP (keepalive timeout);");
  EXPECT_EQ(b_.client->status(), 0);
  EXPECT_TRUE(server_.wait_peer_closed(0));
}

TEST_F(MqttSessionTest, KeepaliveCap) {
  ClientConfig config;
  config.keepalive_cap = 300;
  b_.make_client(config);
  connect(600);
  EXPECT_EQ(std::get<Connect>(packet(0)).keepalive, 600);
  b_.timers.advance(300s);
  EXPECT_EQ(packet(1), Packet{PingReq{}});
}

TEST_F(MqttSessionTest, GarbageFromTheBrokerClosesTheConnection) {
  connect();
  server_.send(0, "\xF0\x00"s);
  EXPECT_EQ(b_.events(1), "CLOSED: protocol error;");
  EXPECT_EQ(b_.client->state(), State::PeerClosed);
}

TEST_F(MqttSessionTest, M033DisconnectIsClean) {
  connect();
  ASSERT_FALSE(b_.client->disconnect());
  EXPECT_EQ(b_.client->status(), 0);
  EXPECT_EQ(packet(1), Packet{Disconnect{}});
  server_.close(0);
  EXPECT_EQ(b_.events(1), "closed silently: closed by the broker;");
  EXPECT_EQ(b_.client->disconnect(), Refusal::WrongState);
  EXPECT_FALSE(b_.client->close());
  EXPECT_EQ(b_.client->state(), State::Idle);
}

TEST_F(MqttSessionTest, SilentDisconnectModeSendsNothing) {
  ClientConfig config;
  config.disconnect_mode = DisconnectMode::Silent;
  b_.make_client(config);
  connect();
  ASSERT_FALSE(b_.client->disconnect());
  EXPECT_EQ(b_.client->status(), 2);
  b_.timers.advance(200s);  // no keepalive either
  b_.settle(50ms);
  EXPECT_EQ(packets_in(server_.received(0)).size(), 1u);
  EXPECT_FALSE(b_.client->close());
  EXPECT_TRUE(server_.wait_peer_closed(0));
}

TEST_F(MqttSessionTest, M026NetworkLossIsSilent) {
  connect();
  b_.client->network_lost();
  EXPECT_EQ(b_.client->state(), State::Dropped);
  EXPECT_EQ(b_.client->status(), 0);
  EXPECT_TRUE(server_.wait_peer_closed(0));
  b_.settle(50ms);
  EXPECT_TRUE(b_.log.events.empty());
  EXPECT_FALSE(b_.client->close());
  EXPECT_EQ(b_.client->close(), Refusal::WrongState);
}

TEST_F(MqttSessionTest, M025NewSessionAfterTheBrokerClosed) {
  connect();
  server_.close(0);
  EXPECT_EQ(b_.events(1), "CLOSED: closed by the broker;");
  ASSERT_TRUE(b_.start(server_.port()));
  EXPECT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_TRUE(server_.wait_connections(2));
  ASSERT_TRUE(b_.poll_until([&] { return !server_.received(1).empty(); }));
  server_.send(1, encode(ConnAck{}));
  EXPECT_EQ(b_.events(1), "CONNACK OK;");
  EXPECT_EQ(b_.client->publish("a", "1", QoS::AtLeastOnce, false).packet_id, 1);  // ids restart
}

TEST_F(MqttSessionTest, CloseWhileConnectingReportsNothing) {
  ASSERT_TRUE(b_.start(server_.port()));
  EXPECT_FALSE(b_.client->close());
  b_.settle(100ms);
  EXPECT_TRUE(b_.log.events.empty());
}

TEST_F(MqttSessionTest, ModuleLikeTimingDelaysEventsInOrder) {
  ClientConfig config;
  // The Air780EP profile's §6 delays (models/profile.cpp holds them for the model).
  config.timing = {.tcp_connected = 150ms,
                   .tls_connected = 1200ms,
                   .connack = 50ms,
                   .suback = 100ms,
                   .puback = 50ms,
                   .pubcomp = 30ms,
                   .dns_failure = 12s};
  b_.make_client(config);
  ASSERT_TRUE(b_.start(server_.port()));
  ASSERT_TRUE(b_.poll_until([&] { return b_.client->state() == State::TcpUp; }));
  b_.timers.advance(149ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(1ms);
  EXPECT_EQ(b_.log.take(), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_TRUE(wait_packets(1));
  server_.send(0, encode(ConnAck{}));
  ASSERT_TRUE(b_.poll_until([&] { return b_.client->state() == State::Connected; }));
  b_.timers.advance(50ms);
  EXPECT_EQ(b_.log.take(), "CONNACK OK;");
  b_.client->subscribe("s", QoS::AtMostOnce);
  ASSERT_TRUE(wait_packets(2));
  server_.send(0, encode(SubAck{1, {0}}) + encode(Publish{"s", "retained", QoS::AtMostOnce, true}));
  b_.settle(100ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(100ms);
  EXPECT_EQ(b_.log.take(), "SUBACK 1 0;MSUB s 8;");
}

TEST_F(MqttSessionTest, BackpressureBothWays) {
  connect();
  server_.pause_reading(0, true);
  const std::string payload(4000, 'p');
  int sent = 0;
  Sent r;
  while ((r = b_.client->publish("t", payload, QoS::AtMostOnce, false))) {
    ++sent;
    if (sent % 16 == 0) b_.settle(5ms);
    ASSERT_LT(sent, 100000);
  }
  EXPECT_EQ(r.refusal, Refusal::Busy);
  server_.pause_reading(0, false);
  EXPECT_EQ(b_.events(1), "writable;");
  const std::size_t publish_size = encode(Publish{"t", payload}).size();
  ASSERT_TRUE(server_.wait_received(
      0, encode(Connect{"", true, 60}).size() + static_cast<std::size_t>(sent) * publish_size));

  // The read already in flight still delivers (the Link's rule: bounded by one read); nothing
  // after it is read until the host catches up.
  b_.client->pause_reading();
  server_.send(0, encode(Publish{"in", "a"}));
  EXPECT_EQ(b_.events(1), "MSUB in 1;");
  server_.send(0, encode(Publish{"in", "bb"}));
  b_.settle(100ms);
  EXPECT_TRUE(b_.log.events.empty()) << b_.log.take();
  b_.client->resume_reading();
  EXPECT_EQ(b_.events(1), "MSUB in 2;");
}

// The fault vocabulary reaches the broker connection through its Link (`ctl link ... reset`,
// `... blackhole`): a reset is announced at once; a blackholed mapping shows up as a keepalive
// timeout that knows the NAT was gone.
TEST_F(MqttSessionTest, LinkFaultsReachTheSession) {
  connect(60);
  b_.connection.link()->inject_peer_reset();
  EXPECT_EQ(b_.events(1), "CLOSED: connection reset;");
  EXPECT_EQ(b_.log.closes.back().error, NetError::PeerReset);
  ASSERT_TRUE(b_.start(server_.port()));
  EXPECT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_TRUE(server_.wait_connections(2));
  ASSERT_TRUE(b_.poll_until([&] { return !server_.received(1).empty(); }));
  server_.send(1, encode(ConnAck{}));
  EXPECT_EQ(b_.events(1), "CONNACK OK;");
  b_.connection.link()->blackhole();
  server_.send(1, encode(Publish{"lost", "x"}));
  b_.settle(100ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(120s);
  EXPECT_EQ(b_.events(1), "CLOSED: no PINGRESP (keepalive timeout);");
  EXPECT_TRUE(b_.log.closes.back().nat_lost);
}

}  // namespace
}  // namespace cellemu::net::mqtt
