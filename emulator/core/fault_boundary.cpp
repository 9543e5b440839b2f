#include "emulator/core/fault_boundary.h"

#include "emulator/core/logging.h"

namespace cellemu::core {

void FaultBoundary::contain(std::string_view where, std::string_view what) noexcept {
  ++faults_;
  try {
    logger("session")->error(
        "{}: internal error in {}: {} (contained: the modem answers ERROR "
        "and goes on)",
        owner_, where, what);
    // A recovery that fails in turn is not retried: one log line, and the modem stays as it is.
    if (!recovery_ || recovering_) return;
    recovering_ = true;
    recovery_(where, what);
    recovering_ = false;
  } catch (const std::exception& e) {
    recovering_ = false;
    try {
      logger("session")->error("{}: recovering from an internal error failed: {}", owner_,
                               e.what());
    } catch (...) {
    }
  } catch (...) {
    recovering_ = false;
  }
}

}  // namespace cellemu::core
