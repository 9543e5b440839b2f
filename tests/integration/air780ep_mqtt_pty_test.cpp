// The Air780EP's MQTT client through the real binary and its pty (app-protocols.md §3) against a
// real Mosquitto started by the test, with mosquitto_sub / mosquitto_pub as the independent
// peer: the Luat guide's session, TLS from a generated CA, carrier NAT idle drops with and
// without keepalive on the emulated clock, a broker that goes away, `ctl` link faults on socket
// 7, and the --report counts.
#include <fstream>
#include <sstream>

#include "tests/integration/air780ep_pty_util.h"
#include "tests/integration/fault_bench.h"
#include "tests/support/module_pki.h"
#include "tests/support/mosquitto_broker.h"

namespace cellemu::testing::air780ep_pty {
namespace air780ep_mqtt_pty_test {

constexpr const char* kOk = "\r\nOK\r\n";

// broker.test of the cases, resolved and routed to the test's broker.
std::vector<std::string> mqtt_args(const MosquittoBroker& broker,
                                   std::vector<std::string> extra = {}) {
  auto args = emulator_args(
      {{"broker.test:1883", broker.plain_port()}, {"broker.test:8883", broker.tls_port()}},
      {"broker.test=127.0.0.1"});
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string slurp_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Air780epMqttPty : public ::testing::Test {
 protected:
  Air780epMqttPty() : broker_(&ModulePki::get().server) {}

  // MCONFIG + MIPSTART + MCONNECT (keepalive `keepalive`), the CONNECTED of the cases.
  static void connect(PtyClient& host, int keepalive = 60) {
    host.exchange("AT+MCONFIG=\"dev1\",\"\",\"\"\r", kOk);
    host.exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
    host.exchange("AT+MCONNECT=1," + std::to_string(keepalive) + "\r",
                  "\r\nOK\r\n\r\nCONNACK OK\r\n");
  }

  // Whether the broker (another process) logged `text` within a real deadline.
  bool broker_logged(const std::string& text) {
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (broker_.logs().find(text) == std::string::npos) {
      if (std::chrono::steady_clock::now() > until) return false;
      ::usleep(10'000);
    }
    return true;
  }

  MosquittoBroker broker_;
};

TEST_F(Air780epMqttPty, LuatGuideSessionQos012) {
  ASSERT_TRUE(broker_.started());
  auto p = broker_.subscribe("mqtt/sub", 2);
  FaultBench bench(mqtt_args(broker_), "mqtt-luat");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  host.exchange("AT+MCONFIG=868488076771714,root,luat123456\r", kOk);
  host.exchange("AT+MIPSTART=\"broker.test\",\"1883\"\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  host.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  host.exchange("AT+MSUB=\"mqtt/pub\",0\r", "\r\nOK\r\n\r\nSUBACK\r\n");
  host.exchange("AT+MPUB=\"mqtt/sub\",0,0,\"data from 4G module\"\r", kOk);
  host.exchange("AT+MPUB=\"mqtt/sub\",1,0,\"qos 1\"\r", "\r\nOK\r\n\r\nPUBACK\r\n");
  host.exchange("AT+MPUB=\"mqtt/sub\",2,0,\"qos 2\"\r", "\r\nOK\r\n\r\nPUBREC\r\n\r\nPUBCOMP\r\n");
  ASSERT_TRUE(wait_messages(*p, 3));
  const auto got = received_messages(*p);
  EXPECT_EQ(got[0].payload, "data from 4G module");
  EXPECT_EQ(got[1].payload, "qos 1");
  EXPECT_EQ(got[1].qos, 1);
  EXPECT_EQ(got[2].payload, "qos 2");
  EXPECT_EQ(got[2].qos, 2);
  ASSERT_TRUE(broker_.publish("mqtt/pub", "data from tcp server"));
  host.expect("\r\n+MSUB: \"mqtt/pub\",20 byte,data from tcp server\r\n");
  host.exchange("AT+MDISCONNECT\r", kOk);
  host.exchange("AT+MIPCLOSE\r", kOk);
  EXPECT_TRUE(broker_logged("Received DISCONNECT from 868488076771714"));
}

TEST_F(Air780epMqttPty, SslmipstartVerifiesTheBrokerAgainstAGeneratedCa) {
  ASSERT_TRUE(broker_.started());
  auto p = broker_.subscribe("tls/up", 1);
  FaultBench bench(mqtt_args(broker_), "mqtt-tls");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  const std::string ca = ModulePki::get().ca.cert_pem();
  host.exchange("AT+FSCREATE=\"ca.crt\"\r", kOk);
  host.exchange("AT+FSWRITE=\"ca.crt\",0," + std::to_string(ca.size()) + ",15\r", "\r\n>");
  host.exchange(ca, kOk);
  host.exchange("AT+SSLCFG=\"cacert\",88,\"ca.crt\"\r", kOk);
  host.exchange("AT+SSLCFG=\"seclevel\",88,1\r", kOk);
  host.exchange("AT+MCONFIG=\"dev-tls\",\"\",\"\"\r", kOk);
  host.exchange("AT+SSLMIPSTART=\"broker.test\",8883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  host.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  host.exchange("AT+MSUB=\"tls/down\",0\r", "\r\nOK\r\n\r\nSUBACK\r\n");
  host.exchange("AT+MPUB=\"tls/up\",1,0,\"over tls\"\r", "\r\nOK\r\n\r\nPUBACK\r\n");
  ASSERT_TRUE(wait_messages(*p, 1));
  EXPECT_EQ(received_messages(*p)[0].payload, "over tls");
  ASSERT_TRUE(broker_.publish("tls/down", "back over tls"));
  host.expect("\r\n+MSUB: \"tls/down\",13 byte,back over tls\r\n");
  EXPECT_EQ(link_entry(bench.status(), 7)["protocol"], "MQTT/SSL");
}

// The carrier drops idle TCP mappings after 30 s; a keepalive of 20 s keeps the session alive,
// one of 60 s lets the mapping go: the next PINGREQ vanishes and the module closes after one
// more keepalive period (OQ-A10). Emulated time runs 100 times faster.
TEST_F(Air780epMqttPty, NatIdleDropWithAndWithoutKeepalive) {
  ASSERT_TRUE(broker_.started());
  FaultBench bench(mqtt_args(broker_, {"--time-scale", "100"}), "mqtt-nat");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  bench.ctl({"nat-idle", "30s"});
  connect(host, 20);
  // 90 s emulated: the pings went every 20 s, the mapping never idled for 30 s.
  EXPECT_EQ(host.read_until("~never~", 900ms), "");
  EXPECT_EQ(link_entry(bench.status(), 7)["nat_lost"], false);
  host.exchange("AT+MPUB=\"nat/a\",1,0,\"alive\"\r", "\r\nOK\r\n\r\nPUBACK\r\n");
  host.exchange("AT+MIPCLOSE\r", kOk);
  connect(host, 60);
  ASSERT_TRUE(bench.wait_status(
      [](const nlohmann::json& st) { return link_entry(st, 7)["nat_lost"] == true; }));
  // PINGREQ at 60 s is lost, CLOSED at 120 s (1.2 s real).
  host.expect("\r\nCLOSED\r\n", 5s);
  host.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
}

TEST_F(Air780epMqttPty, ABrokerThatGoesAwayIsReportedClosed) {
  auto broker = std::make_unique<MosquittoBroker>();
  ASSERT_TRUE(broker->started());
  FaultBench bench(mqtt_args(*broker), "mqtt-broker-gone");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  connect(host);
  broker.reset();  // mosquitto stops: it closes every client connection
  host.expect("\r\nCLOSED\r\n");
  host.exchange("AT+MQTTSTATU\r", "\r\n+MQTTSTATU :0\r\n\r\nOK\r\n");
  host.exchange("AT+MIPCLOSE\r", "\r\n+CME ERROR: 767\r\n");
}

TEST_F(Air780epMqttPty, CtlStatusListsSocket7AndLinkFaultsReachIt) {
  ASSERT_TRUE(broker_.started());
  FaultBench bench(mqtt_args(broker_), "mqtt-ctl");
  ASSERT_TRUE(bench.ready());
  PtyClient& host = bench.host();
  connect(host);
  const auto entry = link_entry(bench.status(), 7);
  ASSERT_FALSE(entry.is_null());
  EXPECT_EQ(entry["protocol"], "MQTT");
  EXPECT_EQ(entry["state"], "CONNECTED");
  bench.ctl({"link", "7", "reset"});
  host.expect("\r\nCLOSED\r\n");
  EXPECT_TRUE(link_entry(bench.status(), 7)["state"] == "PEER_CLOSED");
  host.exchange("AT+MIPSTART=\"broker.test\",1883\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  host.exchange("AT+MCONNECT=1,60\r", "\r\nOK\r\n\r\nCONNACK OK\r\n");
  bench.ctl({"link", "7", "close"});
  host.expect("\r\nCLOSED\r\n");
}

TEST_F(Air780epMqttPty, ReportCountsMqttCommandsAndUrcs) {
  ASSERT_TRUE(broker_.started());
  const std::string report =
      ::testing::TempDir() + "cellemu-mqtt-report-" + std::to_string(::getpid());
  EmulatorProcess emu(mqtt_args(broker_, {"--report", report}));
  ASSERT_TRUE(emu.started());
  {
    PtyClient host(emu.pty());
    host.discard_input();
    host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
    connect(host);
    host.exchange("AT+MSUB=\"r/t\",0\r", "\r\nOK\r\n\r\nSUBACK\r\n");
    host.exchange("AT+MPUB=\"r/t\",0,0,\"x\"\r", "\r\nOK\r\n\r\n+MSUB: \"r/t\",1 byte,x\r\n");
    host.exchange("AT+MPUB=\"r/t\",0,0,x\r", "\r\nERROR\r\n");
    host.exchange("AT+MIPCLOSE\r", kOk);
  }
  EXPECT_EQ(emu.terminate(), 0);
  const auto json = nlohmann::json::parse(slurp_file(report), nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << slurp_file(report);
  const auto& m = json["modems"][0];
  EXPECT_EQ(m["commands"]["+MPUB="]["count"], 2);
  EXPECT_EQ(m["commands"]["+MPUB="]["errors"]["ERROR"], 1);
  EXPECT_EQ(m["commands"]["+MCONNECT="]["count"], 1);
  EXPECT_EQ(m["commands"]["+MIPCLOSE"]["count"], 1);
  EXPECT_EQ(m["urcs"]["CONNECT OK"], 1);
  EXPECT_EQ(m["urcs"]["CONNACK OK"], 1);
  EXPECT_EQ(m["urcs"]["SUBACK"], 1);
  EXPECT_EQ(m["urcs"]["+MSUB"], 1);  // a topic is data: the key is the URC's name
  ::unlink(report.c_str());
  ::unlink((report + ".txt").c_str());
}

}  // namespace air780ep_mqtt_pty_test
}  // namespace cellemu::testing::air780ep_pty
