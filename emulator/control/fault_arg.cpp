#include "emulator/control/fault_arg.h"

#include <cctype>
#include <charconv>
#include <limits>

#include <fmt/format.h>

namespace cellemu::control {
namespace {

using Kind = FaultArg::Kind;

FaultArg of_kind(Kind kind, std::string name) {
  FaultArg arg;
  arg.kind = kind;
  arg.name = std::move(name);
  return arg;
}

std::string span_text(const std::pair<std::int64_t, std::int64_t>& span) {
  if (span.first == span.second) return std::to_string(span.first);
  if (span.second == std::numeric_limits<std::int64_t>::max()) {
    return std::to_string(span.first) + " or more";
  }
  return fmt::format("{}-{}", span.first, span.second);
}

std::string integer_accepted(const FaultArg& arg) {
  std::string text;
  for (const auto& span : arg.ranges) text += (text.empty() ? "" : " or ") + span_text(span);
  for (std::size_t i = 0; i < (arg.names_in_usage ? 0 : arg.names.size()); ++i) {
    text += (i == 0 ? (text.empty() ? "" : " or ") : "|") + arg.names[i].first;
  }
  return text;
}

std::optional<std::int64_t> integer_value(const FaultArg& arg, std::string_view word) {
  for (const auto& [text, value] : arg.names) {
    if (word == text) return value;
  }
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
  if (ec != std::errc() || end != word.data() + word.size()) return std::nullopt;
  for (const auto& [low, high] : arg.ranges) {
    if (n >= low && n <= high) return n;
  }
  return std::nullopt;
}

bool one_line(std::string_view text) {
  return !text.empty() && text.find_first_of("\r\n") == std::string_view::npos;
}

bool hex_digits(std::string_view text) {
  if (text.empty() || text.size() % 2 != 0) return false;
  for (const char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string FaultArg::usage() const {
  std::string shown = name;
  for (const auto& [text, value] : names_in_usage ? names : IntNames{}) shown += "|" + text;
  if (!flag.empty()) return "[" + flag + " " + shown + "]";
  return optional ? "[" + shown + "]" : shown;
}

std::string FaultArg::accepted() const {
  switch (kind) {
    case Kind::Integer:
      return integer_accepted(*this);
    case Kind::Duration:
      return durations.accepted();
    case Kind::Percentage:
      return "a percentage 0-100";
    case Kind::Choice:
      return {};
    case Kind::Word:
      return "one line of text, in quotes if it has spaces";
    case Kind::Rest:
      return "the rest of the line";
    case Kind::Hex:
      return "an even number of hex digits";
  }
  return {};
}

std::optional<FaultValue> FaultArg::parse(std::string_view word) const {
  switch (kind) {
    case Kind::Integer:
    case Kind::Choice:
      if (auto n = integer_value(*this, word)) return FaultValue(*n);
      return std::nullopt;
    case Kind::Duration:
      if (auto d = core::parse_duration(word, durations)) return FaultValue(*d);
      return std::nullopt;
    case Kind::Percentage:
      if (auto v = core::parse_number(word, {0, 100})) return FaultValue(*v);
      return std::nullopt;
    case Kind::Word:
    case Kind::Rest:
      if (one_line(word)) return FaultValue(std::string(word));
      return std::nullopt;
    case Kind::Hex:
      if (hex_digits(word)) return FaultValue(std::string(word));
      return std::nullopt;
  }
  return std::nullopt;
}

FaultArg integer(std::string name, IntRanges ranges, IntNames names) {
  auto arg = of_kind(Kind::Integer, std::move(name));
  arg.ranges = std::move(ranges);
  arg.names = std::move(names);
  return arg;
}

FaultArg integer_or(std::string name, IntRanges ranges, IntNames names) {
  auto arg = integer(std::move(name), std::move(ranges), std::move(names));
  arg.names_in_usage = true;
  return arg;
}

FaultArg duration(std::string name, core::DurationRange range) {
  auto arg = of_kind(Kind::Duration, std::move(name));
  arg.durations = range;
  return arg;
}

FaultArg percentage(std::string name) {
  return of_kind(Kind::Percentage, std::move(name));
}

FaultArg word(std::string name) {
  return of_kind(Kind::Word, std::move(name));
}

FaultArg rest(std::string name) {
  return of_kind(Kind::Rest, std::move(name));
}

FaultArg hex(std::string name) {
  return of_kind(Kind::Hex, std::move(name));
}

FaultArg flag(std::string flag, FaultArg value) {
  value.flag = std::move(flag);
  value.optional = true;
  return value;
}

FaultArg optional(FaultArg arg, FaultValue fallback) {
  arg.optional = true;
  arg.fallback = std::move(fallback);
  return arg;
}

}  // namespace cellemu::control
