#include "emulator/at/escape_detector.h"

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"

namespace cellemu::at {
namespace {
using std::chrono::milliseconds;

struct EscapeFixture : ::testing::Test {
  core::ManualTimerService timers;
  std::string data;
  int escapes = 0;
  EscapeDetector detector{timers, [this](std::string_view b) { data += b; }, [this] { ++escapes; }};
  void SetUp() override { detector.reset(); }
};

TEST_F(EscapeFixture, GuardedPlusesEscape) {  // LS:NUR2bZ, G-004
  timers.advance(milliseconds(1000));
  detector.feed("+++");
  timers.advance(milliseconds(499));
  EXPECT_EQ(escapes, 0);
  timers.advance(milliseconds(1));
  EXPECT_EQ(escapes, 1);
  EXPECT_EQ(data, "");
}

TEST_F(EscapeFixture, PlusesOneByOne) {
  timers.advance(milliseconds(1500));
  detector.feed("+");
  timers.advance(milliseconds(300));
  detector.feed("+");
  timers.advance(milliseconds(300));
  detector.feed("+");
  timers.advance(milliseconds(500));
  EXPECT_EQ(escapes, 1);
  EXPECT_EQ(data, "");
}

TEST_F(EscapeFixture, NoSilenceBeforeMeansData) {
  timers.advance(milliseconds(999));
  detector.feed("+++");
  timers.advance(milliseconds(600));
  EXPECT_EQ(escapes, 0);
  EXPECT_EQ(data, "+++");
}

TEST_F(EscapeFixture, TrailingCrLfMakesItData) {  // S0 FAQ 8, G-005
  timers.advance(milliseconds(2000));
  detector.feed("+++\r\n");
  timers.advance(milliseconds(600));
  EXPECT_EQ(escapes, 0);
  EXPECT_EQ(data, "+++\r\n");
}

TEST_F(EscapeFixture, ByteInsideAfterGuardCancels) {
  timers.advance(milliseconds(2000));
  detector.feed("+++");
  timers.advance(milliseconds(200));
  detector.feed("x");
  timers.advance(milliseconds(600));
  EXPECT_EQ(escapes, 0);
  EXPECT_EQ(data, "+++x");
}

TEST_F(EscapeFixture, SlowPlusesAreReleasedAsData) {
  timers.advance(milliseconds(2000));
  detector.feed("+");
  timers.advance(milliseconds(501));
  EXPECT_EQ(data, "+");
  detector.feed("++");
  timers.advance(milliseconds(600));
  EXPECT_EQ(data, "+++");
  EXPECT_EQ(escapes, 0);
}

TEST_F(EscapeFixture, FourPlusesAreData) {
  timers.advance(milliseconds(2000));
  detector.feed("++++");
  timers.advance(milliseconds(600));
  EXPECT_EQ(escapes, 0);
  EXPECT_EQ(data, "++++");
}

}  // namespace
}  // namespace cellemu::at
