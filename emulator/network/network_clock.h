#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/clock.h"
#include "emulator/sms/timestamp.h"

namespace cellemu::network {

// Network time: the one UTC clock of the emulated operator network, shared by every modem of the
// process (SMSC time stamps, +NITZ, what +CCLK takes from NITZ). It runs with emulated time, so a
// --time-scale speeds it up like every other wait: utc(now) = the UTC time at emulated time zero
// plus `now`, where `now` is the asking modem's own clock (manual in tests). Thread-safe without
// locks: `cellemu ctl clock set` may move it from the control thread.
class NetworkClock {
 public:
  // `zone` in quarter hours east of UTC (+32 = UTC+8, the zone of the modules' home network).
  NetworkClock(std::chrono::sys_seconds utc_at_zero, int zone);

  std::chrono::sys_seconds utc(core::TimePoint now) const;
  int zone() const { return zone_.load(std::memory_order_relaxed); }
  // The local time and zone (TP-SCTS, +CCLK after NITZ).
  sms::Timestamp local(core::TimePoint now) const;
  // "2024-07-23T16:35:01+08:00": local time with its offset, for logs and listings.
  std::string iso8601(core::TimePoint now) const;

  // From now on utc(now) is `utc` (`cellemu ctl clock set ISO8601`).
  void set_utc(core::TimePoint now, std::chrono::sys_seconds utc);
  void set_zone(int zone) { zone_.store(zone, std::memory_order_relaxed); }

  // The profile's fixed +NITZ text ("24/07/23,08:35:01+32,0": UTC time, zone, DST) as UTC time
  // and zone; nullopt if it is not in that form.
  struct Start {
    std::chrono::sys_seconds utc;
    int zone = 0;
  };
  static std::optional<Start> parse_nitz(std::string_view nitz);
  // `cellemu ctl clock set`: "2024-07-23T16:35:01+08:00" (or "...Z") as UTC time and zone; a
  // zone that is not a whole number of quarter hours is nullopt.
  static std::optional<Start> parse_iso8601(std::string_view text);
  // "+32" / "-20" / "0": a zone in quarter hours, -48..+48.
  static std::optional<int> parse_zone(std::string_view text);

 private:
  std::atomic<std::int64_t> utc_at_zero_;  // seconds since the epoch
  std::atomic<int> zone_;
};

}  // namespace cellemu::network
