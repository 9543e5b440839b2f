#include "emulator/core/duration_parser.h"

#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "emulator/core/quote_input.h"

namespace cellemu::core {
namespace {

using namespace std::chrono_literals;

// Longest suffix first: "ms" and "min" before "m" and "s".
constexpr std::pair<std::string_view, Duration> kUnits[] = {{"ms", 1ms}, {"min", 1min}, {"s", 1s},
                                                            {"m", 1min}, {"h", 1h},     {"d", 24h}};

// A finite, non-negative decimal number spelled out completely, e.g. "1.5" or "2e3".
std::optional<double> decimal(std::string_view text) {
  if (text.empty() ||
      !(std::isdigit(static_cast<unsigned char>(text.front())) || text.front() == '.')) {
    return std::nullopt;  // also refuses signs, "inf" and "nan"
  }
  double value = 0;
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string refusal(std::string_view text, const std::string& accepted) {
  return fmt::format("expected {}, got {}", accepted, quote_input(text));
}

std::string unit_name(Duration unit) {
  if (unit == 1ms) return "milliseconds";
  if (unit == 1s) return "seconds";
  return format_duration(unit) + " units";
}

}  // namespace

std::string DurationRange::accepted() const {
  return fmt::format("a duration from {} to {} such as 500ms, 30s or 10m (a bare number counts {})",
                     format_duration(min), format_duration(max), unit_name(bare_unit));
}

std::string NumberRange::accepted() const {
  return fmt::format("a number from {} to {}", min, max);
}

std::optional<Duration> parse_duration(std::string_view text, const DurationRange& range,
                                       std::string* error) {
  std::string_view number = text;
  Duration unit = range.bare_unit;
  for (const auto& [suffix, length] : kUnits) {
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      number = text.substr(0, text.size() - suffix.size());
      unit = length;
      break;
    }
  }
  // Compared as doubles before any conversion: 1e300s must not reach the integer clock.
  const auto value = decimal(number);
  const double ns = value ? *value * static_cast<double>(unit.count()) : -1;
  if (!value || ns < static_cast<double>(range.min.count()) ||
      ns > static_cast<double>(range.max.count())) {
    if (error) *error = refusal(text, range.accepted());
    return std::nullopt;
  }
  return Duration(static_cast<Duration::rep>(std::llround(ns)));
}

std::optional<double> parse_number(std::string_view text, const NumberRange& range,
                                   std::string* error) {
  const auto value = decimal(text);
  if (!value || *value < range.min || *value > range.max) {
    if (error) *error = refusal(text, range.accepted());
    return std::nullopt;
  }
  return value;
}

std::string format_duration(Duration d) {
  if (d.count() == 0) return "0";
  constexpr std::pair<std::string_view, Duration> kLargestFirst[] = {
      {"d", 24h}, {"h", 1h}, {"m", 1min}, {"s", 1s}, {"ms", 1ms}};
  for (const auto& [suffix, unit] : kLargestFirst) {
    if (d % unit == Duration::zero()) return fmt::format("{}{}", d / unit, suffix);
  }
  return fmt::format("{}ms", std::chrono::duration<double, std::milli>(d).count());
}

}  // namespace cellemu::core
