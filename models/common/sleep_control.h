#pragma once

#include <functional>
#include <string_view>

#include "emulator/core/timer_service.h"

namespace cellemu::models {

// The module's sleep (AT+CSCLK, AT+WAKETIM, spec services §4.3, OQ-S15). With level 2/3, or 1
// while DTR is high, the module falls asleep once nothing was received for WAKETIM seconds and
// the engine is quiet (no command, no held URC, no data state). Asleep, it keeps its network
// state: a URC wakes it and goes out normally. The host's first line(s) while asleep only wake
// it (no echo, no answer: LM CSCLK.md "一个往往唤不醒"); with level 1 a DTR falling edge wakes it
// and nothing is lost.
class SleepControl {
 public:
  // `quiet`: whether the engine lets the module sleep now (asked when the idle time is up).
  SleepControl(core::TimerService& timers, std::function<bool()> quiet);

  // Power-up: level 0, WAKETIM 1 s, awake (no setting survives, §1.1). `lost_lines`: lines a
  // wake-up consumes (profile knob wake_lost_lines, OQ-S15).
  void power_up(int lost_lines);
  // Power off: no timer runs.
  void stop();

  void set_level(int level);
  int level() const { return level_; }
  void set_wake_time(int seconds);
  int wake_time() const { return wake_time_; }
  // DTR as the host drives it (a pty cannot carry it: `cellemu ctl dtr`).
  void set_dtr(bool high);
  bool dtr_high() const { return dtr_high_; }
  bool asleep() const { return asleep_; }
  // AT*RTIME (LM RTIME.md): kept and shown, nothing else.
  int rtime = 0;

  // Host bytes: returns those the AT engine gets; the wake-up consumes the rest.
  std::string_view on_input(std::string_view bytes);
  // The module sends something unsolicited: it wakes (or stays awake) to send it.
  void on_urc();

 private:
  bool allowed() const { return level_ >= 2 || (level_ == 1 && dtr_high_); }
  void wake();
  void arm();
  void on_idle();

  core::TimerService& timers_;
  std::function<bool()> quiet_;
  core::Timer idle_;
  int level_ = 0;
  int wake_time_ = 1;  // LM WAKETIM.md (the CSCLK page's 5 s lost, OQ-S15)
  bool dtr_high_ = false;
  bool asleep_ = false;
  int lost_lines_ = 1;
  // Lines still to swallow after a wake-up by input.
  int swallowing_ = 0;
};

}  // namespace cellemu::models
