#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/clock.h"

namespace cellemu::core {

// What one duration field accepts: its span, and what a bare number counts. Every duration a user
// writes (command line, config file, profile overrides, scenarios, `cellemu ctl`) is read by
// parse_duration with the range of its field, so a value too large for the clock is refused
// instead of wrapping around to a small or negative one.
struct DurationRange {
  Duration min{0};
  Duration max;
  Duration bare_unit = std::chrono::seconds(1);

  // "a duration from 0 to 1h such as 500ms, 30s or 10m (a bare number counts seconds)"
  std::string accepted() const;
};

// What a bounded number (--time-scale, a loss percentage) accepts: finite, `min` to `max`.
struct NumberRange {
  double min = 0;
  double max = 0;

  std::string accepted() const;  // "a number from 0.001 to 1000"
};

// "500ms", "30s", "10m" or "2min", "1h", "7d", "1.5s", "1e3ms"; a bare number counts
// range.bare_unit. Decimal only: no sign, hex, inf or nan; the result is rounded to the
// nanosecond. On refusal returns nullopt and, if `error` is given, sets it to
// "expected <accepted>, got '<text>'" (the text quoted short, see quote_input).
std::optional<Duration> parse_duration(std::string_view text, const DurationRange& range,
                                       std::string* error = nullptr);

// A decimal number (no sign, hex, inf or nan) within range, with the same kind of error.
std::optional<double> parse_number(std::string_view text, const NumberRange& range,
                                   std::string* error = nullptr);

// The shortest exact spelling parse_duration reads back: "0", "250ms", "90s", "10m", "1h", "7d".
std::string format_duration(Duration d);

}  // namespace cellemu::core
