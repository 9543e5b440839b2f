// The Air780EP's MQTT client, cases M-023 … M-040 of app-protocols-cases.md: TLS, broker and
// network losses, the state machine's refusals, limits, will, multi-link wording, persistent
// sessions and keepalive, against a real Mosquitto; and how link faults and other commands reach
// the session (app-protocols.md §2.5).
#include "models/air780ep/air780ep_model.h"
#include "net/link.h"
#include "tests/model/air780ep_mqtt_util.h"

namespace cellemu::testing::air780ep_mqtt {
namespace air780ep_mqtt_faults_test {

using MqttFaults = MqttCase;

constexpr const char* kConnectFail = "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n\r\nCONNECT FAIL\r\n";

void upload(Transcript& t, const std::string& name, const std::string& data) {
  t.exchange("AT+FSCREATE=\"" + name + "\"\r", kOk);
  t.exchange("AT+FSWRITE=\"" + name + "\",0," + std::to_string(data.size()) + ",15\r", "\r\n>");
  t.exchange(data, kOk);
}

TEST_F(MqttFaults, M023_TlsWithoutVerificationAndAQuotedIdWithBarAndComma) {
  Transcript& t = modem();
  t.exchange(
      "AT+MCONFIG=\"868488076506128|securemode=3,signmethod=hmacmd5|\","
      "\"868488076506128&k1hipglLdjU\",\"0f655b12adf519b9a7a2b0a990f398b6\"\r",
      kOk);
  t.exchange("AT+SSLMIPSTART=\"broker.test\",8883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,120\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  EXPECT_TRUE(
      broker_logged("as 868488076506128|securemode=3,signmethod=hmacmd5| (p2, c1, k120, "
                    "u'868488076506128&k1hipglLdjU')"));
}

TEST_F(MqttFaults, M024_TlsVerificationAgainstTheWrongCaThenTheRightOne) {
  Transcript& t = modem();
  upload(t, "ca.crt", ModulePki::get().other_ca.cert_pem());
  t.exchange("AT+SSLCFG=\"cacert\",88,\"ca.crt\"\r", kOk);
  t.exchange("AT+SSLCFG=\"seclevel\",88,1\r", kOk);
  t.exchange("AT+SSLMIPSTART=\"broker.test\",8883\r", kConnectFail);
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  upload(t, "test-ca.crt", ModulePki::get().ca.cert_pem());
  t.exchange("AT+SSLCFG=\"cacert\",88,\"test-ca.crt\"\r", kOk);
  t.exchange("AT+SSLMIPSTART=\"broker.test\",8883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
}

TEST_F(MqttFaults, M025_DuplicateClientIdAndLuatRecovery) {
  Transcript& t = modem();
  connected();
  auto p = broker_.subscribe("other", 0, {"-i", "dev1"});
  t.expect("\r\nCLOSED\r\n");
  p.reset();
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  t.exchange("AT+MIPCLOSE\r", kE767);
  t.exchange("AT+MCONFIG=\"dev1\",\"\",\"\"\r", kOk);
  t.exchange("AT+MIPSTART=\"broker.test\",\"1883\"\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
}

TEST_F(MqttFaults, M026_NetworkDeactivatesThePdn) {
  Transcript& t = modem();
  connected();
  ASSERT_TRUE(t.model().pdn_lost());
  t.expect("\r\n+CGEV: NW PDN DEACT 1\r\n");
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  t.exchange("AT+MIPCLOSE\r", kOk);
  t.poll_until([] { return false; }, 200ms);
  t.expect_quiet();  // no CLOSED
}

TEST_F(MqttFaults, M027_MipstartWhileTheSessionIsUp) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\nALREADY CONNECT\r\n");
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :1\r\n\r\nOK\r\n");
}

TEST_F(MqttFaults, M028_MipstartToAPortNobodyListensOn) {
  Transcript& t = modem();
  t.exchange("AT+MIPSTART=\"broker.test\",1999\r", kConnectFail);
}

TEST_F(MqttFaults, M029_CommandsInTheWrongState) {
  Transcript& t = modem();
  t.exchange("AT+MCONNECT=1,60\r", kE767);
  t.exchange("AT+MPUB=\"t\",0,0,\"x\"\r", kE767);
  t.exchange("AT+MDISCONNECT\r", kE767);
  t.exchange("AT+MIPCLOSE\r", kE767);
  t.exchange("AT+MIPSTART=broker.test,1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MSUB=\"t\",0\r", kE767);
  t.exchange("AT+CMEE=2\r", kOk);
  t.exchange("AT+MSUB=\"t\",0\r", "\r\n+CME ERROR: Operation failed\r\n");
}

TEST_F(MqttFaults, M030_OutOfRangeParameters) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+MCONNECT=2,60\r", kE765);
  t.exchange("AT+MCONNECT=1,0\r", kE765);
  t.exchange("AT+MSUB=\"t\",3\r", kE765);
  t.exchange("AT+MPUB=\"" + std::string(257, 'a') + "\",0,0,\"x\"\r", kE765);
  t.exchange("AT+MPUBEX=\"up\",0,0,4101\r", kE765);
  t.exchange("AT+MIPSTART=\"broker.test\",1883,4\r", kE765);
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :1\r\n\r\nOK\r\n");
}

TEST_F(MqttFaults, M031_BrokerRefusesTheCredentials) {
  Transcript& t = modem();
  t.exchange("AT+MCONFIG=\"dev1\",\"root\",\"wrong\"\r", kOk);
  t.exchange("AT+MIPSTART=\"broker.test\",1885\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nERROR\r\n\r\nCLOSED\r\n");
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
}

TEST_F(MqttFaults, M032_WillPublishedWhenTheHostClosesTheSocket) {
  auto p = broker_.subscribe("/will_topic", 1);
  Transcript& t = modem();
  t.exchange("AT+MCONFIG=dev1,\"\",\"\",1,0,/will_topic,offline\r", "\r\nERROR\r\n");
  t.exchange("AT+MCONFIG=\"dev1\",\"\",\"\",1,0,\"/will_topic\",\"offline\"\r", kOk);
  t.exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  EXPECT_TRUE(broker_logged("Will message specified (7 bytes) (r0, q1)."));
  t.exchange("AT+MIPCLOSE\r", kOk);
  const auto got = p_messages(*p, 1);
  EXPECT_EQ(got[0].topic, "/will_topic");
  EXPECT_EQ(got[0].payload, "offline");
  EXPECT_EQ(got[0].qos, 1);
  EXPECT_FALSE(got[0].retain);
}

TEST_F(MqttFaults, M033_MdisconnectIsACleanDisconnect) {
  auto p = broker_.subscribe("/will_topic", 1);
  Transcript& t = modem();
  t.exchange("AT+MCONFIG=\"dev1\",\"\",\"\",1,0,\"/will_topic\",\"offline\"\r", kOk);
  t.exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  t.exchange("AT+MDISCONNECT\r", kOk);
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  EXPECT_TRUE(broker_logged("Received DISCONNECT from dev1"));
  t.exchange("AT+MIPCLOSE\r", kOk);
  t.poll_until([] { return false; }, 300ms);
  t.expect_quiet();  // no CLOSED
  EXPECT_TRUE(received_messages(*p).empty());
}

TEST_F(MqttFaults, M034_MultiLinkModeSocket7AndItsPrefix) {
  Transcript& t = modem();
  t.exchange("AT+CIPMUX=1\r", kOk);
  t.exchange("AT+MCONFIG=\"dev1\",\"\",\"\"\r", kOk);
  t.exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\n7, CONNECT OK\r\n");
  t.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  std::string status = "\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n\r\n";
  for (int i = 0; i < 6; ++i) {
    status += "C: " + std::to_string(i) + ",,\"\",\"\",\"\",\"INITIAL\"\r\n";
  }
  t.exchange("AT+CIPSTATUS\r", status);
  auto p = broker_.subscribe("other", 0, {"-i", "dev1"});
  t.expect("\r\n7, CLOSED\r\n");
}

TEST_F(MqttFaults, M035_TestCommands) {
  Transcript& t = modem();
  t.exchange("AT+MCONFIG=?\r",
             "\r\n+MCONFIG: <clientid>[,<username>,<password>[,(0-2),(0,1),<will_topic>,"
             "<will_message>]]\r\n\r\nOK\r\n");
  t.exchange("AT+MIPSTART=?\r",
             "\r\n+MIPSTART: \"(0,255).(0,255).(0,255).(0,255)\",(1-65535)\r\n+MIPSTART: "
             "\"DOMAIN NAME\",(1-65535)\r\n\r\nOK\r\n");
  t.exchange("AT+SSLMIPSTART=?\r",
             "\r\n+SSLMIPSTART: \"(0,255).(0,255).(0,255).(0,255)\",(1-65535)\r\n+SSLMIPSTART: "
             "\"DOMAIN NAME\",(1-65535)\r\n\r\nOK\r\n");
  t.exchange("AT+MCONNECT=?\r", "\r\n+MCONNECT: (0-1),(1-65535)\r\n\r\nOK\r\n");
  t.exchange("AT+MSUB=?\r", "\r\n+MSUB: <topic>,(0-2)\r\n\r\nOK\r\n");
  t.exchange("AT+MUNSUB=?\r", "\r\n+MUNSUB: <topic>\r\n\r\nOK\r\n");
  t.exchange("AT+MPUB=?\r", "\r\n+MPUB: <topic>,(0-2),(0-1),<message>\r\n\r\nOK\r\n");
  t.exchange("AT+MPUBEX=?\r", "\r\n+MPUBEX: <topic>,(0-2),(0-1),<len>\r\n\r\nOK\r\n");
  t.exchange("AT+MDISCONNECT=?\r", kOk);
  t.exchange("AT+MIPCLOSE=?\r", kOk);
  t.exchange("AT+MCONFIG?\r", "\r\nERROR\r\n");  // §3.4.1: not documented
}

TEST_F(MqttFaults, M036_ModeParameterAndALongKeepalive) {
  Transcript& t = modem();
  tcp_up();
  t.exchange("AT+MCONNECT=0,600,1\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  EXPECT_TRUE(broker_logged("as dev1 (p2, c0, k600)"));
}

TEST_F(MqttFaults, M037_PersistentSessionQueuedMessageRightAfterConnack) {
  Transcript& t = modem();
  connected("dev2", "0,60");
  subscribed("cmd/dev2", 1);
  t.exchange("AT+MIPCLOSE\r", kOk);
  ASSERT_TRUE(broker_logged("Client dev2 closed its connection"));
  ASSERT_TRUE(broker_.publish("cmd/dev2", "reboot", 1));
  t.exchange("AT+MCONFIG=dev2\r", kOk);
  t.exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  t.exchange("AT+MCONNECT=0,60\r",
             "\r\nOK\r\n\r\nCONNACK OK\r\n\r\n+MSUB: \"cmd/dev2\",6 byte,reboot\r\n");
}

TEST_F(MqttFaults, M038_ReceivedPayloadSizeLimit) {
  Transcript& t = modem();
  connected();
  subscribed("big");
  ASSERT_TRUE(broker_.publish("big", std::string(4101, 'B')));
  ASSERT_TRUE(broker_.publish("big", std::string(4100, 'B')));
  t.expect("\r\n+MSUB: \"big\",4100 byte," + std::string(4100, 'B') + "\r\n");
}

TEST_F(MqttFaults, M039_MpubAtTheSizeLimit) {
  auto p = broker_.subscribe("t");
  Transcript& t = modem();
  connected();
  t.exchange("AT+MPUB=\"t\",0,0,\"" + std::string(4100, 'A') + "\"\r", kOk);
  t.exchange("AT+MPUB=\"t\",0,0,\"" + std::string(4101, 'A') + "\"\r", kE765);
  EXPECT_EQ(p_messages(*p, 1)[0].payload, std::string(4100, 'A'));
  t.poll_until([] { return false; }, 200ms);
  EXPECT_EQ(received_messages(*p).size(), 1u);
}

TEST_F(MqttFaults, M040_KeepalivePingsAndClosesWhenTheBrokerStopsAnswering) {
  Transcript& t = modem();
  connected();
  t.advance(60s);
  ASSERT_TRUE(broker_logged("Sending PINGRESP to dev1"));
  t.poll_until([] { return false; }, 200ms);  // the PINGRESP arrives
  t.expect_quiet();
  broker_.freeze();
  t.advance(60s);  // PINGREQ into the frozen broker
  t.advance(59s);
  t.expect_quiet();
  t.advance(1s);
  t.expect("\r\nCLOSED\r\n");
}

// §2.5 / OQ-A18: CIPSHUT leaves the session alone; `ctl link 7 close` reaches socket 7.
TEST_F(MqttFaults, CipshutLeavesTheSessionAndLinkFaultsReachSocket7) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :1\r\n\r\nOK\r\n");
  const auto links = t.model().link_status();
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].id, 7);
  EXPECT_EQ(links[0].protocol, "MQTT");
  EXPECT_EQ(links[0].state, "CONNECTED");
  auto link = t.model().link_by_id(7);
  ASSERT_TRUE(link);
  link->inject_peer_close();
  t.expect("\r\nCLOSED\r\n");
  EXPECT_FALSE(t.model().link_by_id(7));
}

// §2.5: AT+CFUN=0 loses the session like a network PDN loss: no CLOSED, MIPCLOSE answers OK.
TEST_F(MqttFaults, CfunZeroDropsTheSessionSilently) {
  Transcript& t = modem();
  connected();
  t.send("AT+CFUN=0\r");
  ASSERT_TRUE(broker_logged("Client dev1 closed its connection"));
  const std::string said = t.take();
  EXPECT_EQ(said.find("CLOSED"), std::string::npos) << said;
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  t.exchange("AT+MIPCLOSE\r", kOk);
}

TEST_F(MqttFaults, ResetForgetsTheSessionAndItsSettings) {
  Transcript& t = modem();
  connected();
  t.exchange("AT+MQTTMODE=1\r", kOk);
  air780ep_test::model(t).power_up();
  t.take();
  t.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  t.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  t.exchange("AT+MQTTMODE?\r", "\r\n+MQTTMODE: 0\r\n\r\nOK\r\n");
}

}  // namespace air780ep_mqtt_faults_test
}  // namespace cellemu::testing::air780ep_mqtt
