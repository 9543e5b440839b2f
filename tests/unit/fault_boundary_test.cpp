// core::FaultBoundary and the modem's guarded clock (issue 14 item 4): whatever is thrown inside
// is contained, counted and handed to the recovery once; timers keep running around it.
#include "emulator/core/fault_boundary.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "emulator/core/manual_timer_service.h"
#include "emulator/session/guarded_timer_service.h"

namespace cellemu::core {
namespace {

TEST(FaultBoundary, ContainsAnyExceptionAndRecoversOnce) {
  FaultBoundary boundary("modem7");
  std::string seen;
  boundary.set_recovery([&seen](std::string_view where, std::string_view what) {
    seen += std::string(where) + ": " + std::string(what) + ";";
  });
  bool after = false;
  boundary.run("host input", [] { throw std::out_of_range("bad index"); });
  boundary.run("a timer", [] { throw 42; });
  boundary.run("a socket event", [&after] { after = true; });
  EXPECT_EQ(seen, "host input: bad index;a timer: an exception of unknown type;");
  EXPECT_EQ(boundary.faults(), 2u);
  EXPECT_TRUE(after);
  EXPECT_EQ(boundary.owner(), "modem7");
}

TEST(FaultBoundary, ARecoveryThatThrowsIsContainedToo) {
  FaultBoundary boundary("modem0");
  int recoveries = 0;
  boundary.set_recovery([&recoveries](std::string_view, std::string_view) {
    ++recoveries;
    throw std::runtime_error("recovery failed");
  });
  boundary.run("host input", [] { throw std::runtime_error("first"); });
  boundary.run("host input", [] { throw std::runtime_error("second"); });
  EXPECT_EQ(recoveries, 2);
  EXPECT_EQ(boundary.faults(), 2u);
}

TEST(GuardedTimerService, AThrowingCallbackNeitherEscapesNorStopsTheOthers) {
  ManualTimerService shard_clock;
  auto boundary = std::make_shared<FaultBoundary>("modem1");
  session::GuardedTimerService timers(shard_clock, boundary);
  std::string order;
  timers.schedule(std::chrono::seconds(1), [&order] { order += "a"; });
  timers.schedule(std::chrono::seconds(2), [] { throw std::runtime_error("boom"); });
  timers.schedule(std::chrono::seconds(3), [&order] { order += "c"; });
  const TimerId cancelled = timers.schedule(std::chrono::seconds(4), [&order] { order += "x"; });
  timers.cancel(cancelled);
  shard_clock.advance(std::chrono::seconds(5));
  EXPECT_EQ(order, "ac");
  EXPECT_EQ(boundary->faults(), 1u);
  EXPECT_EQ(timers.now(), shard_clock.now());
}

}  // namespace
}  // namespace cellemu::core
