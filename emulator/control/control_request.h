#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/control/fault_command.h"

namespace cellemu::control {

// One line of the control protocol, checked field by field before anything is run:
//   {"cmd":"link 0 reset","modem":1}   or   {"args":["link","0","reset"]}
// `cmd` a string, or `args` a list of strings and numbers (one of the two); `modem` an integer
// below the fleet's size (default 0); no other field. Anything else is refused with a one-line
// reason quoting at most a short prefix of the offending input.
struct ControlRequest {
  std::size_t modem = 0;
  FaultCommand command;

  static std::optional<ControlRequest> parse(std::string_view line, std::size_t modems,
                                             std::string& error);
};

}  // namespace cellemu::control
