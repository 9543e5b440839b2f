#pragma once

#include <memory>
#include <utility>

#include "emulator/core/fault_boundary.h"
#include "emulator/core/timer_service.h"

namespace cellemu::session {

// One modem's view of its shard's clock: the same timers, each callback run inside the modem's
// fault boundary. A callback that throws is contained there instead of escaping the shard's
// timer service (which would stop every timer of the shard) and ending the shard's run().
class GuardedTimerService final : public core::TimerService {
 public:
  GuardedTimerService(core::TimerService& inner, std::shared_ptr<core::FaultBoundary> boundary)
      : inner_(inner), boundary_(std::move(boundary)) {}

  core::TimePoint now() const override { return inner_.now(); }
  core::TimerId schedule_at(core::TimePoint at, Callback cb) override {
    return inner_.schedule_at(
        at, [boundary = boundary_, cb = std::move(cb)] { boundary->run("a timer", cb); });
  }
  void cancel(core::TimerId id) override { inner_.cancel(id); }
  double scale() const override { return inner_.scale(); }

 private:
  core::TimerService& inner_;
  std::shared_ptr<core::FaultBoundary> boundary_;
};

}  // namespace cellemu::session
