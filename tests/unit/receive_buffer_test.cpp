// The module sockets' receive store (models/common), without I/O.
#include "models/common/receive_buffer.h"

#include <gtest/gtest.h>

namespace cellemu::models {
namespace {

TEST(ReceiveBuffer, NoticeOncePerNonEmptyBuffer) {  // S3 §2.7
  ReceiveBuffer b(16);
  EXPECT_FALSE(b.needs_notice());
  b.store("ABCDEFGHIJ");
  EXPECT_TRUE(b.needs_notice());
  b.mark_announced();
  b.store("KLMNO");
  EXPECT_FALSE(b.needs_notice());
  EXPECT_EQ(b.read(12), "ABCDEFGHIJKL");
  EXPECT_FALSE(b.needs_notice());
  EXPECT_EQ(b.read(100), "MNO");
  b.store("R");
  EXPECT_TRUE(b.needs_notice());
}

TEST(ReceiveBuffer, CapacityCountsReadableAndHeldBytes) {
  ReceiveBuffer b(10);
  b.store("abcd");
  b.hold("efgh");
  EXPECT_EQ(b.size(), 8u);
  EXPECT_TRUE(b.fits(2));
  EXPECT_FALSE(b.fits(3));
  EXPECT_FALSE(b.full());
  b.hold("ij");
  EXPECT_TRUE(b.full());
  EXPECT_EQ(b.read(100), "abcd");  // held bytes are not read by AT+IPRD
  EXPECT_EQ(b.take_held(), "efghij");
}

TEST(ReceiveBuffer, HeldBytesBecomeReadableUnannounced) {  // OQ-46
  ReceiveBuffer b(100);
  b.hold("late");
  EXPECT_FALSE(b.needs_notice());
  b.make_held_readable();
  EXPECT_TRUE(b.needs_notice());
  EXPECT_EQ(b.read(2), "la");
  b.clear();
  EXPECT_EQ(b.size(), 0u);
  EXPECT_FALSE(b.needs_notice());
}

TEST(ReceiveBuffer, ReadsInPiecesKeepOrderAcrossCompaction) {
  ReceiveBuffer b(1000);
  std::string all;
  for (int i = 0; i < 10; ++i) all += std::string(50, static_cast<char>('a' + i));
  b.store(all.substr(0, 300));
  std::string got = b.read(170);  // past half: the front is dropped, the rest moves once
  b.store(all.substr(300));
  while (b.readable() > 0) got += b.read(33);
  EXPECT_EQ(got, all);
  EXPECT_EQ(b.size(), 0u);
}

TEST(ReceiveBuffer, ResumeLevelGivesHysteresis) {
  ReceiveBuffer b(100, 51);
  b.store(std::string(100, 'x'));
  EXPECT_TRUE(b.full());
  EXPECT_FALSE(b.has_room());
  b.read(49);
  EXPECT_FALSE(b.full());
  EXPECT_FALSE(b.has_room());  // 51 kept: not yet
  b.read(1);
  EXPECT_TRUE(b.has_room());
  ReceiveBuffer plain(10);  // without a level: room as soon as it is not full
  plain.store(std::string(10, 'y'));
  EXPECT_FALSE(plain.has_room());
  plain.read(1);
  EXPECT_TRUE(plain.has_room());
}

TEST(ReceiveBuffer, ReadRearmsTheNoticeOnlyWhenAskedOrEmpty) {  // LM CIPRXGET.md, S3 §2.7
  ReceiveBuffer b(100);
  b.store("abcdef");
  b.mark_announced();
  b.read(2);
  EXPECT_TRUE(b.announced());
  b.rearm_notice();  // the Air780EP announces again after any read
  EXPECT_FALSE(b.announced());
  b.mark_announced();
  b.read(10);
  EXPECT_FALSE(b.announced());
}

TEST(ReceiveBuffer, DiscardedHeldBytesFreeTheirRoom) {  // OQ-36
  ReceiveBuffer b(10);
  b.store("ab");
  b.hold("cdefgh");
  b.discard_held();
  EXPECT_EQ(b.size(), 2u);
  EXPECT_EQ(b.take_held(), "");
  EXPECT_EQ(b.read(10), "ab");
}

}  // namespace
}  // namespace cellemu::models
