#pragma once

#include <functional>
#include <string_view>

#include "emulator/core/timer_service.h"

namespace cellemu::at {

// Guard times of the "+++" escape (LM TCPIP/+++.md; NM28 the same, OQ-54).
struct EscapeGuard {
  core::Duration before = std::chrono::milliseconds(1000);
  core::Duration between = std::chrono::milliseconds(500);
  core::Duration after = std::chrono::milliseconds(500);
};

// Finds "+++" in transparent data: at least `before` of silence, three '+' at most `between`
// apart, then `after` of silence. Candidate '+' bytes are held back until they either qualify
// (escape) or not (forwarded as data, in order).
class EscapeDetector {
 public:
  using DataFn = std::function<void(std::string_view)>;
  using EscapeFn = std::function<void()>;

  EscapeDetector(core::TimerService& timers, DataFn on_data, EscapeFn on_escape,
                 EscapeGuard guard = {});

  // Starts the silence clock (entering data mode counts as the last activity).
  void reset();
  void feed(std::string_view bytes);
  // Bytes held as a possible escape, forwarded now (leaving data mode for another reason).
  void flush();

 private:
  void on_timer();

  core::TimerService& timers_;
  DataFn on_data_;
  EscapeFn on_escape_;
  EscapeGuard guard_;
  core::Timer timer_;
  core::TimePoint last_byte_{};
  int plus_count_ = 0;
};

}  // namespace cellemu::at
