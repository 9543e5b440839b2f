#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "emulator/core/duration_parser.h"

namespace cellemu::control {

// One argument's value once parsed: absent (an optional argument not given, without a default),
// an integer (also a choice's or a named number's value), a duration, a real number
// (percentages) or text.
using FaultValue = std::variant<std::monostate, std::int64_t, core::Duration, double, std::string>;

// One argument of a fault verb: its type and what it accepts. The parser, the usage line, the
// help text and the error messages are all made from it. Build one with the functions below.
struct FaultArg {
  enum class Kind {
    Integer,     // decimal, within `ranges`, or one of `names`
    Duration,    // core::parse_duration within `durations`
    Percentage,  // a real number 0-100
    Choice,      // exactly one of `names`
    Word,        // one word of free text ("quoted words" make one), on one line
    Rest,        // every word left, joined by spaces, on one line
    Hex,         // hex digits, an even number of them
  };
  Kind kind = Kind::Word;
  std::string name;  // as usage shows it: "RSSI"; a choice shows its words
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
  std::vector<std::pair<std::string, std::int64_t>> names;
  core::DurationRange durations;
  bool names_in_usage = false;  // usage says "BYTES|off" rather than "BYTES"
  std::string flag;  // "--pdu": given as `--pdu VALUE` anywhere after the verb; always optional
  bool optional = false;
  FaultValue fallback;  // an optional argument's value when it is not given

  std::string usage() const;     // "RSSI", "[BER]", "close|reset|blackhole", "[--pdu HEX]"
  std::string accepted() const;  // "0-31 or 99", "a percentage 0-100", "" for a choice
  std::optional<FaultValue> parse(std::string_view word) const;
};

using IntRanges = std::vector<std::pair<std::int64_t, std::int64_t>>;
using IntNames = std::vector<std::pair<std::string, std::int64_t>>;

// A number in `ranges`, or one of `names` standing for a number (register home -> 1).
FaultArg integer(std::string name, IntRanges ranges, IntNames names = {});
// The same with the names shown in usage: integer_or("BYTES", {{1, max}}, {{"off", 0}}) reads
// "BYTES|off".
FaultArg integer_or(std::string name, IntRanges ranges, IntNames names);
FaultArg duration(std::string name, core::DurationRange range);
FaultArg percentage(std::string name);
FaultArg word(std::string name);
FaultArg rest(std::string name);
FaultArg hex(std::string name);
// `--flag VALUE`, optional, e.g. flag("--pdu", hex("HEX")).
FaultArg flag(std::string flag, FaultArg value);
// The argument may be left out; the handler then sees `fallback` (absent by default).
FaultArg optional(FaultArg arg, FaultValue fallback = {});

// One of a few words, each standing for a value of the handler's enum:
//   choice<net::ConnectFault>({{"refuse", Refuse}, {"timeout", Timeout}, {"ok", None}})
template <typename E>
FaultArg choice(std::initializer_list<std::pair<const char*, E>> words) {
  FaultArg arg;
  arg.kind = FaultArg::Kind::Choice;
  for (const auto& [text, value] : words) {
    arg.name += (arg.name.empty() ? "" : "|") + std::string(text);
    arg.names.emplace_back(text, static_cast<std::int64_t>(value));
  }
  return arg;
}

}  // namespace cellemu::control
