// The Air780EP's MQTT client, cases M-013 … M-022 of app-protocols-cases.md: the receive cache
// (AT+MQTTMSGSET / AT+MQTTMSGGET), unsubscribe and AT+MPUBEX windows, against a real Mosquitto.
#include "tests/model/air780ep_mqtt_util.h"

namespace cellemu::testing::air780ep_mqtt {
namespace air780ep_mqtt_receive_test {

using MqttReceive = MqttCase;

constexpr const char* kAllInvalid =
    "\r\n+MQTTMSGGET: 0,INVALID\r\n+MQTTMSGGET: 1,INVALID\r\n+MQTTMSGGET: 2,INVALID\r\n"
    "+MQTTMSGGET: 3,INVALID\r\n\r\nOK\r\n";
constexpr const char* kJson = "{\n  \"msg\": \"hello\"\n}";

TEST_F(MqttReceive, M013_CacheModeOneMessage_M014_TwoMessages) {
  Transcript& t = modem();
  connected();
  subscribed("mqtt/sub_topic");
  t.exchange("AT+MQTTMSGSET=1\r", kOk);
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "123456"));
  t.expect("\r\n+MSUB: 0\r\n");
  t.exchange("AT+MQTTMSGGET?\r",
             "\r\n+MQTTMSGGET: 0,VALID\r\n+MQTTMSGGET: 1,INVALID\r\n+MQTTMSGGET: 2,INVALID\r\n"
             "+MQTTMSGGET: 3,INVALID\r\n\r\nOK\r\n");
  t.exchange("AT+MQTTMSGGET\r", "\r\n+MSUB: \"mqtt/sub_topic\",6 byte,123456\r\n\r\nOK\r\n");
  t.exchange("AT+MQTTMSGGET?\r", kAllInvalid);
  // M-014
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", kJson));
  t.expect("\r\n+MSUB: 0\r\n");
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", kJson));
  t.expect("\r\n+MSUB: 1\r\n");
  const std::string entry = std::string("+MSUB: \"mqtt/sub_topic\",20 byte,") + kJson;
  t.exchange("AT+MQTTMSGGET\r", "\r\n" + entry + "\r\n" + entry + "\r\n\r\nOK\r\n");
}

TEST_F(MqttReceive, M015_CacheOverflowOverwritesTheOldest) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+MQTTMSGSET=1\r", kOk);
  subscribed("q");
  for (const char* m : {"m1", "m2", "m3", "m4", "m5"}) ASSERT_TRUE(broker_.publish("q", m));
  t.expect("\r\n+MSUB: 0\r\n\r\n+MSUB: 1\r\n\r\n+MSUB: 2\r\n\r\n+MSUB: 3\r\n\r\n+MSUB: 0\r\n");
  t.exchange("AT+MQTTMSGGET\r",
             "\r\n+MSUB: \"q\",2 byte,m2\r\n+MSUB: \"q\",2 byte,m3\r\n+MSUB: \"q\",2 byte,m4\r\n"
             "+MSUB: \"q\",2 byte,m5\r\n\r\nOK\r\n");
}

TEST_F(MqttReceive, M016_MsgsetMsggetReadTestRangeEmpty) {
  Transcript& t = modem();
  t.exchange("AT+MQTTMSGSET?\r", "\r\n+MQTTMSGSET: 0\r\n\r\nOK\r\n");
  t.exchange("AT+MQTTMSGSET=?\r", "\r\n+MQTTMSGSET: (0,1)\r\n\r\nOK\r\n");
  t.exchange("AT+MQTTMSGSET=2\r", kE765);
  t.exchange("AT+MQTTMSGGET=?\r", kOk);
  t.exchange("AT+MQTTMSGGET\r", kOk);
}

TEST_F(MqttReceive, M017_Unsubscribe) {
  Transcript& t = modem();
  connected();
  subscribed("mqtt/sub_topic");
  t.exchange("AT+MUNSUB=\"mqtt/sub_topic\"\r", "\r\nOK\r\n\r\nUNSUBACK\r\n");
  ASSERT_TRUE(broker_.publish("mqtt/sub_topic", "x"));
  t.poll_until([] { return false; }, 500ms);
  t.expect_quiet();
}

TEST_F(MqttReceive, M018_MpubexFixedLength) {
  auto p = broker_.subscribe("up");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUBEX=\"up\",0,0,5\r", "\r\n> ");
  t.exchange("hello", kOk);
  EXPECT_EQ(p_messages(*p, 1)[0].payload, "hello");
}

TEST_F(MqttReceive, M019_MpubexCtrlZAndCrLfAreData) {
  auto p = broker_.subscribe("up");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUBEX=\"up\",1,0,4\r", "\r\n> ");
  t.exchange(std::string("\x1A\x00\r\n", 4), "\r\nOK\r\n\r\nPUBACK\r\n");
  EXPECT_EQ(p_messages(*p, 1)[0].payload, std::string("\x1A\x00\r\n", 4));
}

TEST_F(MqttReceive, M020_MpubexEndedByCtrlZ) {
  auto p = broker_.subscribe("up");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUBEX=\"up\",0,0\r", "\r\n> ");
  t.exchange("abc\x1A", kOk);
  EXPECT_EQ(p_messages(*p, 1)[0].payload, "abc");
}

TEST_F(MqttReceive, M021_MpubexEndedBy5sIdle) {
  auto p = broker_.subscribe("up");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUBEX=\"up\",0,0\r", "\r\n> ");
  t.advance(4s);  // the idle time counts from the last byte, not from the prompt
  t.send("abc");
  t.advance(4900ms);
  t.expect_quiet();
  t.advance(100ms);
  t.expect(kOk);
  EXPECT_EQ(p_messages(*p, 1)[0].payload, "abc");
}

TEST_F(MqttReceive, M022_MpubexDataEchoedUnderE1) {
  Transcript& t = modem(true);
  t.exchange("AT+MCONFIG=\"dev1\",\"\",\"\"\r", "AT+MCONFIG=\"dev1\",\"\",\"\"\r\r\nOK\r\n");
  t.exchange("AT+MIPSTART=\"broker.test\",1883\r",
             "AT+MIPSTART=\"broker.test\",1883\r\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "AT+MCONNECT=1,60\r\r\nOK\r\n\r\nCONNACK OK\r\n");
  t.exchange("AT+MPUBEX=\"up\",0,0,3\r", "AT+MPUBEX=\"up\",0,0,3\r\r\n> ");
  t.exchange("xyz", "xyz\r\nOK\r\n");
}

TEST_F(MqttReceive, MpubexEscIsDataAndAnEmptyWindowPublishesNothing) {  // §3.4.6
  auto p = broker_.subscribe("up");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUBEX=\"up\",0,0\r", "\r\n> ");
  t.exchange("\x1A", kOk);
  t.exchange("AT+MPUBEX=\"up\",0,0\r", "\r\n> ");
  t.exchange(
      "a\x1B"
      "b\x1A",
      kOk);
  EXPECT_EQ(p_messages(*p, 1)[0].payload,
            "a\x1B"
            "b");
  t.exchange("AT+MPUBEX=\"up\",0,0,0\r", kE765);
  t.exchange("AT+MDISCONNECT\r", kOk);
  t.exchange("AT+MPUBEX=\"up\",0,0,3\r", kE767);  // no prompt after an error
}

}  // namespace air780ep_mqtt_receive_test
}  // namespace cellemu::testing::air780ep_mqtt
