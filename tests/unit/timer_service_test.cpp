#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "emulator/core/asio_timer_service.h"
#include "emulator/core/manual_timer_service.h"

namespace cellemu::core {
namespace {
using std::chrono::milliseconds;

TEST(ManualTimerService, FiresInDeadlineThenScheduleOrder) {
  ManualTimerService t;
  std::string order;
  t.schedule(milliseconds(20), [&] { order += "b"; });
  t.schedule(milliseconds(10), [&] { order += "a"; });
  t.schedule(milliseconds(20), [&] { order += "c"; });
  t.advance(milliseconds(15));
  EXPECT_EQ(order, "a");
  EXPECT_EQ(t.now().time_since_epoch(), milliseconds(15));
  t.advance(milliseconds(5));
  EXPECT_EQ(order, "abc");
}

TEST(ManualTimerService, CallbackSeesItsOwnDeadline) {
  ManualTimerService t;
  Duration seen{};
  t.schedule(milliseconds(7), [&] { seen = t.now().time_since_epoch(); });
  t.advance(milliseconds(100));
  EXPECT_EQ(seen, milliseconds(7));
}

TEST(Timer, CancelAndRestart) {
  ManualTimerService t;
  int fired = 0;
  {
    Timer timer(t);
    timer.start(milliseconds(10), [&] { ++fired; });
    timer.start(milliseconds(30), [&] { fired += 10; });
    t.advance(milliseconds(20));
    EXPECT_EQ(fired, 0);
    EXPECT_TRUE(timer.armed());
  }
  t.advance(milliseconds(20));  // destroyed timer never fires
  EXPECT_EQ(fired, 0);
  EXPECT_EQ(t.pending(), 0u);
}

TEST(Timer, ChainedTimersFireAtTheirOwnTimes) {
  ManualTimerService t;
  Timer timer(t);
  std::vector<std::int64_t> at;
  std::function<void()> tick = [&] {
    at.push_back(std::chrono::duration_cast<milliseconds>(t.now().time_since_epoch()).count());
    if (at.size() < 3) timer.start(milliseconds(10), tick);
  };
  timer.start(milliseconds(10), tick);
  t.advance(milliseconds(100));
  EXPECT_EQ(at, (std::vector<std::int64_t>{10, 20, 30}));
}

TEST(AsioTimerService, TimeScaleShortensRealWaits) {
  boost::asio::io_context io;
  AsioTimerService t(io, 100.0);
  bool fired = false;
  // 2 s of emulated time are 20 ms of real time: done long before the 1 s run limit.
  t.schedule(std::chrono::seconds(2), [&] { fired = true; });
  io.run_for(std::chrono::seconds(1));
  EXPECT_TRUE(fired);
  EXPECT_GE(t.now().time_since_epoch(), std::chrono::seconds(2));
}

TEST(AsioTimerService, AFarDeadlineUnderASlowScaleDoesNotOverflow) {
  boost::asio::io_context io;
  AsioTimerService t(io, 0.1);
  bool far = false;
  bool near = false;
  t.schedule(std::chrono::seconds(4294967295LL), [&] { far = true; });  // AT+FSWRITE's longest
  t.schedule(std::chrono::milliseconds(1), [&] { near = true; });
  io.run_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(near);
  EXPECT_FALSE(far);
}

}  // namespace
}  // namespace cellemu::core
