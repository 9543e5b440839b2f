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

namespace {
// `n` decimal digits at `at`; nullopt if any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// "Z" or "±hh:mm" as quarter hours east of UTC.
std::optional<int> iso_zone(std::string_view z) {
  if (z == "Z") return 0;
  if (z.size() != 6 || (z[0] != '+' && z[0] != '-') || z[3] != ':') return std::nullopt;
  const auto h = digits(z, 1, 2);
  const auto m = digits(z, 4, 2);
  if (!h || !m || *m % 15 != 0 || *h * 4 + *m / 15 > 48) return std::nullopt;
  const int quarters = *h * 4 + *m / 15;
  return z[0] == '-' ? -quarters : quarters;
}
}  // namespace

std::optional<NetworkClock::Start> NetworkClock::parse_iso8601(std::string_view text) {
  // yyyy-MM-ddThh:mm:ss then the zone
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  const auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), sec = digits(text, 17, 2);
  const auto zone = iso_zone(text.substr(19));
  if (!y || !mo || !d || !h || !mi || !sec || !zone || *h > 23 || *mi > 59 || *sec > 59) {
    return std::nullopt;
  }
  const year_month_day date{year(*y), month(static_cast<unsigned>(*mo)),
                            day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  const sys_seconds local = sys_days(date) + hours(*h) + minutes(*mi) + seconds(*sec);
  return Start{local - minutes(15 * *zone), *zone};
}

std::optional<int> NetworkClock::parse_zone(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 2) return std::nullopt;
  const auto v = digits(text, 0, text.size());
  if (!v || *v > 48) return std::nullopt;
  return negative ? -*v : *v;
}

}  // namespace cellemu::network
