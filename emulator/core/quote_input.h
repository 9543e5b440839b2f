#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cellemu::core {

// Bad input as an error message quotes it: 'text', control bytes escaped so the message stays on
// one line, and anything past `keep` bytes cut with the full length said instead, so a 50 MB
// scalar in a config file, a scenario or a control request yields a short line, not 50 MB:
//   'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA...' (52428800 bytes)
std::string quote_input(std::string_view text, std::size_t keep = 32);

}  // namespace cellemu::core
