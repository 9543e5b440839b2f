#include <gtest/gtest.h>

#include <openssl/evp.h>

#include "emulator/core/manual_timer_service.h"
#include "tests/unit/ppp_test_peer.h"

namespace cellemu::net::ppp {
namespace {
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::hex;
using testing::PppTestPeer;

constexpr Ipv4 kPeer = 0x0A4A9530;  // 10.74.149.48
constexpr Ipv4 kDns1 = 0xD3887032;  // 211.136.112.50
constexpr Ipv4 kDns2 = 0xD3889642;  // 211.136.150.66

// The module's session against a scripted host, on the manual clock.
class PppSessionTest : public ::testing::Test, protected PppSession::Listener {
 protected:
  PppConfig config() {
    PppConfig c;
    c.ipcp.peer = kPeer;
    c.ipcp.dns1 = kDns1;
    c.ipcp.dns2 = kDns2;
    return c;
  }
  void make(PppConfig c = {}) {
    if (c.ipcp.peer == 0) c = config();
    std::uint32_t next = 0x12345678;
    PppSession::Listener& self = *this;
    session = std::make_unique<PppSession>(
        timers, c, [next]() mutable { return next++; }, self);
  }
  void ppp_output(std::string_view bytes) override {
    wire.append(bytes);
    peer.take(bytes);
  }
  void ppp_up(const PppLinkInfo& i) override { info = i; }
  void ppp_packet(std::string_view ipv4) override { packets.emplace_back(ipv4); }
  void ppp_down(DownReason r) override {
    downs.push_back(r);
    wire_at_down = wire;
  }

  void host(std::uint16_t protocol, std::string_view info) {
    session->input(peer.frame(protocol, info));
  }
  // LCP to Opened with the host's usual request (pppd: ACCM 0, magic, PFC, ACFC).
  void open_lcp() {
    session->start();
    const auto req = peer.next();
    host(kProtoLcp, PppTestPeer::control(1, 1, hex("0206 00000000 0506 CAFEBABE 0702 0802")));
    EXPECT_EQ(peer.next().info,
              PppTestPeer::control(2, 1, hex("0206 00000000 0506 CAFEBABE 0702 0802")));
    host(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
  }
  void open_ipcp() {
    const auto req = peer.next();
    ASSERT_EQ(req.protocol, kProtoIpcp);
    EXPECT_EQ(req.info, PppTestPeer::control(1, 1, hex("0306 C0A81401")));
    host(kProtoIpcp, PppTestPeer::control(1, 1, hex("0306 0A4A9530 8106 D3887032 8306 D3889642")));
    EXPECT_EQ(peer.next().code(), 2);
    host(kProtoIpcp, PppTestPeer::control(2, req.id(), req.data()));
  }

  core::ManualTimerService timers;
  PppTestPeer peer;
  std::unique_ptr<PppSession> session;
  std::string wire;
  std::string wire_at_down;
  std::optional<PppLinkInfo> info;
  std::vector<std::string> packets;
  std::vector<DownReason> downs;
};

TEST_F(PppSessionTest, P001_FirstBytesAreTheLcpConfigureRequestId1) {
  make();
  session->start();
  // services.md §6.3, byte for byte: ACCM 0, magic, PFC, ACFC, every control character escaped.
  EXPECT_EQ(core::to_hex(wire),
            "7EFF7D23C0217D217D217D207D347D227D267D207D207D207D207D257D267D323456787D277D227D"
            "287D224CEF7E");
}

TEST_F(PppSessionTest, ConfigureRequestIsResentEvery3sTenTimesThenTheCallFails) {
  make();
  session->start();
  peer.next();
  for (int i = 1; i < 10; ++i) {
    timers.advance(seconds(3));
    ASSERT_EQ(peer.received.size(), 1u) << i;
    EXPECT_EQ(peer.next().code(), 1);
  }
  EXPECT_TRUE(downs.empty());
  timers.advance(seconds(3));
  EXPECT_TRUE(peer.received.empty());
  ASSERT_EQ(downs.size(), 1u);
  EXPECT_EQ(downs[0], DownReason::NegotiationFailed);
}

TEST_F(PppSessionTest, NegotiatesLcpAndIpcpWithTheSpecAddresses) {
  make();
  open_lcp();
  EXPECT_EQ(session->phase(), PppSession::Phase::Network);
  const auto req = peer.next();
  // The host asks for 0.0.0.0 and DNS 0.0.0.0: Naked with the PDN address and network DNS.
  host(kProtoIpcp, PppTestPeer::control(1, 7, hex("0306 00000000 8106 00000000 8306 00000000")));
  EXPECT_EQ(peer.next().info,
            PppTestPeer::control(3, 7, hex("0306 0A4A9530 8106 D3887032 8306 D3889642")));
  host(kProtoIpcp, PppTestPeer::control(1, 8, hex("0306 0A4A9530 8106 D3887032 8306 D3889642")));
  EXPECT_EQ(peer.next().code(), 2);
  EXPECT_FALSE(info);
  host(kProtoIpcp, PppTestPeer::control(2, req.id(), req.data()));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->ipcp.peer, kPeer);
  EXPECT_EQ(info->ipcp.local, 0xC0A81401u);
  EXPECT_EQ(info->ipcp.dns1, kDns1);
  EXPECT_EQ(info->ipcp.dns2, kDns2);
  EXPECT_EQ(info->lcp.peer_magic, 0xCAFEBABEu);
  EXPECT_TRUE(info->lcp.peer_acfc);
  EXPECT_TRUE(session->network_up());
}

TEST_F(PppSessionTest, IpDatagramsFlowBothWaysWithCompressedHeaders) {
  make();
  open_lcp();
  open_ipcp();
  ASSERT_TRUE(info);
  const std::string datagram = hex("4500001C0000000040110000") + "payload\x7E\x7D\x01";
  session->input(hex("7E 21") + datagram.substr(0, 0));  // a frame cut short: dropped
  host(kProtoIpv4, datagram);
  ASSERT_EQ(packets.size(), 1u);
  EXPECT_EQ(packets[0], datagram);
  wire.clear();
  ASSERT_TRUE(session->send_packet(datagram));
  EXPECT_EQ(wire.substr(0, 2), hex("7E 21"));                    // ACFC and PFC, as the host asked
  EXPECT_NE(wire.find(hex("7D5E 7D5D 01")), std::string::npos);  // ACCM 0: 0x01 is not escaped
  EXPECT_EQ(peer.next().info, datagram);
}

TEST_F(PppSessionTest, HostOptionsAreJudgedAsTheSpecSays) {
  make();
  session->start();
  peer.next();
  // MRU 1600 > 1500: Nak with 1500.
  host(kProtoLcp, PppTestPeer::control(1, 1, hex("0104 0640 0506 01020304")));
  EXPECT_EQ(peer.next().info, PppTestPeer::control(3, 1, hex("0104 05DC")));
  // Auth-Protocol and an unknown option: Rejected (Reject wins over Nak).
  host(kProtoLcp, PppTestPeer::control(1, 2, hex("0104 0640 0304 C023 1103 01")));
  EXPECT_EQ(peer.next().info, PppTestPeer::control(4, 2, hex("0304 C023 1103 01")));
  // MRU 128 and our own magic back (a looped line): Nak with a new magic.
  host(kProtoLcp, PppTestPeer::control(1, 3, hex("0104 0080 0506 12345678")));
  EXPECT_EQ(peer.next().info, PppTestPeer::control(3, 3, hex("0506 12345679")));
  host(kProtoLcp, PppTestPeer::control(1, 4, hex("0104 0080 0506 01020304")));
  EXPECT_EQ(peer.next().code(), 2);
}

TEST_F(PppSessionTest, EchoesAnswerProtocolsAreRejectedUnknownCodesTooAfterOpen) {
  make();
  open_lcp();
  peer.next();  // IPCP request
  host(kProtoLcp, PppTestPeer::control(9, 0x42, hex("CAFEBABE 0102")));
  EXPECT_EQ(peer.next().info, PppTestPeer::control(10, 0x42, hex("12345678 0102")));
  host(0x8057, PppTestPeer::control(1, 1, hex("010A 0011223344556677")));  // IPv6CP
  auto rej = peer.next();
  EXPECT_EQ(rej.code(), 8);
  EXPECT_EQ(rej.data(), hex("8057") + PppTestPeer::control(1, 1, hex("010A 0011223344556677")));
  host(0x80FD, hex("01010004"));  // CCP
  EXPECT_EQ(peer.next().data().substr(0, 2), hex("80FD"));
  host(kProtoLcp, PppTestPeer::control(0x20, 5, hex("AA")));
  rej = peer.next();
  EXPECT_EQ(rej.code(), 7);
  EXPECT_EQ(rej.data(), PppTestPeer::control(0x20, 5, hex("AA")));
  EXPECT_TRUE(downs.empty());
}

TEST_F(PppSessionTest, P009_HostTerminateIsAckedAndTheCallEndsRightAfterTheAck) {
  make();
  open_lcp();
  open_ipcp();
  wire.clear();
  host(kProtoLcp, PppTestPeer::control(5, 9, "bye"));
  ASSERT_EQ(downs.size(), 1u);
  EXPECT_EQ(downs[0], DownReason::PeerTerminated);
  EXPECT_EQ(peer.received.back().info, PppTestPeer::control(6, 9, ""));
  EXPECT_EQ(wire_at_down, wire);  // the Terminate-Ack is the last thing written
  EXPECT_EQ(wire.back(), '\x7E');
  timers.advance(seconds(30));
  EXPECT_EQ(downs.size(), 1u);
  EXPECT_FALSE(session->send_packet("x"));
}

TEST_F(PppSessionTest, ModuleTerminateWaitsAtMost3sForTheAck) {
  make();
  open_lcp();
  open_ipcp();
  peer.received.clear();
  session->terminate();
  auto req = peer.next();
  EXPECT_EQ(req.code(), 5);
  timers.advance(milliseconds(2999));
  EXPECT_TRUE(downs.empty());
  timers.advance(milliseconds(1));
  ASSERT_EQ(downs.size(), 1u);
  EXPECT_EQ(downs[0], DownReason::LocalTerminated);
  EXPECT_TRUE(peer.received.empty());  // one Terminate-Request only

  make();
  downs.clear();
  open_lcp();
  peer.received.clear();
  session->terminate();
  req = peer.next();
  peer.encoder.set_options({.accm = 0});  // the host still frames with the ACCM it agreed to
  host(kProtoLcp, PppTestPeer::control(6, req.id(), ""));
  ASSERT_EQ(downs.size(), 1u);
  EXPECT_EQ(downs[0], DownReason::LocalTerminated);
}

TEST_F(PppSessionTest, StopIsSilent) {
  make();
  open_lcp();
  wire.clear();
  session->stop();
  timers.advance(seconds(60));
  EXPECT_TRUE(wire.empty());
  EXPECT_TRUE(downs.empty());
}

PppConfig with_auth(AuthMethod method, std::optional<Credentials> expected) {
  PppConfig c;
  c.ipcp.peer = kPeer;
  c.ipcp.dns1 = kDns1;
  c.ipcp.dns2 = kDns2;
  c.lcp.auth = {method};
  c.auth.expected = std::move(expected);
  return c;
}

TEST_F(PppSessionTest, PapChecksTheConfiguredCredentials) {
  make(with_auth(AuthMethod::Pap, Credentials{"user", "pass"}));
  session->start();
  auto req = peer.next();
  EXPECT_EQ(req.data(), hex("0206 00000000 0304 C023 0506 12345678 0702 0802"));
  host(kProtoLcp, PppTestPeer::control(1, 1, hex("0506 CAFEBABE")));
  peer.next();
  host(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
  EXPECT_EQ(session->phase(), PppSession::Phase::Authenticate);
  host(kProtoPap, PppTestPeer::control(1, 1, "\x04user\x04pass"));
  EXPECT_EQ(peer.next().info, PppTestPeer::control(2, 1, std::string(1, '\0')));
  EXPECT_EQ(session->phase(), PppSession::Phase::Network);
  open_ipcp();
  ASSERT_TRUE(info && info->peer);
  EXPECT_EQ(info->peer->user, "user");
  EXPECT_EQ(info->peer->secret, "pass");
}

TEST_F(PppSessionTest, PapWithWrongPasswordIsNakedAndTheLinkTerminated) {
  make(with_auth(AuthMethod::Pap, Credentials{"user", "pass"}));
  session->start();
  auto req = peer.next();
  host(kProtoLcp, PppTestPeer::control(1, 1, hex("0506 CAFEBABE")));
  peer.next();
  host(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
  host(kProtoPap, PppTestPeer::control(1, 1, "\x04user\x05wrong"));
  EXPECT_EQ(peer.next().info, PppTestPeer::control(3, 1, std::string(1, '\0')));
  const auto term = peer.next();
  EXPECT_EQ(term.code(), 5);
  host(kProtoLcp, PppTestPeer::control(6, term.id(), ""));
  ASSERT_EQ(downs.size(), 1u);
  EXPECT_EQ(downs[0], DownReason::AuthFailed);
}

std::string md5(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), digest, &n, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), n);
}

TEST_F(PppSessionTest, ChapMd5VerifiesTheResponse) {
  make(with_auth(AuthMethod::Chap, Credentials{"user", "secret"}));
  session->start();
  auto req = peer.next();
  EXPECT_NE(req.data().find(hex("0305 C223 05")), std::string::npos);
  host(kProtoLcp, PppTestPeer::control(1, 1, hex("0506 CAFEBABE")));
  peer.next();
  host(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
  const auto challenge = peer.next();
  ASSERT_EQ(challenge.protocol, kProtoChap);
  ASSERT_EQ(challenge.code(), 1);
  const std::string value = challenge.data().substr(1, 16);
  const std::string digest =
      md5(std::string(1, static_cast<char>(challenge.id())) + "secret" + value);
  host(kProtoChap, PppTestPeer::control(2, challenge.id(), "\x10" + digest + "user"));
  EXPECT_EQ(peer.next().code(), 3);  // Success
  EXPECT_EQ(session->phase(), PppSession::Phase::Network);
}

TEST_F(PppSessionTest, HostThatRejectsAuthenticationIsHungUp) {
  make(with_auth(AuthMethod::Chap, std::nullopt));
  session->start();
  auto req = peer.next();
  host(kProtoLcp, PppTestPeer::control(4, req.id(), hex("0305 C22305")));
  req = peer.next();
  EXPECT_EQ(req.data().find(hex("0305")), std::string::npos);
  host(kProtoLcp, PppTestPeer::control(1, 1, hex("0506 CAFEBABE")));
  peer.next();
  host(kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
  EXPECT_EQ(peer.next().code(), 5);  // Terminate-Request
  timers.advance(seconds(3));
  ASSERT_EQ(downs.size(), 1u);
  EXPECT_EQ(downs[0], DownReason::AuthFailed);
}

}  // namespace
}  // namespace cellemu::net::ppp
