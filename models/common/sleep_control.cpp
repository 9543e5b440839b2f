#include "models/common/sleep_control.h"

#include <chrono>
#include <utility>

namespace cellemu::models {

SleepControl::SleepControl(core::TimerService& timers, std::function<bool()> quiet)
    : timers_(timers), quiet_(std::move(quiet)), idle_(timers) {}

void SleepControl::power_up(int lost_lines) {
  idle_.cancel();
  level_ = 0;
  wake_time_ = 1;
  rtime = 0;
  asleep_ = false;
  swallowing_ = 0;
  lost_lines_ = lost_lines;
}

void SleepControl::stop() {
  idle_.cancel();
  asleep_ = false;
  swallowing_ = 0;
}

void SleepControl::set_level(int level) {
  level_ = level;
  if (!allowed()) {
    wake();
    return;
  }
  arm();
}

void SleepControl::set_wake_time(int seconds) {
  wake_time_ = seconds;
  if (!asleep_ && allowed()) arm();
}

// A falling edge wakes a level-1 module without losing anything (LM CSCLK.md).
void SleepControl::set_dtr(bool high) {
  dtr_high_ = high;
  if (!high && level_ == 1) wake();
  if (allowed() && !asleep_) arm();
}

std::string_view SleepControl::on_input(std::string_view bytes) {
  if (asleep_) {
    asleep_ = false;
    swallowing_ = lost_lines_;
  }
  while (swallowing_ > 0 && !bytes.empty()) {
    const auto cr = bytes.find('\r');
    if (cr == std::string_view::npos) {
      bytes = {};
      break;
    }
    bytes.remove_prefix(cr + 1);
    --swallowing_;
  }
  if (allowed()) arm();
  return bytes;
}

void SleepControl::on_urc() {
  asleep_ = false;
  if (allowed()) arm();
}

void SleepControl::wake() {
  idle_.cancel();
  asleep_ = false;
}

void SleepControl::arm() {
  idle_.start(std::chrono::seconds(wake_time_), [this] { on_idle(); });
}

// Busy now (a command, held URCs, a data state): try again after another idle period.
void SleepControl::on_idle() {
  if (!allowed()) return;
  if (swallowing_ == 0 && quiet_()) {
    asleep_ = true;
    return;
  }
  arm();
}

}  // namespace cellemu::models
