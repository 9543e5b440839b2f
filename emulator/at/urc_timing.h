#pragma once

#include <optional>
#include <string_view>

namespace cellemu::at {

// When unsolicited result codes reach the host (--urc-timing, the profile key urc_timing, the
// fault verb urc-timing):
//   Held       the spec's choice (OQ-6): held while a line is typed, a command runs, a send
//              window is open or the port is in data mode, then flushed in arrival order.
//   Immediate  written as they happen, into the echo of a line or the middle of an answer, as
//              the Air780EP guide says received data is ("数据会立即输出到AT口").
//   Race       held, then placed at the worst moments for a host parser: right after the echo of
//              the next command line, between an answer's information text and its final
//              result, just before a data prompt.
// In every mode nothing is written inside an open send window or in transparent data mode, so
// the data a host sends there is never corrupted.
enum class UrcTiming { Held, Immediate, Race };

constexpr std::optional<UrcTiming> parse_urc_timing(std::string_view text) {
  if (text == "held") return UrcTiming::Held;
  if (text == "immediate") return UrcTiming::Immediate;
  if (text == "race") return UrcTiming::Race;
  return std::nullopt;
}

constexpr std::string_view urc_timing_name(UrcTiming timing) {
  switch (timing) {
    case UrcTiming::Held:
      return "held";
    case UrcTiming::Immediate:
      return "immediate";
    case UrcTiming::Race:
      return "race";
  }
  return "held";
}

}  // namespace cellemu::at
