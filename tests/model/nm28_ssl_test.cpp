// NM28 SSL (nm28.md §3.4, §4; conformance cases N-021...N-025): AT+SSLCFG, and sockets opened
// with Ssl_Enable=1 running real TLS with a real OpenSSL server, certificates preloaded in the
// module file system, failures as +SSLOPEN: <id>,552 (OQ-44).
#include "tests/model/nm28_transcript.h"
#include "tests/support/module_pki.h"
#include "tests/support/tls_server.h"
#include "tls/root_store.h"
#include "tls/tls_stream_factory.h"

namespace cellemu::testing {
namespace {

constexpr const char* kOpenSsl1 = "AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",9019,0,1\r";  // S3 §3.2

const ModulePki& pki() {
  return ModulePki::get();
}

// An NM28 whose network sends S3's SSL server (139.159.199.233:9019) to `port`, with the test
// CA preloaded as "ca.crt" (as --fs-dir would hold it).
// `roots`: the module's built-in root store (--ca-bundle); none unless given.
struct SslNm28 {
  explicit SslNm28(std::uint16_t port, std::function<void(models::Profile&)> profile = {},
                   std::shared_ptr<const tls::RootStore> roots = nullptr)
      : x(Nm28Options{.profile = std::move(profile),
                      .net =
                          [port](net::NetConfig& n) {
                            n.routes.push_back(*net::Route::parse(
                                "139.159.199.233:9019=127.0.0.1:" + std::to_string(port)));
                          },
                      .session = [roots](session::SessionConfig& c) { c.roots = roots; }}) {
    preload("ca.crt", pki().ca.cert_pem());
    preload("other.crt", pki().other_ca.cert_pem());
  }
  void preload(const std::string& name, const std::string& data) {
    auto& fs = x.model().fs();
    ASSERT_EQ(fs.create(name), fs::FsError::None);
    ASSERT_EQ(fs.write(name, data, false), fs::FsError::None);
  }
  // N-021 and the CA: S3 §3.2's lines plus the cacert that seclevel 1 verifies against.
  void configure(int ctx, const std::string& ca = "ca.crt") {
    const std::string n = std::to_string(ctx);
    x.t.exchange("AT+SSLCFG=\"sslversion\"," + n + ",\"3\"\r", "\r\nOK\r\n");
    x.t.exchange("AT+SSLCFG=\"ciphersuite\"," + n + ",\"0XFFFF\"\r", "\r\nOK\r\n");
    x.t.exchange("AT+SSLCFG=\"seclevel\"," + n + ",\"1\"\r", "\r\nOK\r\n");
    x.t.exchange("AT+SSLCFG=\"cacert\"," + n + ",\"" + ca + "\"\r", "\r\nOK\r\n");
  }
  Nm28Transcript x;
};

TEST(Nm28Ssl, N021_SslConfiguration) {
  Nm28Transcript x;
  x.t.exchange("AT+SSLCFG=\"sslversion\",1,\"3\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"ciphersuite\",1,\"0XFFFF\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
}

TEST(Nm28Ssl, QueryFormsAndS3Examples) {  // [I] OQ-47; S3 §2.4 examples
  Nm28Transcript x;
  x.t.exchange("AT+SSLCFG=\"sslversion\",0,\"4\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"ciphersuite\",0,\"0XFFFF\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"seclevel\",0,\"0\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"negotiatetime\",0,\"300\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"cacert\",0,\"ca.crt\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"seclevel\",0,\"1\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"ignorelocaltime\",0,\"1\"\r", "\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"cacert\",0\r", "\r\n+SSLCFG: \"cacert\",0,\"ca.crt\"\r\n\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"seclevel\",0\r", "\r\n+SSLCFG: \"seclevel\",0,1\r\n\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"negotiatetime\",7\r",
               "\r\n+SSLCFG: \"negotiatetime\",7,300\r\n\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG=\"ciphersuite\",7\r",
               "\r\n+SSLCFG: \"ciphersuite\",7,0XFFFF\r\n\r\nOK\r\n");
  x.t.exchange("AT+SSLCFG?\r", "\r\nOK\r\n");
}

TEST(Nm28Ssl, RefusalsArePlainError) {  // S3 "失败：ERROR"
  Nm28Transcript x;
  x.t.exchange("AT+CMEE=1\r", "\r\nOK\r\n");
  const char* const bad[] = {
      "AT+SSLCFG=\"seclevel\",8,\"1\"\r",          // contexts 0-7
      "AT+SSLCFG=\"hostname\",1,\"a.example\"\r",  // Air780EP parameters are not NM28's
      "AT+SSLCFG=\"negotiatetimeout\",1,\"30\"\r",
      "AT+SSLCFG=\"clientrandom\",1,\"00\"\r",
      "AT+SSLCFG=\"negotiatetime\",1,\"9\"\r",
      "AT+SSLCFG=\"sslversion\",1,\"5\"\r",
      "AT+SSLCFG=\"cacert\",1,\r",  // no erase form on the NM28
      "AT+SSLCFG=\"cacert\",1,\"../../etc/ssl/ca.pem\"\r",
      "AT+SSLCFG\r",
  };
  for (const char* cmd : bad) x.t.exchange(cmd, "\r\nERROR\r\n");
}

// Issue 17: S3 §2.4 lists RC4 and 3DES suites; where the host's OpenSSL lacks them (Debian's
// does) AT+SSLCFG refuses them as it refuses an unknown suite, and the context keeps its value.
TEST(Nm28Ssl, SuitesOpenSslLacksAreRefusedAtSslcfg) {
  Nm28Transcript x;
  x.t.exchange("AT+SSLCFG=\"ciphersuite\",2,\"0X0035\"\r", "\r\nOK\r\n");
  for (const char* suite : {"0X0005", "0X0004", "0X000A"}) {
    const auto value = static_cast<std::uint16_t>(std::stoul(suite, nullptr, 16));
    if (tls::cipher_suite_available(value)) continue;
    x.t.exchange(std::string("AT+SSLCFG=\"ciphersuite\",2,\"") + suite + "\"\r", "\r\nERROR\r\n");
  }
  x.t.exchange("AT+SSLCFG=\"ciphersuite\",2,\"0X1234\"\r", "\r\nERROR\r\n");  // unknown
  x.t.exchange("AT+SSLCFG=\"ciphersuite\",2\r",
               "\r\n+SSLCFG: \"ciphersuite\",2,0X0035\r\n\r\nOK\r\n");
}

TEST(Nm28Ssl, N022toN025_SslFlowOverRealTls) {  // S3 §3.2 with the CA configured
  TlsServer server({.identity = pki().server});
  SslNm28 s(server.port());
  s.configure(1);
  auto& t = s.x.t;
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");  // N-022
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_EQ(server.version(0), "TLSv1.2");
  t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");  // N-023
  t.exchange("AT+IPSEND=1,10\r", "\r\nSSLNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
  t.exchange("1234567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  server.send(0, "1234567890");  // N-024
  t.expect("\r\n+SSLREAD: 1\r\n");
  ASSERT_TRUE(s.x.wait_buffered(1, 10));
  t.exchange("AT+IPRD=1,10\r", "\r\n+SSLRECV: 1,10\r\n1234567890\r\nOK\r\n");
  t.exchange("AT+IPSWTMD=1,1\r", "\r\nOK\r\n");  // N-025
  server.send(0, "12345678901234");
  t.expect("\r\n+SSLURC: \"recv\",1,14\r\n12345678901234");
  t.exchange("AT+IPSENDEX=1,\"313233\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.received(0).size() >= 13; }));
  EXPECT_EQ(server.received(0), "1234567890123");
  t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,139.159.199.233,9019,0,2,1\r\n\r\nOK\r\n");
  server.send(0, std::string(3000, 'z'));  // pushed in 1460-byte chunks
  t.expect("\r\n+SSLURC: \"recv\",1,1460\r\n" + std::string(1460, 'z') +
           "\r\n+SSLURC: \"recv\",1,1460\r\n" + std::string(1460, 'z') +
           "\r\n+SSLURC: \"recv\",1,80\r\n" + std::string(80, 'z'));
  server.close(0);
  t.expect("\r\n+SSLURC: \"closed\",1\r\n");
  t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
}

std::shared_ptr<const tls::RootStore> roots_of(const TestCa& ca) {
  std::string error;
  auto roots = tls::RootStore::from_pem(ca.cert_pem(), "test CA", error);
  EXPECT_TRUE(roots) << error;
  return roots;
}

// Issue 17: S3 §3.2 as printed (seclevel 1, no cacert) verifies against the module's built-in
// root store; here the test CA is that store, as --ca-bundle makes it.
TEST(Nm28Ssl, N022_S3FlowAsPrintedVerifiesAgainstTheBuiltInRoots) {
  TlsServer server({.identity = pki().server});
  SslNm28 s(server.port(), {}, roots_of(pki().ca));
  auto& t = s.x.t;
  t.exchange("AT+SSLCFG=\"sslversion\",1,\"3\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"ciphersuite\",1,\"0XFFFF\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  t.exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  t.exchange("AT+IPSEND=1,10\r", "\r\nSSLNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
  t.exchange("1234567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  ASSERT_TRUE(t.poll_until([&] { return server.received(0).size() >= 10; }));
  t.exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
}

// The built-in store does not trust a server another CA signed, and a configured cacert still
// replaces it.
TEST(Nm28Ssl, BuiltInRootsRefuseOtherCasAndCacertReplacesThem) {
  TlsServer server({.identity = pki().server});
  SslNm28 s(server.port(), {}, roots_of(pki().other_ca));
  auto& t = s.x.t;
  t.exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");
  t.exchange("AT+SSLCFG=\"cacert\",1,\"ca.crt\"\r", "\r\nOK\r\n");
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
}

// No built-in store at all (a host without a CA bundle): nothing to verify against.
TEST(Nm28Ssl, WithoutBuiltInRootsSeclevel1NeedsACacert) {
  TlsServer server({.identity = pki().server});
  SslNm28 s(server.port());
  s.x.t.exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
  s.x.t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");
  EXPECT_EQ(server.tcp_connections(), 0u);
  s.x.t.exchange("AT+SSLCFG=\"seclevel\",1,\"0\"\r", "\r\nOK\r\n");  // no authentication
  s.x.t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
}

TEST(Nm28Ssl, HandshakeFailuresAre552AndTheSocketIsFreeAgain) {  // [I] OQ-44
  TlsServer server({.identity = pki().expired, .client_ca_pem = pki().ca.cert_pem()});
  SslNm28 s(server.port());
  auto& t = s.x.t;
  s.configure(1, "other.crt");
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");  // wrong CA
  t.exchange("AT+IPSTATE=1,1\r", "\r\n+IPSTATE: 1,TCP,,0,0,0,0\r\n\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"cacert\",1,\"ca.crt\"\r", "\r\nOK\r\n");
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");  // expired
  t.exchange("AT+SSLCFG=\"ignorelocaltime\",1,1\r", "\r\nOK\r\n");
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");  // no client certificate
  s.preload("c.crt", pki().client.cert_pem);
  s.preload("c.key", pki().client.key_pem);
  t.exchange("AT+SSLCFG=\"clientcert\",1,\"c.crt\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"clientkey\",1,\"c.key\"\r", "\r\nOK\r\n");
  t.exchange("AT+SSLCFG=\"seclevel\",1,2\r", "\r\nOK\r\n");
  t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_NE(server.client_subject(0).find("CN=module-001"), std::string::npos);
}

TEST(Nm28Ssl, EachSocketUsesTheContextWithItsNumber) {  // S3 §3.2 "socketid"
  TlsServer server({.identity = pki().server});
  SslNm28 s(server.port());
  auto& t = s.x.t;
  s.configure(2);
  s.configure(3, "other.crt");
  t.exchange("AT+IPOPEN=2,\"TCP\",\"139.159.199.233\",9019,0,1\r",
             "\r\nOK\r\n\r\n+SSLOPEN: 2,0\r\n");
  t.exchange("AT+IPOPEN=3,\"TCP\",\"139.159.199.233\",9019,0,1\r",
             "\r\nOK\r\n\r\n+SSLOPEN: 3,552\r\n");
  t.exchange("AT+SSLCFG=\"sslversion\",4,\"0\"\r", "\r\nOK\r\n");  // SSL 3.0: refused, no connect
  t.exchange("AT+IPOPEN=4,\"TCP\",\"139.159.199.233\",9019,0,1\r",
             "\r\nOK\r\n\r\n+SSLOPEN: 4,552\r\n");
  t.exchange("AT+SSLCFG=\"cacert\",5,\"missing.crt\";+SSLCFG=\"seclevel\",5,1\r", "\r\nOK\r\n");
  t.exchange("AT+IPOPEN=5,\"TCP\",\"139.159.199.233\",9019,0,1\r",
             "\r\nOK\r\n\r\n+SSLOPEN: 5,552\r\n");
  EXPECT_EQ(server.tcp_connections(), 2u);
}

TEST(Nm28Ssl, Tls13KnobReachesTls13) {
  TlsServer server({.identity = pki().server});
  SslNm28 s(server.port(), [](models::Profile& p) { p.tls13 = true; });
  s.x.t.exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");  // context 1 never touched: all
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_EQ(server.version(0), "TLSv1.3");
}

}  // namespace
}  // namespace cellemu::testing
