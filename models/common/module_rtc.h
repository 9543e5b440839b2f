#pragma once

#include <chrono>

#include "emulator/core/timer_service.h"
#include "emulator/sms/timestamp.h"

namespace cellemu::models {

// The module's real-time clock as AT+CCLK shows it (spec services §3.1, OQ-S10): it starts at
// 70/01/01,00:00:00+00 at power-on and counts up on the injected clock; the network's time
// (NITZ at registration) sets it to local time in the network's zone while +CTZU is 1, and
// AT+CCLK= sets it until the next NITZ.
class ModuleRtc {
 public:
  explicit ModuleRtc(const core::TimerService& timers) : timers_(timers) { power_on(); }

  // Power-up: 70/01/01,00:00:00+00, +CTZU back to 1 (no setting survives, §1.1).
  void power_on();
  // AT+CCLK="yy/MM/dd,hh:mm:ss±zz" (already validated).
  void set(const sms::Timestamp& local);
  // NITZ: `utc` and the network's zone; ignored while +CTZU is 0 (OQ-S12).
  void on_network_time(std::chrono::sys_seconds utc, int zone);
  // Local time now, with its zone.
  sms::Timestamp now() const;

  bool auto_update = true;  // +CTZU
  int zone_reports = 0;     // +CTZR (its power-up value comes from the profile)

 private:
  const core::TimerService& timers_;
  std::chrono::sys_seconds utc_at_set_{};
  core::TimePoint set_at_{};
  int zone_ = 0;
};

}  // namespace cellemu::models
