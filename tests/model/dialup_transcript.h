#pragma once

// A modem of either model on an in-memory serial line, with the host end of a PPP link: the P-
// cases of services-cases.md (dial-up) as transcripts.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/serial_bytes.h"
#include "tests/support/transcript.h"
#include "tests/unit/ppp_test_peer.h"

namespace cellemu::testing {

class DialupTranscript {
 public:
  explicit DialupTranscript(TranscriptOptions options = {}) : t(std::move(options)) {}

  // The dial command answers exactly CONNECT; what follows it is PPP.
  void dial(std::string_view command = "ATD*99#\r", std::string_view echo = "") {
    t.send(command);
    const std::string out = t.take();
    const std::string connect = std::string(echo) + "\r\nCONNECT\r\n";
    ASSERT_GT(out.size(), connect.size());
    ASSERT_TRUE(same_bytes(out.substr(0, connect.size()), connect));
    ASSERT_EQ(out[connect.size()], '\x7E');
    peer.take(out.substr(connect.size()));
  }
  void send_frame(std::uint16_t protocol, std::string_view info) {
    t.send(peer.frame(protocol, info));
  }
  // LCP and IPCP as a host without authentication negotiates them; the host asks with
  // `ipcp_options` (by default its address only) and takes what the module Naks (its address and
  // DNS servers), which lands in `nak` when given.
  void negotiate(const std::string& ipcp_options = hex("0306 00000000"),
                 std::string* nak = nullptr) {
    const auto req = peer.next();
    ASSERT_EQ(req.protocol, net::ppp::kProtoLcp);
    send_frame(net::ppp::kProtoLcp, PppTestPeer::control(1, 1, hex("0206 00000000 0506 CAFEBABE")));
    send_frame(net::ppp::kProtoLcp, PppTestPeer::control(2, req.id(), req.data()));
    peer.take(t.take());
    peer.encoder.set_options({.accm = 0});
    ASSERT_EQ(peer.next().code(), 2);  // our Configure-Ack
    const auto ipcp = peer.next();
    ASSERT_EQ(ipcp.protocol, net::ppp::kProtoIpcp);
    send_frame(net::ppp::kProtoIpcp, PppTestPeer::control(2, ipcp.id(), ipcp.data()));
    send_frame(net::ppp::kProtoIpcp, PppTestPeer::control(1, 1, ipcp_options));
    peer.take(t.take());
    const auto naked = peer.next();
    ASSERT_EQ(naked.code(), 3);
    if (nak) *nak = naked.data();
    send_frame(net::ppp::kProtoIpcp, PppTestPeer::control(1, 2, naked.data()));
    peer.take(t.take());
    ASSERT_EQ(peer.next().code(), 2);
    peer.received.clear();
  }
  // +++ with its guard times (LM +++.md): OK, online command state.
  void escape() {
    t.advance(std::chrono::seconds(1));
    t.send("+++");
    t.advance(std::chrono::milliseconds(600));
    t.expect("\r\nOK\r\n");
  }
  // The host's LCP Terminate-Request: Terminate-Ack, then NO CARRIER right after its flag.
  void host_terminates() {
    send_frame(net::ppp::kProtoLcp, PppTestPeer::control(5, 9, ""));
    t.advance(core::Duration::zero());
    const std::string out = t.take();
    const std::string tail = "\r\nNO CARRIER\r\n";
    ASSERT_GT(out.size(), tail.size());
    EXPECT_TRUE(same_bytes(out.substr(out.size() - tail.size()), tail));
    EXPECT_EQ(out[out.size() - tail.size() - 1], '\x7E');
    peer.take(out.substr(0, out.size() - tail.size()));
    EXPECT_EQ(peer.next().info, PppTestPeer::control(6, 9, ""));
  }

  Transcript t;
  PppTestPeer peer;
};

}  // namespace cellemu::testing
