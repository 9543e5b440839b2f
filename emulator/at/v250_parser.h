#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "emulator/at/command.h"

namespace cellemu::at {

// Splits the body of a command line (the text after "AT") into commands, V.250 §5.2:
// basic commands may follow each other directly ("&FZE0&W"), an extended command ends at ';'
// outside double quotes. Spaces before '=' and between commands are ignored (OQ-51).
// Returns nullopt when the body is not well formed; the caller answers ERROR.
std::optional<std::vector<AtCommand>> parse_command_line(std::string_view body);
// The same into `out` (cleared first; its storage is reused); false when not well formed.
bool parse_command_line(std::string_view body, std::vector<AtCommand>& out);

}  // namespace cellemu::at
