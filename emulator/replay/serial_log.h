#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::replay {

// One entry of a serial log: what the host sent, what the module said, or an instruction the
// replay file adds (a fault to inject, or a host command whose answer is not part of the log).
struct LogEntry {
  enum class Kind { Host, Module, Fault, HiddenHost };
  Kind kind = Kind::Host;
  std::string time;  // as written, e.g. "16:25:26.408" (informational)
  std::string data;  // exact bytes for Host/HiddenHost; text for Module; verb for Fault
  int line = 0;
};

// Reads the logs firmware teams keep:
//  - LLCOM, the serial tool of the seed: "[16:25:26.408]发→◇AT" for host->module and
//    "[16:25:26.410]收←◆AT" for module->host; an entry's text runs until the next entry. The
//    tool appends CR LF to what the host sends, except to an entry that ends in a control byte
//    (Ctrl-Z, ESC) or is marked with "\noeol" at its end.
//  - cellemu's own --trace: "[hh:mm:ss.mmm] → bytes" / "← bytes" (with or without a modem name),
//    control bytes escaped; entries are exact bytes.
// In both, "\r", "\n", "\t", "\\", "\xHH" escapes give exact bytes. Lines starting with "#" are
// comments; "#! VERB ARGS" injects a fault there, "#> TEXT" sends a host line whose answer is
// not compared (to reproduce a state the log does not show).
std::optional<std::vector<LogEntry>> parse_serial_log(std::string_view text, std::string& error);

// Turns "\r\n\x1A" escapes into bytes; anything else is copied.
std::string unescape(std::string_view text);

}  // namespace cellemu::replay
