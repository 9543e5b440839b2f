// Real TLS on the Air780EP (air780ep.md §6, conformance cases H-009, H-010): links opened while
// AT+CIPSSL=1 against a real OpenSSL server, certificates uploaded with AT+FSWRITE, and the
// module's CONNECT FAIL for everything that stops a session (with the reason in the log).
#include <fmt/format.h>

#include "tests/model/air780ep_test_util.h"
#include "tests/support/module_pki.h"
#include "tests/support/tls_server.h"
#include "tls/root_store.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::testing::air780ep_test {
namespace {

constexpr const char* kStart = "AT+CIPSTART=TCP,tcplab.openluat.com,57513\r";  // S0
constexpr const char* kConnectOk = "\r\nOK\r\n\r\nCONNECT OK\r\n";
constexpr const char* kConnectFail = "\r\nOK\r\n\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n";

const ModulePki& pki() {
  return ModulePki::get();
}

TranscriptOptions tls_options(std::uint16_t port, std::function<void(models::Profile&)> p = {}) {
  return options(NetView{{{"tcplab.openluat.com:57513", port}, {"112.125.89.8:43316", port}}, {}},
                 std::move(p));
}

// AT+FSCREATE + AT+FSWRITE, as the S0 recipe uploads its certificates.
void upload(Transcript& t, const std::string& name, const std::string& data) {
  t.exchange("AT+FSCREATE=\"" + name + "\"\r", "\r\nOK\r\n");
  t.exchange("AT+FSWRITE=\"" + name + "\",0," + std::to_string(data.size()) + ",15\r", "\r\n>");
  t.exchange(data, "\r\nOK\r\n");
}

// CIPSSL=1 and context 0 verifying the server against the test CA (seclevel 1).
void one_way(Transcript& t, const std::string& ca_pem = pki().ca.cert_pem()) {
  upload(t, "server.crt", ca_pem);
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"cacert\",0,\"server.crt\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"seclevel\",0,1\r", "\r\nOK\r\n");
}

TEST(Air780epTls, H009_TlsConnect) {
  TlsServer server({.identity = pki().server});
  Transcript t(tls_options(server.port()));
  t.exchange("AT+CIPQSEND=1\r", "\r\nOK\r\n");
  one_way(t);
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(server.wait_handshakes(1));
  t.exchange("AT+CIPSEND=10\r", "\r\n> ");
  t.exchange("1234567890", "\r\nDATA ACCEPT:10\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.received(0).size() >= 10; }));
  EXPECT_EQ(server.received(0), "1234567890");
  EXPECT_EQ(server.version(0), "TLSv1.2");  // the module stack stops at TLS 1.2 (tls13 off)
  server.send(0, "TEST");
  t.expect("TEST\r\n");  // pushed as over TCP (CIPHEAD=0, CIPRXF=0)
  t.exchange("AT+CIPSTATUS\r", "\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n");
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
}

TEST(Air780epTls, SeedRecipeWithMutualAuthentication) {  // S0 two-way-auth recipe
  TlsServer server({.identity = pki().server, .client_ca_pem = pki().ca.cert_pem()});
  Transcript t(tls_options(server.port()));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  upload(t, "server.crt", pki().ca.cert_pem());
  upload(t, "client.crt", pki().client.cert_pem);
  upload(t, "client.key", pki().client.key_pem);
  t.exchange("AT+SSLCFG=\"cacert\",0, \"server.crt\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"clientcert\",0, \"client.crt\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"clientkey\", 0,\"client.key\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"seclevel\",0,2\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"ciphersuite\",0,0X0035\r", "\r\nOK\r\n");
  t.exchange(
      "AT+SSLCFG=\"clientrandom\",0,101B12C3141516171F19202122232425262728293031323334353637\r",
      "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_EQ(server.cipher(0), "AES256-SHA");  // 0X0035 TLS_RSA_WITH_AES_256_CBC_SHA
  EXPECT_NE(server.client_subject(0).find("CN=module-001"), std::string::npos);
  t.exchange("AT+CIPSEND=10\r", "\r\n> ");
  t.exchange("1234567890", "\r\nSEND OK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.received(0).size() >= 10; }));
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIPSSL=0\r", "\r\nOK\r\n");
}

TEST(Air780epTls, H010_PlaintextServerIsConnectFail) {  // MH
  TcpServer server(TcpServer::Mode::Echo);  // answers the ClientHello with itself: no TLS
  Transcript t(tls_options(server.port()));
  bring_up(t);
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",43316\r", kConnectFail);
}

TEST(Air780epTls, MultiLinkUsesTheContextOfItsIdAndNamesItsFailure) {
  TlsServer server({.identity = pki().server});
  Transcript t(tls_options(server.port()));
  upload(t, "ca.crt", pki().ca.cert_pem());
  upload(t, "other.crt", pki().other_ca.cert_pem());
  t.exchange("AT+CIPMUX=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"cacert\",1,ca.crt;+SSLCFG=\"seclevel\",1,1\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"cacert\",2,other.crt;+SSLCFG=\"seclevel\",2,1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=1,TCP,tcplab.openluat.com,57513\r", "\r\nOK\r\n\r\n1, CONNECT OK\r\n");
  t.exchange("AT+CIPSTART=2,TCP,tcplab.openluat.com,57513\r", "\r\nOK\r\n\r\n2, CONNECT FAIL\r\n");
  t.exchange("AT+CIPSEND=1,3\r", "\r\n> ");
  t.exchange("abc", "\r\n1, SEND OK\r\n");
  server.send(0, "xyz");
  t.expect("\r\n+RECEIVE,1,3:\r\nxyz\r\n");
}

TEST(Air780epTls, WrongCaIsConnectFail) {
  TlsServer server({.identity = pki().server});
  Transcript t(tls_options(server.port()));
  one_way(t, pki().other_ca.cert_pem());
  t.exchange(kStart, kConnectFail);
  EXPECT_TRUE(server.wait_failures(1));
}

TEST(Air780epTls, ExpiredServerCertificateUnlessIgnoreLocalTime) {
  TlsServer server({.identity = pki().expired});
  Transcript t(tls_options(server.port()));
  one_way(t);
  t.exchange(kStart, kConnectFail);
  t.exchange("AT+SSLCFG=\"ignorelocaltime\",0,1\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
}

TEST(Air780epTls, ServerDemandingAClientCertificateTheModuleLacks) {
  TlsServer server({.identity = pki().server, .client_ca_pem = pki().ca.cert_pem()});
  Transcript t(tls_options(server.port()));
  one_way(t);
  t.exchange("AT+SSLCFG=\"seclevel\",0,2\r", "\r\nOK\r\n");  // no clientcert configured
  t.exchange(kStart, kConnectFail);
  EXPECT_TRUE(server.wait_failures(1));
}

TEST(Air780epTls, WhatCannotStartFailsWithoutConnecting) {
  TlsServer server({.identity = pki().server});
  Transcript t(tls_options(server.port()));
  one_way(t);
  t.exchange("AT+SSLCFG=\"cacert\",0,\"missing.crt\"\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectFail);  // no such file
  upload(t, "garbage.crt", "not a certificate");
  t.exchange("AT+SSLCFG=\"cacert\",0,\"garbage.crt\"\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectFail);  // unparsable
  t.exchange("AT+SSLCFG=\"cacert\",0,\"server.crt\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"sslversion\",0,0\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectFail);  // SSL 3.0: not in OpenSSL 3
  t.exchange("AT+SSLCFG=\"sslversion\",0,4\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"ciphersuite\",0,0X003D\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_EQ(server.tcp_connections(), 1u);  // the refused ones never reached the server
  EXPECT_EQ(server.cipher(0), "AES256-SHA256");
}

// Issue 17: with no cacert, seclevel 1 verifies against the module's built-in root store (the
// host's bundle, or --ca-bundle: here the test CA), checking the name CIPSTART gave.
TEST(Air780epTls, NoCacertVerifiesAgainstTheBuiltInRoots) {
  TlsServer server({.identity = pki().server});
  TranscriptOptions o = tls_options(server.port());
  o.session = [](session::SessionConfig& c) {
    std::string error;
    c.roots = tls::RootStore::from_pem(pki().ca.cert_pem(), "test CA", error);
  };
  Transcript t(o);
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"seclevel\",0,1\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(server.wait_handshakes(1));
  Transcript wrong_name(o);
  wrong_name.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  wrong_name.exchange("AT+SSLCFG=\"seclevel\",0,1\r", "\r\nOK\r\n");
  wrong_name.exchange("AT+SSLCFG=\"hostname\",0,\"elsewhere.example\"\r", "\r\nOK\r\n");
  wrong_name.exchange(kStart, kConnectFail);  // a trusted chain for another name
}

// Issue 17: the RC4 and 3DES suites the guide lists (S0 FAQ 11) are refused at AT+SSLCFG like an
// unknown suite where the host's OpenSSL cannot negotiate them (Debian's cannot), and the context
// keeps its suite; where it can, the link runs them at OpenSSL security level 0.
TEST(Air780epTls, SuitesOpenSslLacksAreRefusedAtSslcfg) {
  TlsServer server({.identity = pki().server});
  Transcript t(tls_options(server.port()));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"ciphersuite\",0,0X002F\r", "\r\nOK\r\n");
  for (const std::uint16_t suite : {0x0005, 0x0004, 0x000A}) {
    const std::string cmd = fmt::format("AT+SSLCFG=\"ciphersuite\",0,0X{:04X}\r", suite);
    t.exchange(cmd, tls::cipher_suite_available(suite) ? "\r\nOK\r\n" : "\r\nERROR\r\n");
    if (tls::cipher_suite_available(suite)) {
      t.exchange("AT+SSLCFG=\"ciphersuite\",0,0X002F\r", "\r\nOK\r\n");
    }
  }
  t.exchange("AT+SSLCFG=\"ciphersuite\",0\r",
             "\r\n+SSLCFG: \"ciphersuite\",0,0X002F\r\n\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_EQ(server.cipher(0), "AES128-SHA");
}

TEST(Air780epTls, HandshakeStallEndsAtTheNegotiateTimeout) {
  TlsServer server({.identity = pki().server, .stall = true});
  Transcript t(tls_options(server.port()));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"negotiatetimeout\",0,10\r", "\r\nOK\r\n");
  t.exchange(kStart, "\r\nOK\r\n");
  // The TCP connect completed (the link knows its local port): the handshake clock runs.
  ASSERT_TRUE(t.poll_until([&] {
    const net::Link* link = model(t).stack().slot(0).link();
    return link && link->bound_port() != 0;
  }));
  t.advance(std::chrono::milliseconds(9999));
  t.expect_quiet();
  t.advance(std::chrono::milliseconds(1));
  t.expect("\r\nSTATE: IP STATUS\r\n\r\nCONNECT FAIL\r\n");
}

TEST(Air780epTls, HostnameParameterGivesTheNameToCheck) {
  TlsServer server({.identity = pki().server});
  Transcript t(tls_options(server.port()));
  one_way(t);
  // An address the certificate does not carry: no name check without a hostname.
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",43316\r", kConnectOk);
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  t.exchange("AT+SSLCFG=\"hostname\",0,\"wrong.example\"\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",43316\r", kConnectFail);
  t.exchange("AT+SSLCFG=\"hostname\",0,\"tcplab.openluat.com\"\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSTART=\"TCP\",\"112.125.89.8\",43316\r", kConnectOk);
}

TEST(Air780epTls, ANameTheCertificateLacksIsConnectFail) {
  TlsServer server({.identity = pki().server});
  auto o = tls_options(server.port());
  o.net = [port = server.port()](net::NetConfig& n) {
    n.routes.push_back(*net::Route::parse("other.example:57513=127.0.0.1:" + std::to_string(port)));
  };
  Transcript t(o);
  one_way(t);
  t.exchange("AT+CIPSTART=TCP,other.example,57513\r", kConnectFail);
  t.exchange("AT+SSLCFG=\"seclevel\",0,0\r", "\r\nOK\r\n");  // no verification at all
  t.exchange("AT+CIPSTART=TCP,other.example,57513\r", kConnectOk);
}

TEST(Air780epTls, VersionsFollowSslversionAndTheTls13Knob) {
  TlsServer tls13_only({.identity = pki().server, .min_version = TLS1_3_VERSION});
  {
    Transcript t(tls_options(tls13_only.port()));
    t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
    t.exchange(kStart, kConnectFail);  // the module stack stops at TLS 1.2
  }
  Transcript t(tls_options(tls13_only.port(), [](models::Profile& p) { p.tls13 = true; }));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(tls13_only.wait_handshakes(1));
  EXPECT_EQ(tls13_only.version(0), "TLSv1.3");
  t.exchange("AT+CIPCLOSE\r", "\r\nCLOSE OK\r\n");
  t.exchange("AT+SSLCFG=\"sslversion\",0,3\r", "\r\nOK\r\n");  // TLS 1.2 only
  t.exchange(kStart, kConnectFail);
}

TEST(Air780epTls, SslRequiresVersionKnob) {  // MH, V1004
  TlsServer server({.identity = pki().server});
  Transcript t(
      tls_options(server.port(), [](models::Profile& p) { p.ssl_requires_version = true; }));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectFail);
  t.exchange("AT+SSLCFG=\"sslversion\",0,4\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
}

TEST(Air780epTls, PeerCloseIsClosedUnlessTheKnobSaysCloseOk) {  // [I] OQ-32
  TlsServer server({.identity = pki().server});
  {
    Transcript t(tls_options(server.port()));
    t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
    t.exchange(kStart, kConnectOk);
    ASSERT_TRUE(server.wait_handshakes(1));
    server.close(0);
    t.expect("\r\nCLOSED\r\n");
  }
  Transcript t(
      tls_options(server.port(), [](models::Profile& p) { p.tls_close_as_close_ok = true; }));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(server.wait_handshakes(2));
  server.close(1);
  t.expect("\r\nCLOSE OK\r\n");
}

TEST(Air780epTls, CipsslZeroMakesTheNextLinkPlain) {
  TcpServer plain;
  Transcript t(tls_options(plain.port()));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPSSL=0\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  t.exchange("AT+CIPSEND=2\r", "\r\n> ");
  t.exchange("hi", "\r\nSEND OK\r\n");
  ASSERT_TRUE(plain.wait_received(0, 2));
  EXPECT_EQ(plain.received(0), "hi");
}

TEST(Air780epTls, TransparentModeAndPullModeOverTls) {
  TlsServer server({.identity = pki().server});
  Transcript t(tls_options(server.port()));
  t.exchange("AT+CIPSSL=1\r", "\r\nOK\r\n");
  t.exchange("AT+CIPRXGET=1\r", "\r\nOK\r\n");
  t.exchange(kStart, kConnectOk);
  ASSERT_TRUE(server.wait_handshakes(1));
  server.send(0, std::string(3000, 'p'));
  t.expect("\r\n+CIPRXGET: 1\r\n");
  ASSERT_TRUE(t.poll_until([&] { return model(t).stack().slot(0).buffered() == 3000; }));
  t.exchange("AT+CIPRXGET=2,1460\r",
             "\r\n+CIPRXGET: 2,1460,1540\r\n" + std::string(1460, 'p') + "\r\nOK\r\n");
  t.exchange("AT+CIPSHUT\r", "\r\nSHUT OK\r\n");
  t.exchange("AT+CIPRXGET=0;+CIPMODE=1\r", "\r\nOK\r\n");
  t.exchange(kStart, "\r\nOK\r\n\r\nCONNECT\r\n");
  ASSERT_TRUE(server.wait_handshakes(2));
  t.send("raw bytes");
  t.advance(std::chrono::milliseconds(200));  // CIPCCFG WaitTm: 2 x 100 ms of idle
  ASSERT_TRUE(t.poll_until([&] { return server.received(1) == "raw bytes"; }));
  server.send(1, "raw back");
  t.expect("raw back");
}

}  // namespace
}  // namespace cellemu::testing::air780ep_test
