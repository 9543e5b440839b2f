#include "emulator/network/network_clock.h"

#include <cstdlib>

#include <fmt/format.h>

namespace cellemu::network {

using namespace std::chrono;

NetworkClock::NetworkClock(sys_seconds utc_at_zero, int zone)
    : utc_at_zero_(utc_at_zero.time_since_epoch().count()), zone_(zone) {}

sys_seconds NetworkClock::utc(core::TimePoint now) const {
  const auto elapsed = floor<seconds>(now.time_since_epoch());
  return sys_seconds(seconds(utc_at_zero_.load(std::memory_order_relaxed))) + elapsed;
}

sms::Timestamp NetworkClock::local(core::TimePoint now) const {
  return sms::Timestamp::from_utc(utc(now), zone());
}

std::string NetworkClock::iso8601(core::TimePoint now) const {
  const int z = zone();
  const sys_seconds local = utc(now) + minutes(15 * z);
  const sys_days date = floor<days>(local);
  const year_month_day ymd{date};
  const hh_mm_ss<seconds> tod{local - date};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", int(ymd.year()),
                     unsigned(ymd.month()), unsigned(ymd.day()), tod.hours().count(),
                     tod.minutes().count(), tod.seconds().count(), z < 0 ? '-' : '+',
                     std::abs(z) / 4, std::abs(z) % 4 * 15);
}

void NetworkClock::set_utc(core::TimePoint now, sys_seconds utc) {
  const auto elapsed = floor<seconds>(now.time_since_epoch());
  utc_at_zero_.store((utc - elapsed).time_since_epoch().count(), std::memory_order_relaxed);
}

std::optional<NetworkClock::Start> NetworkClock::parse_nitz(std::string_view nitz) {
  // "yy/MM/dd,hh:mm:ss±zz" followed by ",<dst>" or nothing.
  if (nitz.size() < 20) return std::nullopt;
  const auto t = sms::Timestamp::parse(nitz.substr(0, 20), sms::Timestamp::kMaxZone);
  if (!t || (nitz.size() > 20 && nitz[20] != ',')) return std::nullopt;
  sms::Timestamp utc_fields = *t;
  utc_fields.zone = 0;  // the NITZ time is UTC; the zone travels beside it
  return Start{utc_fields.to_utc(), t->zone};
}

}  // namespace cellemu::network
