// The Air780EP's MQTT client, cases M-001 … M-012 of app-protocols-cases.md: the Luat guide's
// session, status, QoS 0/1/2, retain, raw payloads, escapes and hex mode, against a real
// Mosquitto with mosquitto_sub / mosquitto_pub as P.
#include "tests/model/air780ep_mqtt_util.h"

namespace cellemu::testing::air780ep_mqtt {
namespace air780ep_mqtt_session_test {

using MqttSession = MqttCase;

TEST_F(MqttSession, M001_FullLuatGuideSession) {
  auto p = broker_.subscribe("mqtt/sub");
  Transcript& t = modem();
  t.exchange("AT+MCONFIG=868488076771714,root,luat123456\r", kOk);
  t.exchange("AT+MIPSTART=\"broker.test\",\"1883\"\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  t.exchange("AT+MSUB=\"mqtt/pub\",0\r", "\r\nOK\r\n\r\nSUBACK\r\n");
  t.exchange("AT+MPUB=\"mqtt/sub\",0,0,\"data from 4G module\"\r", kOk);
  const auto got = p_messages(*p, 1);
  EXPECT_EQ(got[0].payload, "data from 4G module");
  EXPECT_EQ(got[0].qos, 0);
  EXPECT_FALSE(got[0].retain);
  ASSERT_TRUE(broker_.publish("mqtt/pub", "data from tcp server"));
  t.expect("\r\n+MSUB: \"mqtt/pub\",20 byte,data from tcp server\r\n");
  t.exchange("AT+MDISCONNECT\r", kOk);
  t.exchange("AT+MIPCLOSE\r", kOk);
  EXPECT_TRUE(broker_logged("as 868488076771714 (p2, c1, k60, u'root')"));
  EXPECT_TRUE(broker_logged("Received DISCONNECT from 868488076771714"));
}

TEST_F(MqttSession, M002_EchoShapeOfTheSscomTrace) {
  Transcript& t = modem(true);
  t.exchange("AT+MCONFIG=\"dev1\",\"\",\"\"\r", "AT+MCONFIG=\"dev1\",\"\",\"\"\r\r\nOK\r\n");
  t.exchange("AT+MIPSTART=\"broker.test\",1883\r",
             "AT+MIPSTART=\"broker.test\",1883\r\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "AT+MCONNECT=1,60\r\r\nOK\r\n\r\nCONNACK OK\r\n");
  const std::string pub = "AT+MPUB=\"mqtt/pub_topic\",0,0,\"publish 0 payload\"\r";
  t.exchange(pub, pub + "\r\nOK\r\n");
}

TEST_F(MqttSession, M003_StatusThroughASessionWithoutMconfig) {
  Transcript& t = modem();
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  t.exchange("AT+MIPSTART=broker.test,1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :2\r\n\r\nOK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :1\r\n\r\nOK\r\n");
  t.exchange("AT+MQTTSTATU=?\r", kOk);
  EXPECT_TRUE(broker_logged("as 359759002514931 (p2, c1, k60)"));  // the IMEI, no user
}

TEST_F(MqttSession, M004_Qos1Publish) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUB=\"mqtt/pub_topic\",1,0,\"publish 1 payload\"\r", "\r\nOK\r\n\r\nPUBACK\r\n");
  EXPECT_TRUE(broker_logged("Received PUBLISH from dev1 (d0, q1, r0, m1, 'mqtt/pub_topic'"));
}

TEST_F(MqttSession, M005_Qos2Publish) {
  auto p = broker_.subscribe("mqtt/pub_topic", 2);
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUB=\"mqtt/pub_topic\",2,0,\"publish 2 payload\"\r",
             "\r\nOK\r\n\r\nPUBREC\r\n\r\nPUBCOMP\r\n");
  const auto got = p_messages(*p, 1);
  EXPECT_EQ(got[0].payload, "publish 2 payload");
  t.poll_until([] { return false; }, 200ms);
  EXPECT_EQ(received_messages(*p).size(), 1u);  // exactly once
}

TEST_F(MqttSession, M006_RetainedMessageRightAfterSuback) {
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "123456", 0, true));
  Transcript& t = modem();
  connected();
  t.exchange("AT+MSUB=\"mqtt/sub_topic\",0\r",
             "\r\nOK\r\n\r\nSUBACK\r\n\r\n+MSUB: \"mqtt/sub_topic\",6 byte,123456\r\n");
}

TEST_F(MqttSession, M007_PublishingWithRetain) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUB=\"state/dev1\",0,1,\"online\"\r", kOk);
  ASSERT_TRUE(broker_logged("Received PUBLISH from dev1 (d0, q0, r1, m0, 'state/dev1'"));
  auto p = broker_.subscribe("state/dev1");
  const auto got = p_messages(*p, 1);
  EXPECT_EQ(got[0].payload, "online");
  EXPECT_TRUE(got[0].retain);
}

TEST_F(MqttSession, M008_MultiLineJsonArrivesRaw) {
  Transcript& t = modem();
  connected();
  subscribed("mqtt/sub_topic");
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "{\n  \"msg\": \"hello\"\n}"));
  t.expect("\r\n+MSUB: \"mqtt/sub_topic\",20 byte,{\n  \"msg\": \"hello\"\n}\r\n");
}

TEST_F(MqttSession, M009_BinaryPayloadWithCrLfAndNul) {
  Transcript& t = modem();
  connected();
  subscribed("bin", 1);
  ASSERT_TRUE(broker_.publish("bin", std::string("\x00\r\n\"\xFF", 5), 1));
  t.expect(std::string("\r\n+MSUB: \"bin\",5 byte,\x00\r\n\"\xFF\r\n", 29));
  EXPECT_TRUE(broker_logged("Received PUBACK from dev1"));
}

TEST_F(MqttSession, M010_EscapesInAnMpubMessage) {
  auto p = broker_.subscribe("t/json");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUB=\"t/json\",0,0,\"{\\22id\\22:\\22123\\22}\\0D\\0A\\5C\"\r", kOk);
  const auto got = p_messages(*p, 1);
  EXPECT_EQ(got[0].payload, "{\"id\":\"123\"}\r\n\\");
}

TEST_F(MqttSession, M011_MessageNotInQuotes) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUB=\"t/x\",0,0,hello\r", "\r\nERROR\r\n");
  t.exchange("AT+CMEE=2\r", kOk);
  t.exchange("AT+MPUB=\"t/x\",0,0,hello\r", "\r\nERROR\r\n");
}

TEST_F(MqttSession, M012_HexPublishing) {
  auto p = broker_.subscribe("test");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MQTTMODE?\r", "\r\n+MQTTMODE: 0\r\n\r\nOK\r\n");
  t.exchange("AT+MQTTMODE=1\r", kOk);
  t.exchange("AT+MPUB=\"test\",0,0,\"313233\"\r", kOk);
  EXPECT_EQ(p_messages(*p, 1)[0].payload, "123");
  t.exchange("AT+MPUB=\"test\",0,0,\"31323\"\r", kE765);
  t.exchange("AT+MQTTMODE=0\r", kOk);
  t.exchange("AT+MPUB=\"test\",0,0,\"123\"\r", kOk);
  EXPECT_EQ(p_messages(*p, 2)[1].payload, "123");
  t.exchange("AT+MQTTMODE=?\r", "\r\n+MQTTMODE: (0,1)\r\n\r\nOK\r\n");
}

}  // namespace air780ep_mqtt_session_test
}  // namespace cellemu::testing::air780ep_mqtt
