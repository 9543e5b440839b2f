#include "models/common/network_clock.h"

#include <fmt/format.h>

namespace cellemu::models {

namespace chrono = std::chrono;

NetworkClock::NetworkClock(const core::TimerService& timers, UtcTime utc_now, int zone)
    : timers_(timers), utc_at_start_(utc_now), start_(timers.now()), zone_(zone) {}

NetworkClock::UtcTime NetworkClock::host_utc() {
  return chrono::time_point_cast<chrono::nanoseconds>(chrono::system_clock::now());
}

NetworkClock::UtcTime NetworkClock::utc() const {
  return utc_at_start_ + (timers_.now() - start_);
}

std::string NetworkClock::local_text() const {
  const auto local = chrono::floor<chrono::seconds>(utc()) + chrono::minutes(15 * zone_);
  const auto day = chrono::floor<chrono::days>(local);
  const chrono::year_month_day date(day);
  const chrono::hh_mm_ss time(local - day);
  return fmt::format("{:02}/{:02}/{:02},{:02}:{:02}:{:02}{:+03}",
                     static_cast<int>(date.year()) % 100, static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()), time.hours().count(),
                     time.minutes().count(), time.seconds().count(), zone_);
}

}  // namespace cellemu::models
