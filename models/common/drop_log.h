#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "emulator/core/timer_service.h"

namespace cellemu::models {

// A rate-limited record of the datagrams one socket dropped: a host that does not read a UDP
// socket may lose thousands a second, and a log line each would bury everything else. The first
// drop after a quiet second is reported at once, later ones add up and are reported together at
// most once a second (emulated time) until a second passes without any.
class DropLog {
 public:
  using Report = std::function<void(std::uint64_t datagrams, std::uint64_t bytes)>;

  DropLog(core::TimerService& timers, Report report);

  void record(std::size_t bytes);
  // Reports what is counted and not reported yet and starts afresh (the socket is reused).
  void flush();

 private:
  void tick();
  void report();

  core::Timer window_;
  Report report_;
  std::uint64_t datagrams_ = 0;
  std::uint64_t bytes_ = 0;
};

}  // namespace cellemu::models
