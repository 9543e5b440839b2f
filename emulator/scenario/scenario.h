#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "emulator/control/fault_command.h"

namespace cellemu::scenario {

// A scripted fault: at a time from the start, or once the host has sent a command (plus an
// optional delay). Times are emulated time.
struct Event {
  std::optional<core::Duration> at;
  std::string after;  // command-line prefix, e.g. "AT+CIPSEND"
  core::Duration delay{0};
  control::FaultCommand command;
  std::optional<int> modem;  // all modems when unset
  int line = 0;              // where it was written, for logs
};

struct Scenario {
  std::vector<Event> events;
};

// --scenario FILE:
//   events:
//     - at: 30s
//       do: pdp-deact
//     - after: "AT+CIPSEND"
//       delay: 2s
//       do: link 0 reset
// Every event is validated at load; the first problem is reported as "FILE:LINE: reason".
std::optional<Scenario> load_scenario(const std::string& path, std::string& error);
std::optional<Scenario> parse_scenario(const YAML::Node& node, const std::string& source,
                                       std::string& error);

}  // namespace cellemu::scenario
