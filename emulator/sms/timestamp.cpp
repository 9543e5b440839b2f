#include "emulator/sms/timestamp.h"

#include <cstdlib>

#include <fmt/format.h>

namespace cellemu::sms {
namespace {

using namespace std::chrono;

int full_year(int yy) {
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

std::optional<int> two_digits(std::string_view s, std::size_t at) {
  if (at + 2 > s.size()) return std::nullopt;
  const char a = s[at];
  const char b = s[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
  return (a - '0') * 10 + (b - '0');
}

std::uint8_t swapped(int value) {
  return static_cast<std::uint8_t>((value % 10) << 4 | (value / 10 % 10));
}

std::optional<int> unswapped(std::uint8_t b) {
  const int tens = b & 0x0F;
  const int units = b >> 4;
  if (tens > 9 || units > 9) return std::nullopt;
  return tens * 10 + units;
}

}  // namespace

std::string Timestamp::text() const {
  return fmt::format("{:02}/{:02}/{:02},{:02}:{:02}:{:02}{}{:02}", year, month, day, hour, minute,
                     second, zone < 0 ? '-' : '+', std::abs(zone));
}

std::optional<Timestamp> Timestamp::parse(std::string_view s, int max_zone) {
  // yy/MM/dd,hh:mm:ss±zz
  static constexpr std::string_view kShape = "00/00/00,00:00:00+00";
  if (s.size() != kShape.size()) return std::nullopt;
  for (const std::size_t i : {2u, 5u, 8u, 11u, 14u}) {
    if (s[i] != kShape[i]) return std::nullopt;
  }
  if (s[17] != '+' && s[17] != '-') return std::nullopt;
  Timestamp t;
  int* const fields[] = {&t.year, &t.month, &t.day, &t.hour, &t.minute, &t.second, &t.zone};
  for (std::size_t i = 0; i < 7; ++i) {
    const auto v = two_digits(s, i * 3);
    if (!v) return std::nullopt;
    *fields[i] = *v;
  }
  if (s[17] == '-') t.zone = -t.zone;
  if (!t.valid(max_zone)) return std::nullopt;
  return t;
}

bool Timestamp::valid(int max_zone) const {
  const year_month_day date{std::chrono::year(full_year(year)), std::chrono::month(month),
                            std::chrono::day(day)};
  return year >= 0 && year <= 99 && month >= 1 && month <= 12 && date.ok() && hour >= 0 &&
         hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 &&
         std::abs(zone) <= max_zone;
}

sys_seconds Timestamp::to_utc() const {
  const sys_days date = year_month_day{std::chrono::year(full_year(year)),
                                       std::chrono::month(month), std::chrono::day(day)};
  return date + hours(hour) + minutes(minute) + seconds(second) - minutes(15 * zone);
}

Timestamp Timestamp::from_utc(sys_seconds utc, int zone) {
  const sys_seconds local = utc + minutes(15 * zone);
  const sys_days date = floor<days>(local);
  const year_month_day ymd{date};
  const hh_mm_ss<seconds> tod{local - date};
  Timestamp t;
  t.year = static_cast<int>(ymd.year()) % 100;
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.hour = static_cast<int>(tod.hours().count());
  t.minute = static_cast<int>(tod.minutes().count());
  t.second = static_cast<int>(tod.seconds().count());
  t.zone = zone;
  return t;
}

void encode_timestamp(Octets& out, const Timestamp& t) {
  for (const int v : {t.year, t.month, t.day, t.hour, t.minute, t.second})
    out.push_back(swapped(v));
  const int quarters = std::abs(t.zone) % 80;
  out.push_back(static_cast<std::uint8_t>(swapped(quarters) | (t.zone < 0 ? 0x08 : 0x00)));
}

std::optional<Timestamp> decode_timestamp(OctetReader& in) {
  const auto raw = in.take(7);
  if (!raw) return std::nullopt;
  Timestamp t;
  int* const fields[] = {&t.year, &t.month, &t.day, &t.hour, &t.minute, &t.second};
  for (std::size_t i = 0; i < 6; ++i) {
    const auto v = unswapped((*raw)[i]);
    if (!v) return std::nullopt;
    *fields[i] = *v;
  }
  const std::uint8_t tz = (*raw)[6];
  const auto quarters = unswapped(static_cast<std::uint8_t>(tz & 0xF7));
  if (!quarters) return std::nullopt;
  t.zone = (tz & 0x08) ? -*quarters : *quarters;
  return t;
}

}  // namespace cellemu::sms
