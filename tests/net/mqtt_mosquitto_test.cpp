// The MQTT client engine against a real Mosquitto broker (Debian's mosquitto, started by the
// test), with mosquitto_sub / mosquitto_pub as the independent peer P of the M- cases. The
// engine runs on the modem's socket layer (LinkConnection) with the manual clock.
#include <gtest/gtest.h>

#include "tests/net/mqtt_bench.h"
#include "tests/support/module_pki.h"
#include "tests/support/mosquitto_broker.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::net::mqtt {
namespace {

using namespace std::chrono_literals;
using namespace std::string_literals;
using testing::ModulePki;
using testing::MosquittoBroker;
using testing::received_messages;
using testing::wait_messages;

class MosquittoTest : public ::testing::Test {
 protected:
  MosquittoTest() : broker_(&ModulePki::get().server) {}

  // The CONNECTED shorthand of app-protocols-cases.md, on the given listener.
  void connect(const std::string& client_id, bool clean = true, std::uint32_t keepalive = 60,
               std::uint16_t port = 0) {
    ASSERT_TRUE(broker_.started());
    ASSERT_FALSE(b_.client->configure({client_id}));
    ASSERT_TRUE(b_.start(port ? port : broker_.plain_port()));
    ASSERT_EQ(b_.events(1), "CONNECT OK;");
    ASSERT_FALSE(b_.client->connect(clean, keepalive));
    ASSERT_EQ(b_.events(1), "CONNACK OK;");
  }
  void subscribe(const std::string& filter, QoS qos = QoS::AtMostOnce) {
    ASSERT_TRUE(b_.client->subscribe(filter, qos));
    ASSERT_EQ(b_.events(1).rfind("SUBACK", 0), 0u);
  }
  std::string last_payload() const {
    return b_.log.messages.empty() ? std::string() : b_.log.messages.back().payload;
  }
  std::shared_ptr<const tls::StreamFactory> tls(tls::Verify verify, const std::string& ca) {
    tls::TlsConfig config;
    config.verify = verify;
    config.ca_pem = ca;
    std::string error;
    auto factory = tls::make_stream_factory(config, error);
    EXPECT_TRUE(factory) << error;
    return factory;
  }

  MosquittoBroker broker_;
  MqttBench b_;
};

// M-001: the Luat guide's session against the real broker, with P on the other side.
TEST_F(MosquittoTest, M001FullSession) {
  auto p = broker_.subscribe("mqtt/sub");
  ASSERT_FALSE(b_.client->configure({"868488076771714", "root", "luat123456"}));
  ASSERT_TRUE(b_.start(broker_.password_port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_EQ(b_.events(1), "CONNACK OK;");
  ASSERT_TRUE(b_.client->subscribe("mqtt/pub", QoS::AtMostOnce));
  EXPECT_EQ(b_.events(1), "SUBACK 1 0;");
  ASSERT_TRUE(b_.client->publish("mqtt/sub", "data from 4G module", QoS::AtMostOnce, false));
  ASSERT_TRUE(wait_messages(*p, 1));
  const auto got = received_messages(*p);
  EXPECT_EQ(got[0].payload, "data from 4G module");
  EXPECT_EQ(got[0].qos, 0);
  EXPECT_FALSE(got[0].retain);
  ASSERT_TRUE(broker_.publish("mqtt/pub", "data from tcp server"));
  EXPECT_EQ(b_.events(1), "MSUB mqtt/pub 20;");
  EXPECT_EQ(last_payload(), "data from tcp server");
  EXPECT_FALSE(b_.client->disconnect());
  EXPECT_EQ(b_.events(1), "closed silently: closed by the broker;");
  EXPECT_FALSE(b_.client->close());
  EXPECT_NE(broker_.logs().find("Received DISCONNECT from 868488076771714"), std::string::npos);
}

// M-004, M-005: QoS 1 and 2 publishes, P receives the QoS 2 message exactly once.
TEST_F(MosquittoTest, M005PublishQos1And2) {
  auto p = broker_.subscribe("mqtt/pub_topic", 2);
  connect("dev-qos-out");
  ASSERT_EQ(
      b_.client->publish("mqtt/pub_topic", "publish 1 payload", QoS::AtLeastOnce, false).packet_id,
      1);
  EXPECT_EQ(b_.events(1), "PUBACK 1;");
  ASSERT_TRUE(b_.client->publish("mqtt/pub_topic", "publish 2 payload", QoS::ExactlyOnce, false));
  EXPECT_EQ(b_.events(2), "PUBREC 2;PUBCOMP 2;");
  ASSERT_TRUE(wait_messages(*p, 2));
  b_.settle(200ms);
  const auto got = received_messages(*p);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].payload, "publish 2 payload");
  EXPECT_EQ(got[1].qos, 2);
}

// M-009 and the QoS 2 receive path: binary payloads arrive as they are, each once.
TEST_F(MosquittoTest, M009ReceiveQos1And2) {
  connect("dev-qos-in");
  subscribe("bin", QoS::ExactlyOnce);
  ASSERT_TRUE(broker_.publish("bin", "\x00\r\n\"\xFF"s, 1));
  EXPECT_EQ(b_.events(1), "MSUB bin 5;");
  EXPECT_EQ(last_payload(), "\x00\r\n\"\xFF"s);
  EXPECT_EQ(b_.log.messages.back().qos, QoS::AtLeastOnce);
  ASSERT_TRUE(broker_.publish("bin", "{\n  \"msg\": \"hello\"\n}", 2));  // M-008's payload
  EXPECT_EQ(b_.events(1), "MSUB bin 20;");
  EXPECT_EQ(b_.log.messages.back().qos, QoS::ExactlyOnce);
  b_.settle(200ms);
  EXPECT_TRUE(b_.log.events.empty());
}

// M-006, M-007: retained messages both ways.
TEST_F(MosquittoTest, M006RetainBothWays) {
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "123456", 0, true));
  connect("dev-retain");
  ASSERT_TRUE(b_.client->subscribe("mqtt/sub_topic", QoS::AtMostOnce));
  EXPECT_EQ(b_.events(2), "SUBACK 1 0;MSUB mqtt/sub_topic 6;");
  EXPECT_TRUE(b_.log.messages.back().retain);
  ASSERT_TRUE(b_.client->publish("state/dev1", "online", QoS::AtMostOnce, true));
  b_.settle(100ms);
  auto p = broker_.subscribe("state/dev1");
  ASSERT_TRUE(wait_messages(*p, 1));
  EXPECT_EQ(received_messages(*p)[0].payload, "online");
  EXPECT_TRUE(received_messages(*p)[0].retain);
}

// M-017: after UNSUBACK nothing more arrives.
TEST_F(MosquittoTest, M017Unsubscribe) {
  connect("dev-unsub");
  subscribe("mqtt/sub_topic");
  ASSERT_TRUE(b_.client->unsubscribe("mqtt/sub_topic"));
  EXPECT_EQ(b_.events(1), "UNSUBACK 2;");
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "x"));
  b_.settle(300ms);
  EXPECT_TRUE(b_.log.events.empty());
}

// M-032: the will is published when the host closes the socket without DISCONNECT; M-033: not
// after a clean DISCONNECT.
TEST_F(MosquittoTest, M032WillOnCloseButNotAfterDisconnect) {
  auto p = broker_.subscribe("/will_topic", 1);
  ASSERT_FALSE(
      b_.client->configure({"dev1", "", "", Will{"/will_topic", "offline", QoS::AtLeastOnce}}));
  ASSERT_TRUE(b_.start(broker_.plain_port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_EQ(b_.events(1), "CONNACK OK;");
  ASSERT_FALSE(b_.client->disconnect());
  ASSERT_FALSE(b_.client->close());
  ASSERT_TRUE(b_.start(broker_.plain_port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  ASSERT_EQ(b_.events(1), "CONNACK OK;");
  ASSERT_FALSE(b_.client->close());
  ASSERT_TRUE(wait_messages(*p, 1));
  b_.settle(200ms);
  const auto got = received_messages(*p);
  ASSERT_EQ(got.size(), 1u);  // only the second session's will
  EXPECT_EQ(got[0].payload, "offline");
  EXPECT_EQ(got[0].qos, 1);
  EXPECT_FALSE(got[0].retain);
}

// M-025: a second client with the same id makes the broker drop the module's connection.
TEST_F(MosquittoTest, M025BrokerDropsTheClient) {
  connect("dev-dup");
  auto other = broker_.subscribe("x", 0, {"-i", "dev-dup"});
  EXPECT_EQ(b_.events(1), "CLOSED: closed by the broker;");
  EXPECT_EQ(b_.client->status(), 0);
  EXPECT_EQ(b_.client->close(), Refusal::WrongState);
}

// M-031: the password listener refuses wrong credentials with return code 5.
TEST_F(MosquittoTest, M031WrongPassword) {
  ASSERT_FALSE(b_.client->configure({"dev1", "root", "wrong"}));
  ASSERT_TRUE(b_.start(broker_.password_port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(true, 60));
  EXPECT_EQ(b_.events(2), "ERROR 5;CLOSED: CONNACK refused;");
  EXPECT_EQ(b_.client->status(), 0);
}

// M-037: a persistent session gets the message queued while it was away right after CONNACK.
TEST_F(MosquittoTest, M037PersistentSession) {
  connect("dev2", false);
  subscribe("cmd/dev2", QoS::AtLeastOnce);
  ASSERT_FALSE(b_.client->close());
  b_.settle(100ms);
  ASSERT_TRUE(broker_.publish("cmd/dev2", "reboot", 1));
  ASSERT_TRUE(b_.start(broker_.plain_port()));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  ASSERT_FALSE(b_.client->connect(false, 60));
  EXPECT_EQ(b_.events(2), "CONNACK OK (session);MSUB cmd/dev2 6;");
  EXPECT_EQ(last_payload(), "reboot");
}

// M-038: 4101 bytes are dropped (and acknowledged), 4100 delivered.
TEST_F(MosquittoTest, M038ReceiveLimit) {
  connect("dev-big");
  subscribe("big", QoS::AtLeastOnce);
  ASSERT_TRUE(broker_.publish("big", std::string(4101, 'B'), 1));
  ASSERT_TRUE(broker_.publish("big", std::string(4100, 'B'), 1));
  EXPECT_EQ(b_.events(1), "MSUB big 4100;");
  b_.settle(100ms);
  EXPECT_TRUE(b_.log.events.empty());
}

// M-013/M-014 with a real broker: cache mode announces slots, reading takes all, oldest first.
TEST_F(MosquittoTest, M014CacheMode) {
  connect("dev-cache");
  subscribe("mqtt/sub_topic");
  b_.client->set_receive_mode(ReceiveMode::Cached);
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "123456"));
  EXPECT_EQ(b_.events(1), "MSUB 0;");
  EXPECT_EQ(b_.client->cache().take_all().at(0).payload, "123456");
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "one"));
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "two"));
  EXPECT_EQ(b_.events(2), "MSUB 0;MSUB 1;");
  const auto all = b_.client->cache().take_all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].payload, "one");
  EXPECT_EQ(all[1].payload, "two");
}

// M-023: TLS without verification; M-024: verification against the wrong CA fails, against the
// test CA it succeeds.
TEST_F(MosquittoTest, M023TlsAndM024Verification) {
  ASSERT_FALSE(
      b_.client->configure({"868488076506128|securemode=3,signmethod=hmacmd5|",
                            "868488076506128&k1hipglLdjU", "0f655b12adf519b9a7a2b0a990f398b6"}));
  ASSERT_TRUE(b_.start(broker_.tls_port(), {.tls = tls(tls::Verify::None, "")}));
  ASSERT_EQ(b_.events(1), "CONNECT OK;");
  EXPECT_TRUE(b_.client->secure());
  ASSERT_FALSE(b_.client->connect(true, 120));
  EXPECT_EQ(b_.events(1), "CONNACK OK;");
  ASSERT_FALSE(b_.client->close());
  const auto& pki = ModulePki::get();
  ASSERT_TRUE(
      b_.start(broker_.tls_port(), {.tls = tls(tls::Verify::Server, pki.other_ca.cert_pem())}));
  EXPECT_EQ(b_.events(1), "CONNECT FAIL: TLS handshake failed;");
  EXPECT_EQ(b_.client->status(), 0);
  ASSERT_TRUE(b_.start(broker_.tls_port(), {.tls = tls(tls::Verify::Server, pki.ca.cert_pem()),
                                            .server_name = "localhost"}));
  EXPECT_EQ(b_.events(1), "CONNECT OK;");
}

// M-040: PINGREQ on the emulated clock, answered by the broker; a frozen broker leaves the next
// one unanswered and the client closes one keepalive period later.
TEST_F(MosquittoTest, M040KeepaliveAgainstAFrozenBroker) {
  connect("dev-ka", true, 60);
  const auto received = [&] { return b_.connection.link()->bytes_received(); };
  const auto before = received();
  b_.timers.advance(60s);
  ASSERT_TRUE(b_.poll_until([&] { return received() == before + 2; }));  // PINGRESP
  EXPECT_NE(broker_.logs().find("Received PINGREQ from dev-ka"), std::string::npos);
  broker_.freeze();
  b_.timers.advance(60s);
  b_.settle(100ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(60s);
  EXPECT_EQ(b_.events(1), "CLOSED: no PINGRESP (keepalive timeout);");
  broker_.thaw();
}

// Carrier NAT idle drop (S0 FAQ 3): PINGREQs more frequent than the NAT timeout keep the mapping,
// so messages still arrive after ten quiet minutes ...
TEST_F(MosquittoTest, NatIdleDropIsKeptAwayByKeepalive) {
  b_.sockets.conditions().nat.tcp_idle = 120s;
  connect("dev-nat-ka", true, 60);
  subscribe("nat/ka");
  for (int minute = 0; minute < 10; ++minute) {
    const auto before = b_.connection.link()->bytes_received();
    b_.timers.advance(60s);
    ASSERT_TRUE(b_.poll_until([&] { return b_.connection.link()->bytes_received() > before; }));
  }
  EXPECT_FALSE(b_.connection.link()->nat_lost());
  ASSERT_TRUE(broker_.publish("nat/ka", "still here"));
  EXPECT_EQ(b_.events(1), "MSUB nat/ka 10;");
}

// ... while with a keepalive longer than the NAT timeout the mapping goes: messages vanish, the
// next PINGREQ is lost and the client closes a keepalive period later, knowing why.
TEST_F(MosquittoTest, NatIdleDropWithoutKeepaliveLosesTheSession) {
  b_.sockets.conditions().nat.tcp_idle = 120s;
  connect("dev-nat", true, 300);
  subscribe("nat/lost");
  b_.timers.advance(120s);
  EXPECT_TRUE(b_.connection.link()->nat_lost());
  ASSERT_TRUE(broker_.publish("nat/lost", "gone"));
  b_.settle(200ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(180s);  // t = 300 s: PINGREQ, lost in the carrier network
  b_.settle(50ms);
  EXPECT_TRUE(b_.log.events.empty());
  b_.timers.advance(300s);
  EXPECT_EQ(b_.events(1), "CLOSED: no PINGRESP (keepalive timeout);");
  ASSERT_EQ(b_.log.closes.size(), 1u);
  EXPECT_TRUE(b_.log.closes[0].nat_lost);
}

}  // namespace
}  // namespace cellemu::net::mqtt
