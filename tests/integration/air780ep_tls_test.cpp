// Real TLS through the real binary and its pty (air780ep.md §6, §8): certificates uploaded with
// AT+FSWRITE, the S0 two-way-auth recipe against a mutual-TLS OpenSSL server, one-way TLS and
// its failures, TLS versions, a stalled handshake, and 1 MiB each way with checksums.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "tests/integration/air780ep_pty_util.h"
#include "tests/support/fixture_support.h"
#include "tests/support/module_pki.h"
#include "tests/support/tls_server.h"

namespace cellemu::testing::air780ep_pty {
namespace {

constexpr const char* kStart = "AT+CIPSTART=TCP,tcplab.openluat.com,57513\r";  // S0
constexpr const char* kConnectFail = "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n";

const ModulePki& pki() {
  return ModulePki::get();
}

// S0's server name, resolved and routed to the test's TLS server.
std::vector<std::string> tls_args(std::uint16_t port, std::vector<std::string> extra = {}) {
  auto args =
      emulator_args({{"tcplab.openluat.com:57513", port}}, {"tcplab.openluat.com=127.0.0.1"});
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The modem after power-up with echo off.
struct Modem {
  explicit Modem(std::vector<std::string> args) : emu(std::move(args)), host(emu.pty()) {
    read_power_up(host);
    host.exchange("ATE0\r", "ATE0\r\r\nOK\r\n");
  }
  // AT+FSCREATE + AT+FSWRITE (S0 recipe) of `data` as `name`.
  void upload(const std::string& name, const std::string& data) {
    host.exchange("AT+FSCREATE=\"" + name + "\"\r", "\r\nOK\r\n");
    host.exchange("AT+FSWRITE=\"" + name + "\",0," + std::to_string(data.size()) + ",15\r",
                  "\r\n>");
    host.exchange(data, "\r\nOK\r\n");
  }
  // CIPSSL=1, the CA as "server.crt" in context 0, seclevel 1.
  void one_way(const std::string& ca_pem = pki().ca.cert_pem()) {
    upload("server.crt", ca_pem);
    host.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
    host.exchange("AT+SSLCFG=\"cacert\",0,\"server.crt\";+SSLCFG=\"seclevel\",0,1\r", "\r\nOK\r\n");
  }
  EmulatorProcess emu;
  PtyClient host;
};

// The S0 recipe word for word (echo on, as after power-up), against a server that demands the
// module's certificate.
TEST(Air780epTlsPty, SeedSslRecipeAgainstMutualTls) {
  TlsServer server({.identity = pki().server, .client_ca_pem = pki().ca.cert_pem()});
  EmulatorProcess emu(tls_args(server.port()));
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  read_power_up(host);
  auto echoed = [&](const std::string& cmd, const std::string& reply) {
    host.exchange(cmd, cmd + reply);
  };
  echoed("AT+CIPSSL=1\r", "\r\nOK\r\n");
  echoed("AT+FSCREATE=\"server.crt\"\r", "\r\nOK\r\n");
  echoed("AT+FSCREATE=\"client.crt\"\r", "\r\nOK\r\n");
  echoed("AT+FSCREATE=\"client.key\"\r", "\r\nOK\r\n");
  const std::pair<const char*, std::string> files[] = {{"server.crt", pki().ca.cert_pem()},
                                                       {"client.crt", pki().client.cert_pem},
                                                       {"client.key", pki().client.key_pem}};
  for (const auto& [name, pem] : files) {
    echoed("AT+FSWRITE=\"" + std::string(name) + "\",0," + std::to_string(pem.size()) + ",15\r",
           "\r\n>");
    host.exchange(pem, "\r\nOK\r\n");  // the data is not echoed (LT trace)
  }
  echoed("AT+SSLCFG=\"cacert\",0, \"server.crt\"\r", "\r\nOK\r\n");
  echoed("AT+SSLCFG=\"clientcert\",0, \"client.crt\"\r", "\r\nOK\r\n");
  echoed("AT+SSLCFG=\"clientkey\", 0,\"client.key\"\r", "\r\nOK\r\n");
  echoed("AT+SSLCFG=\"seclevel\",0,2\r", "\r\nOK\r\n");
  echoed("AT+SSLCFG=\"ciphersuite\",0,0X0035\r", "\r\nOK\r\n");
  echoed("AT+SSLCFG=\"clientrandom\",0,101B12C3141516171F19202122232425262728293031323334353637\r",
         "\r\nOK\r\n");
  echoed(kStart, "\r\nOK\r\n");
  host.expect("\r\nCONNECT OK\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_EQ(server.cipher(0), "AES256-SHA");
  EXPECT_EQ(server.version(0), "TLSv1.2");
  EXPECT_NE(server.client_subject(0).find("CN=module-001"), std::string::npos);
  echoed("AT+CIPSEND=10\r", "\r\n> ");
  host.exchange("1234567890", "1234567890\r\nSEND OK\r\n");  // CIPSEND data is echoed (S0)
  ASSERT_TRUE(server.wait_received(0, 10));
  EXPECT_EQ(server.received(0), "1234567890");
  server.send(0, "from server");
  host.expect("from server\r\n");
  echoed("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  echoed("AT+CIPSSL=0\r", "\r\nOK\r\n");
}

TEST(Air780epTlsPty, OneWayTlsAndItsFailures) {
  TlsServer good({.identity = pki().server});
  TlsServer expired({.identity = pki().expired});
  TlsServer demanding({.identity = pki().server, .client_ca_pem = pki().ca.cert_pem()});
  Modem m(emulator_args({{"10.0.0.1:1001", good.port()},
                         {"10.0.0.2:1002", expired.port()},
                         {"10.0.0.3:1003", demanding.port()}}));
  m.upload("other.crt", pki().other_ca.cert_pem());
  m.one_way();
  m.host.exchange("AT+CIPSTART=TCP,10.0.0.1,1001\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  m.host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  m.host.exchange("AT+CIPSTART=TCP,10.0.0.2,1002\r", kConnectFail);  // expired
  m.host.exchange("AT+CIPSTART=TCP,10.0.0.3,1003\r", kConnectFail);  // no client certificate
  m.host.exchange("AT+SSLCFG=\"ignorelocaltime\",0,1\r", "\r\nOK\r\n");
  m.host.exchange("AT+CIPSTART=TCP,10.0.0.2,1002\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  m.host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  m.host.exchange("AT+SSLCFG=\"cacert\",0,other.crt\r", "\r\nOK\r\n");
  m.host.exchange("AT+CIPSTART=TCP,10.0.0.1,1001\r", kConnectFail);  // wrong CA
  const std::string logs = m.emu.logs();  // OpenSSL's reasons, with the module's result
  EXPECT_NE(logs.find("certificate has expired"), std::string::npos) << logs;
  EXPECT_NE(logs.find("alert handshake failure"), std::string::npos) << logs;
  EXPECT_NE(logs.find("unable to get local issuer certificate"), std::string::npos) << logs;
  EXPECT_NE(logs.find("result=\"CONNECT FAIL\""), std::string::npos) << logs;
}

TEST(Air780epTlsPty, Tls12OnlyAndTls13CapableServers) {
  TlsServer tls12({.identity = pki().server, .max_version = TLS1_2_VERSION});
  TlsServer tls13({.identity = pki().server});
  const auto routes = std::vector<std::pair<std::string, std::uint16_t>>{
      {"10.0.0.12:443", tls12.port()}, {"10.0.0.13:443", tls13.port()}};
  {
    Modem m(emulator_args(routes));
    m.one_way();
    m.host.exchange("AT+CIPSTART=TCP,10.0.0.12,443\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
    m.host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
    m.host.exchange("AT+CIPSTART=TCP,10.0.0.13,443\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
    ASSERT_TRUE(tls13.wait_handshakes(1));
    EXPECT_EQ(tls13.version(0), "TLSv1.2");  // the module stack stops at TLS 1.2
  }
  const std::string config = temp_path("tls13") + ".yaml";
  write_text_file(config, "profiles:\n  air780ep:\n    tls13: true\n");
  auto args = emulator_args(routes);
  args.insert(args.end(), {"--config", config});
  Modem m(args);
  m.one_way();
  m.host.exchange("AT+CIPSTART=TCP,10.0.0.13,443\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  ASSERT_TRUE(tls13.wait_handshakes(2));
  EXPECT_EQ(tls13.version(1), "TLSv1.3");
  m.host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  m.host.exchange("AT+CIPSTART=TCP,10.0.0.12,443\r", "\r\nOK\r\n\r\nCONNECT OK\r\n");
  ASSERT_TRUE(tls12.wait_handshakes(2));
  EXPECT_EQ(tls12.version(1), "TLSv1.2");
  ::unlink(config.c_str());
}

TEST(Air780epTlsPty, StalledHandshakeEndsAtTheNegotiateTimeout) {
  TlsServer server({.identity = pki().server, .stall = true});
  Modem m(tls_args(server.port(), {"--time-scale", "50"}));  // 10 s emulated = 0.2 s
  m.host.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  m.host.exchange("AT+SSLCFG=\"negotiatetimeout\",0,10\r", "\r\nOK\r\n");
  const auto begin = std::chrono::steady_clock::now();
  m.host.send(kStart);
  m.host.expect(kConnectFail, 5s);
  EXPECT_GE(std::chrono::steady_clock::now() - begin, 150ms);
  EXPECT_EQ(server.tcp_connections(), 1u);
  EXPECT_NE(m.emu.logs().find("handshake timed out"), std::string::npos);
}

// --fs-dir: what AT+FSWRITE stored is there after a restart; an unfinished write times out.
TEST(Air780epTlsPty, CertificatesInFsDirSurviveARestart) {
  TlsServer server({.identity = pki().server});
  const std::string dir = temp_path("air780ep-fs");
  ASSERT_EQ(::mkdir(dir.c_str(), 0700), 0);
  {
    Modem m(tls_args(server.port(), {"--fs-dir", dir, "--time-scale", "20"}));
    m.upload("server.crt", pki().ca.cert_pem());
    m.host.exchange("AT+FSCREATE=\"part.txt\"\r", "\r\nOK\r\n");
    m.host.exchange("AT+FSWRITE=\"part.txt\",0,100,2\r", "\r\n>");
    m.host.send("only some");
    m.host.expect("\r\nTimeOut\r\n", 2s);  // 2 s emulated
  }
  EXPECT_EQ(read_text_file(dir + "/server.crt"), pki().ca.cert_pem());
  Modem m(tls_args(server.port(), {"--fs-dir", dir}));
  m.host.exchange("AT+FSLS=\"/\"\r", "\r\npart.txt\r\nserver.crt\r\n\r\nOK\r\n");
  m.host.exchange("AT+FSFLSIZE=\"part.txt\"\r", "\r\n+FSFLSIZE: 0\r\n\r\nOK\r\n");
  m.host.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  m.host.exchange("AT+SSLCFG=\"cacert\",0,\"server.crt\";+SSLCFG=\"seclevel\",0,1\r", "\r\nOK\r\n");
  m.host.exchange(kStart, "\r\nOK\r\n\r\nCONNECT OK\r\n");
  std::filesystem::remove_all(dir);
}

TEST(Air780epTlsPty, OneMebibyteEachWayInPushMode) {
  TlsServer server({.identity = pki().server});
  Modem m(tls_args(server.port()));
  m.one_way();
  m.host.exchange("AT+CIPQSEND=1;+CIPHEAD=1;+CIPRXF=1\r", "\r\nOK\r\n");
  m.host.exchange(kStart, "\r\nOK\r\n\r\nCONNECT OK\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  const std::string up = pattern(kMiB, 41);
  for (std::size_t off = 0; off < up.size(); off += 1460) {
    const std::string chunk = up.substr(off, 1460);
    const std::string n = std::to_string(chunk.size());
    m.host.exchange("AT+CIPSEND=" + n + "\r\n", "\r\n> ");
    m.host.exchange(chunk, "\r\nDATA ACCEPT:" + n + "\r\n");
  }
  ASSERT_TRUE(server.wait_received(0, kMiB, 20s));
  EXPECT_EQ(checksum(server.received(0)), checksum(up));
  const std::string down = pattern(kMiB, 42);
  server.send(0, down);
  const auto links = FrameReader(m.host).read(kMiB);
  EXPECT_EQ(checksum(links[0]), checksum(down));
  m.host.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
}

TEST(Air780epTlsPty, OneMebibyteEachWayInTransparentMode) {
  TlsServer server({.identity = pki().server});
  Modem m(tls_args(server.port(), {"--time-scale", "10"}));
  m.one_way();
  m.host.exchange("AT+CIPMODE=1\r", "\r\nOK\r\n");
  m.host.exchange(kStart, "\r\nOK\r\n\r\nCONNECT\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  const std::string up = pattern(kMiB, 51);
  m.host.send(up);
  ASSERT_TRUE(server.wait_received(0, kMiB, 20s));
  EXPECT_EQ(checksum(server.received(0)), checksum(up));
  const std::string down = pattern(kMiB, 52);
  server.send(0, down);
  EXPECT_EQ(checksum(m.host.read_exact(kMiB, 20s)), checksum(down));
}

}  // namespace
}  // namespace cellemu::testing::air780ep_pty
