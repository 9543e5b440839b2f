#include "emulator/at/at_args.h"

#include <gtest/gtest.h>

namespace cellemu::at {
namespace {

TEST(AtArgs, QuotedAndBare) {
  auto a = AtArgs::parse("\"TCP\",\"60.166.18.9\",\"7500\"");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ(a->text(0), "TCP");
  EXPECT_TRUE(a->quoted(1));
  EXPECT_EQ(a->integer(2), 7500);  // quoted port accepted (LM, ST)
  auto b = AtArgs::parse("TCP,tcplab.openluat.com,57513");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->text(1), "tcplab.openluat.com");
  EXPECT_FALSE(b->quoted(1));
}

TEST(AtArgs, OmittedParameters) {
  auto a = AtArgs::parse("1,,3");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size(), 3u);
  EXPECT_TRUE(a->has(0));
  EXPECT_FALSE(a->has(1));
  auto trailing = AtArgs::parse("\"cacert\",0,");  // SSLCFG erase form
  ASSERT_TRUE(trailing);
  EXPECT_EQ(trailing->size(), 3u);
  EXPECT_FALSE(trailing->has(2));
}

TEST(AtArgs, SpacesAroundCommasIgnored) {  // OQ-51
  auto a = AtArgs::parse(" 1 , \"a b\" ,  7 ");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->int_in(0, 0, 5), 1);
  EXPECT_EQ(a->text(1), "a b");
  EXPECT_EQ(a->integer(2), 7);
}

TEST(AtArgs, CommaInsideQuotes) {
  auto a = AtArgs::parse("\"a,b\",2");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size(), 2u);
  EXPECT_EQ(a->text(0), "a,b");
}

TEST(AtArgs, IntegersAreStrict) {
  auto a = AtArgs::parse("12x,-3,99999999999999999999,+5");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->integer(0));
  EXPECT_EQ(a->integer(1), -3);
  EXPECT_FALSE(a->integer(2));
  EXPECT_EQ(a->integer(3), 5);
  EXPECT_FALSE(a->int_in(1, 0, 10));
}

TEST(AtArgs, RawFromKeepsCommas) {  // AT^HEARTBEAT=0,a,b (OQ-34)
  auto a = AtArgs::parse("0,tcp,test,1");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->raw_from(1), "tcp,test,1");
}

TEST(AtArgs, UnbalancedQuote) {
  EXPECT_FALSE(AtArgs::parse("\"abc,1"));
}

TEST(AtArgs, EmptyText) {
  auto a = AtArgs::parse("");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size(), 0u);
}

}  // namespace
}  // namespace cellemu::at
