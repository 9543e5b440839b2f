// NM28 SSL sockets through the real binary and its pty with certificates preloaded through
// --fs-dir (nm28.md §4, S3 §3.2): the whole SSL flow over real TLS, mutual TLS, a symlink planted
// in the folder, and 1 MiB each way.
#include <unistd.h>

#include <filesystem>

#include "tests/integration/nm28_host.h"
#include "tests/support/fixture_support.h"
#include "tests/support/module_pki.h"
#include "tests/support/tls_server.h"

namespace cellemu::testing {
namespace {
using namespace std::chrono_literals;
namespace stdfs = std::filesystem;

constexpr const char* kOpenSsl1 = "AT+IPOPEN=1,\"TCP\",\"139.159.199.233\",9019,0,1\r";  // S3 §3.2

const ModulePki& pki() {
  return ModulePki::get();
}

// A --fs-dir folder holding the test CA and the module's identity, as a user preloads them.
class Nm28TlsPty : public ::testing::Test {
 protected:
  void SetUp() override {
    stdfs::create_directories(dir_ / "certs");
    write_text_file((dir_ / "ca.crt").string(), pki().ca.cert_pem());
    write_text_file((dir_ / "certs" / "client.crt").string(), pki().client.cert_pem);
    write_text_file((dir_ / "certs" / "client.key").string(), pki().client.key_pem);
  }
  void TearDown() override { stdfs::remove_all(base_); }

  void start(std::uint16_t tls_port, std::vector<std::string> more = {}) {
    std::vector<std::string> args{
        "--model",      "nm28",
        "--log-level",  "warn",
        "--dns",        "static",
        "--time-scale", std::to_string(kTimeScale),
        "--fs-dir",     dir_.string(),
        "--route",      "139.159.199.233:9019=127.0.0.1:" + std::to_string(tls_port)};
    args.insert(args.end(), more.begin(), more.end());
    emu = std::make_unique<EmulatorProcess>(args);
    ASSERT_TRUE(emu->started());
    host = std::make_unique<Nm28Host>(emu->pty());
  }

  // S3 §3.2's configuration of context 1, plus the CA that seclevel 1 verifies against.
  void configure_one_way() {
    host->exchange("AT+SSLCFG=\"sslversion\",1,\"3\"\r", "\r\nOK\r\n");
    host->exchange("AT+SSLCFG=\"ciphersuite\",1,\"0XFFFF\"\r", "\r\nOK\r\n");
    host->exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
    host->exchange("AT+SSLCFG=\"cacert\",1,\"ca.crt\"\r", "\r\nOK\r\n");
  }

  // One "\r\n+SSLURC: \"recv\",1,<len>\r\n<payload>" push; returns the payload.
  std::string ssl_push() {
    host->expect("\r\n+SSLURC: \"recv\",1,");
    const std::size_t n = std::stoul(host->until("\r\n"));
    EXPECT_LE(n, 1460u);
    return host->take(n);
  }

  stdfs::path base_ = temp_path("nm28-tls");
  stdfs::path dir_ = base_ / "fs";
  std::unique_ptr<EmulatorProcess> emu;
  std::unique_ptr<Nm28Host> host;
};

TEST_F(Nm28TlsPty, S3Section32FlowWithPreloadedCertificates) {
  TlsServer server({.identity = pki().server});
  start(server.port());
  configure_one_way();
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  host->exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  host->exchange("AT+IPSEND=1,10\r", "\r\nSSLNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
  host->exchange("1234567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  server.send(0, "1234567890");
  host->expect("\r\n+SSLREAD: 1\r\n");
  host->exchange("AT+IPRD=1,10\r", "\r\n+SSLRECV: 1,10\r\n1234567890\r\nOK\r\n");
  host->exchange("AT+IPSWTMD=1,1\r", "\r\nOK\r\n");
  host->exchange("AT+IPSENDEX=1,\"313233\"\r", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  server.send(0, "12345678901234");
  host->expect("\r\n+SSLURC: \"recv\",1,14\r\n12345678901234");
  host->exchange("AT+IPSWTMD=1,2\r", "\r\nCONNECT\r\n");
  host->send("123456789");
  ASSERT_TRUE(server.wait_received(0, 22));
  EXPECT_EQ(server.received(0), "1234567890123123456789");
  server.send(0, "raw down");
  host->expect("raw down");
  host->escape();
  host->exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
}

// Issue 17: S3 §3.2 exactly as printed (seclevel 1, no cacert) against a server the module's
// built-in root store trusts: the test CA made "built in" with --ca-bundle.
TEST_F(Nm28TlsPty, S3Section32AsPrintedWithTheCaBundleAsBuiltInRoots) {
  TlsServer server({.identity = pki().server});
  const std::string bundle = (base_ / "bundle.pem").string();
  write_text_file(bundle, pki().other_ca.cert_pem() + pki().ca.cert_pem());
  start(server.port(), {"--ca-bundle", bundle});
  host->exchange("AT+SSLCFG=\"sslversion\",1,\"3\"\r", "\r\nOK\r\n");
  host->exchange("AT+SSLCFG=\"ciphersuite\",1,\"0XFFFF\"\r", "\r\nOK\r\n");
  host->exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  host->exchange("AT+IPSWTMD=1,0\r", "\r\nOK\r\n");
  host->exchange("AT+IPSEND=1,10\r", "\r\nSSLNETWRITE: 1,10\r\n\r\nCONNECT\r\n");
  host->exchange("1234567890", "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  server.send(0, "1234567890");
  host->expect("\r\n+SSLREAD: 1\r\n");
  host->exchange("AT+IPRD=1,10\r", "\r\n+SSLRECV: 1,10\r\n1234567890\r\nOK\r\n");
  host->exchange("AT+IPCLOSE=1\r", "\r\n+IPCLOSE: 1\r\n\r\nOK\r\n");
  ASSERT_TRUE(server.wait_received(0, 10));
  EXPECT_EQ(server.received(0), "1234567890");
}

// The default store is the host's system bundle: the test CA is not in it, so the same flow
// fails the handshake; a --ca-bundle that holds no certificate stops cellemu before it starts.
TEST_F(Nm28TlsPty, SystemBundleByDefaultAndABadCaBundleStopsStartUp) {
  TlsServer server({.identity = pki().server});
  start(server.port());
  host->exchange("AT+SSLCFG=\"seclevel\",1,\"1\"\r", "\r\nOK\r\n");
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");
  const std::string junk = (base_ / "junk.pem").string();
  write_text_file(junk, "not a certificate\n");
  const auto r = run_cellemu({"--ca-bundle", junk});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--ca-bundle: " + junk + " holds no PEM certificate"), std::string::npos)
      << r.err;
}

TEST_F(Nm28TlsPty, MutualTlsWithTheModuleIdentityFromTheFolder) {
  TlsServer server({.identity = pki().server, .client_ca_pem = pki().ca.cert_pem()});
  start(server.port());
  configure_one_way();
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");  // asked for a certificate
  host->exchange("AT+SSLCFG=\"clientcert\",1,\"/certs/client.crt\"\r", "\r\nOK\r\n");
  host->exchange("AT+SSLCFG=\"clientkey\",1,\"C:/certs/client.key\"\r", "\r\nOK\r\n");
  host->exchange("AT+SSLCFG=\"seclevel\",1,\"2\"\r", "\r\nOK\r\n");
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  EXPECT_NE(server.client_subject(0).find("CN=module-001"), std::string::npos);
  EXPECT_NE(emu->logs().find("+SSLOPEN: 1,552"), std::string::npos) << emu->logs();
}

TEST_F(Nm28TlsPty, ASymlinkPlantedInTheFolderIsNeverFollowed) {
  TlsServer server({.identity = pki().server});
  const stdfs::path outside = base_ / "outside-ca.crt";
  write_text_file(outside.string(), pki().ca.cert_pem());
  stdfs::create_symlink(outside, dir_ / "link.crt");
  start(server.port());
  configure_one_way();
  host->exchange("AT+SSLCFG=\"cacert\",1,\"link.crt\"\r", "\r\nOK\r\n");
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,552\r\n");
  EXPECT_EQ(server.tcp_connections(), 0u);
  EXPECT_NE(emu->logs().find("\\\"link.crt\\\" is not in the module file system"),
            std::string::npos)
      << emu->logs();
  host->exchange("AT+SSLCFG=\"cacert\",1,\"ca.crt\"\r", "\r\nOK\r\n");
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
}

TEST_F(Nm28TlsPty, OneMebibyteEachWayInDirectMode) {
  TlsServer server({.identity = pki().server});
  start(server.port());
  configure_one_way();
  host->exchange(kOpenSsl1, "\r\nOK\r\n\r\n+SSLOPEN: 1,0\r\n");
  ASSERT_TRUE(server.wait_handshakes(1));
  const std::string down = test_data(kMiB, 61);
  server.send(0, down);
  std::string got;
  while (got.size() < down.size() && !::testing::Test::HasFailure()) got += ssl_push();
  EXPECT_TRUE(got == down) << got.size();
  const std::string up = test_data(kMiB, 62);
  for (std::size_t off = 0; off < up.size(); off += 1460) {
    const std::string piece = up.substr(off, 1460);
    const std::string n = std::to_string(piece.size());
    host->exchange("AT+IPSEND=1," + n + "\r\n", "\r\nSSLNETWRITE: 1," + n + "\r\n\r\nCONNECT\r\n");
    host->exchange(piece, "\r\nSEND SUCCESS\r\n\r\nOK\r\n");
  }
  ASSERT_TRUE(server.wait_received(0, kMiB, 20s));
  EXPECT_TRUE(server.received(0) == up);
}

}  // namespace
}  // namespace cellemu::testing
