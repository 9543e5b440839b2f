#include "net/destination_filter.h"

#include <gtest/gtest.h>

namespace cellemu::net {
namespace {

boost::asio::ip::address ip(const char* s) {
  return boost::asio::ip::make_address(s);
}

TEST(DestinationFilter, NoRulesAllowsEverything) {
  DestinationFilter f;
  EXPECT_TRUE(f.permits({"anything"}, ip("8.8.8.8")));
}

TEST(DestinationFilter, AllowListOnly) {
  DestinationFilter f;
  std::string error;
  ASSERT_TRUE(f.allow("127.0.0.0/8", error)) << error;
  ASSERT_TRUE(f.allow("*.openluat.com", error)) << error;
  EXPECT_TRUE(f.permits({"localhost"}, ip("127.0.0.1")));
  EXPECT_TRUE(f.permits({"tcplab.openluat.com"}, ip("1.2.3.4")));
  EXPECT_FALSE(f.permits({"openluat.com.evil"}, ip("1.2.3.4")));
  EXPECT_FALSE(f.permits({"example.com"}, ip("93.184.216.34")));
  EXPECT_TRUE(f.permits({"x"}, ip("::ffff:127.0.0.1")));  // v4-mapped
}

TEST(DestinationFilter, DenyWinsAndIsCheckedOnTheResolvedAddress) {
  DestinationFilter f;
  std::string error;
  ASSERT_TRUE(f.allow("0.0.0.0/0", error));
  ASSERT_TRUE(f.deny("169.254.169.254", error));  // cloud metadata
  ASSERT_TRUE(f.deny("10.0.0.0/8", error));
  EXPECT_FALSE(f.permits({"innocent.example"}, ip("169.254.169.254")));
  EXPECT_FALSE(f.permits({"a"}, ip("10.20.30.40")));
  EXPECT_TRUE(f.permits({"a"}, ip("11.0.0.1")));
}

TEST(DestinationFilter, BadRules) {
  DestinationFilter f;
  std::string error;
  EXPECT_FALSE(f.allow("10.0.0.0/33", error));
  EXPECT_FALSE(f.deny("bad host!", error));
  EXPECT_FALSE(f.deny("", error));
  EXPECT_NE(error.find("neither"), std::string::npos) << error;
}

}  // namespace
}  // namespace cellemu::net
