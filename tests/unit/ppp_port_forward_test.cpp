// The profile's ppp_forwards entries (issue 18: inbound ports to the PPP host).
#include "net/ppp/port_forward.h"

#include <gtest/gtest.h>

namespace cellemu::net::ppp {
namespace {

TEST(PppPortForward, ParsesTheProfileForms) {
  const auto tcp = PortForward::parse("tcp:8080:80", nullptr);
  ASSERT_TRUE(tcp);
  EXPECT_EQ(tcp->text(), "tcp:127.0.0.1:8080:80");
  const auto udp = PortForward::parse("udp:0.0.0.0:5683:5684", nullptr);
  ASSERT_TRUE(udp);
  EXPECT_EQ(udp->protocol, Protocol::Udp);
  EXPECT_EQ(udp->peer_port, 5684);
  std::string why;
  EXPECT_FALSE(PortForward::parse("sctp:1:2", &why));
  EXPECT_EQ(why, "protocol must be tcp or udp");
  EXPECT_FALSE(PortForward::parse("tcp:0:80", &why));
  EXPECT_FALSE(PortForward::parse("tcp:localhost:1:2", &why));
  EXPECT_FALSE(PortForward::parse("tcp:80", &why));
}

}  // namespace
}  // namespace cellemu::net::ppp
