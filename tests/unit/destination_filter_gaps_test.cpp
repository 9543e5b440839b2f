// --allow / --deny without gaps (issue 14 item 5): the unspecified address and IPv4-mapped IPv6
// cannot sidestep a rule.
#include <gtest/gtest.h>

#include "net/destination_filter.h"

namespace cellemu::net {
namespace {

boost::asio::ip::address gap_ip(const char* s) {
  return boost::asio::ip::make_address(s);
}

DestinationFilter filter_of(std::initializer_list<std::pair<bool, const char*>> rules) {
  DestinationFilter f;
  std::string error;
  for (const auto& [allow, rule] : rules) {
    EXPECT_TRUE(allow ? f.allow(rule, error) : f.deny(rule, error)) << error;
  }
  return f;
}

TEST(DestinationFilterGaps, TheUnspecifiedAddressIsTheLoopbackItReaches) {
  const auto f = filter_of({{false, "127.0.0.0/8"}});
  for (const char* sneaky :
       {"0.0.0.0", "0.1.2.3", "::", "::ffff:0.0.0.0", "::ffff:127.0.0.1", "::1", "127.0.0.1"}) {
    EXPECT_FALSE(f.permits({}, gap_ip(sneaky))) << sneaky;
  }
  EXPECT_TRUE(f.permits({}, gap_ip("10.0.0.1")));
  EXPECT_TRUE(f.permits({}, gap_ip("2001:db8::1")));
  // Allowing the loopback allows what reaches it, and nothing else.
  const auto only_one = filter_of({{true, "127.0.0.1/32"}});
  EXPECT_TRUE(only_one.permits({}, gap_ip("0.0.0.0")));
  EXPECT_TRUE(only_one.permits({}, gap_ip("::ffff:127.0.0.1")));
  EXPECT_FALSE(only_one.permits({}, gap_ip("127.0.0.2")));
  EXPECT_FALSE(only_one.permits({}, gap_ip("::ffff:127.0.0.2")));
}

TEST(DestinationFilterGaps, MappedRulesMatchPlainAddressesAndTheReverse) {
  const auto mapped_deny = filter_of({{false, "::ffff:127.0.0.0/104"}});
  EXPECT_FALSE(mapped_deny.permits({}, gap_ip("127.0.0.1")));
  EXPECT_FALSE(mapped_deny.permits({}, gap_ip("0.0.0.0")));
  EXPECT_TRUE(mapped_deny.permits({}, gap_ip("10.1.1.1")));
  const auto mapped_allow = filter_of({{true, "::ffff:10.0.0.0/104"}});
  EXPECT_TRUE(mapped_allow.permits({}, gap_ip("10.2.3.4")));
  EXPECT_FALSE(mapped_allow.permits({}, gap_ip("11.2.3.4")));
  const auto plain_deny = filter_of({{false, "10.0.0.0/8"}});
  EXPECT_FALSE(plain_deny.permits({}, gap_ip("::ffff:10.9.9.9")));
  EXPECT_TRUE(plain_deny.permits({}, gap_ip("::ffff:11.9.9.9")));
}

}  // namespace
}  // namespace cellemu::net
