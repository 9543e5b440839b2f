#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/sms/octets.h"

namespace cellemu::sms {

// A local time with its zone, as SMS (TP-SCTS, TP-DT, absolute TP-VP) and the clock commands
// carry it: two-digit year, zone in quarter hours east of UTC (+32 = UTC+8).
struct Timestamp {
  int year = 70;  // 70-99 are 1970-1999, 00-69 are 2000-2069 (the module RTC starts at 70/01/01)
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int zone = 0;

  static constexpr int kMaxZone = 79;  // what two semi-octets and a sign bit can carry

  // "yy/MM/dd,hh:mm:ss±zz" (27.005 <scts>, 27.007 +CCLK), e.g. "24/07/23,16:35:01+32".
  std::string text() const;
  // The same form, strictly: two digits each, a valid calendar date, |zone| <= max_zone.
  static std::optional<Timestamp> parse(std::string_view text, int max_zone = 48);
  bool valid(int max_zone = kMaxZone) const;

  // The instant this local time denotes, and the local time of an instant in a zone.
  std::chrono::sys_seconds to_utc() const;
  static Timestamp from_utc(std::chrono::sys_seconds utc, int zone);
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// The 7 semi-octet-swapped octets of 23.040 §9.2.3.11; the sign of the zone is bit 3 of its
// first semi-octet.
void encode_timestamp(Octets& out, const Timestamp& t);
// nullopt if truncated or a digit is not decimal.
std::optional<Timestamp> decode_timestamp(OctetReader& in);

}  // namespace cellemu::sms
