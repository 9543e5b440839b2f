#include "emulator/at/escape_detector.h"

namespace cellemu::at {

EscapeDetector::EscapeDetector(core::TimerService& timers, DataFn on_data, EscapeFn on_escape,
                               EscapeGuard guard)
    : timers_(timers),
      on_data_(std::move(on_data)),
      on_escape_(std::move(on_escape)),
      guard_(guard),
      timer_(timers) {}

void EscapeDetector::reset() {
  timer_.cancel();
  plus_count_ = 0;
  last_byte_ = timers_.now();
}

void EscapeDetector::flush() {
  timer_.cancel();
  if (plus_count_ > 0) {
    static constexpr std::string_view kPluses = "+++";
    const int n = plus_count_;
    plus_count_ = 0;
    on_data_(kPluses.substr(0, static_cast<std::size_t>(n)));
  }
}

// Bytes of one read arrive together, so only a read made of nothing but '+' can be part of an
// escape: "+++\r\n" in one write is data (S0 FAQ 8, G-005).
void EscapeDetector::feed(std::string_view bytes) {
  if (bytes.empty()) return;
  const core::TimePoint now = timers_.now();
  const bool silent_before = now - last_byte_ >= guard_.before;
  last_byte_ = now;
  const bool only_pluses = bytes.find_first_not_of('+') == std::string_view::npos;
  const auto total = static_cast<std::size_t>(plus_count_) + bytes.size();
  const bool continues = plus_count_ > 0 || silent_before;
  if (only_pluses && continues && total <= 3) {
    plus_count_ = static_cast<int>(total);
    timer_.start(plus_count_ == 3 ? guard_.after : guard_.between, [this] { on_timer(); });
    return;
  }
  flush();
  on_data_(bytes);
}

void EscapeDetector::on_timer() {
  if (plus_count_ == 3) {
    plus_count_ = 0;
    last_byte_ = timers_.now();
    on_escape_();
    return;
  }
  flush();
  last_byte_ = timers_.now();
}

}  // namespace cellemu::at
