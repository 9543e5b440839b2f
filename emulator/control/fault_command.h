#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/clock.h"

namespace cellemu::control {

// One verb of the fault vocabulary, shared by the live control socket (`cellemu ctl`) and by
// scenario files:
//   status | pdp-deact | reboot | sim remove|insert | signal RSSI [BER] | register STAT
//   link ID close|reset|blackhole | net delay MS|jitter MS|loss PCT|rate BYTES_PER_S|clear
//   nat-idle DURATION [tcp|udp] | dns fail|ok | connect refuse|timeout|ok
//   reset-after BYTES|off | serial garbage N | serial drop N | urc TEXT
struct FaultCommand {
  enum class Verb {
    Status,
    PdpDeact,
    Reboot,
    Sim,
    Signal,
    Register,
    Link,
    Net,
    NatIdle,
    Dns,
    Connect,
    ResetAfter,
    Serial,
    Urc,
  };
  Verb verb = Verb::Status;
  std::string action;          // remove/insert, close/reset/blackhole, delay/..., fail/ok ...
  std::int64_t number = 0;     // link id, rssi, registration status, bytes ...
  std::int64_t second = 99;    // ber
  double value = 0;            // loss percentage
  core::Duration duration{0};  // delay, jitter, nat idle
  std::string text;            // urc text
  std::string source;          // the words as given, for logs
};

// Parses "link 0 reset" (or the same words as a list). On error returns nullopt and says why in
// `error`, in words a user can act on.
std::optional<FaultCommand> parse_fault(const std::vector<std::string>& words, std::string& error);
std::optional<FaultCommand> parse_fault(std::string_view line, std::string& error);

// "500ms", "30s", "10m", "1h", "1.5s"; a bare number is in `bare_unit` (seconds or ms).
std::optional<core::Duration> parse_duration(std::string_view text,
                                             core::Duration bare_unit = std::chrono::seconds(1));

// Words of a line, split on spaces; double quotes group words ("urc \"+CPIN: READY\"").
std::vector<std::string> split_words(std::string_view line);

}  // namespace cellemu::control
