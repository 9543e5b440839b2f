#pragma once

#include <string>
#include <string_view>

namespace cellemu::core {

// Renders bytes for logs, traces and test failures: printable ASCII as is, \r \n \t and other
// control or high bytes escaped ("AT\r\n", "\x1A").
std::string escape_bytes(std::string_view bytes, std::size_t max_len = 256);

// ASCII letters in lower case (host names, option keywords); other bytes unchanged.
std::string ascii_lower(std::string_view text);

// The value of one hex digit (either case), or -1 for any other character.
int hex_digit_value(char c);

// Upper-case hex of every byte ("HELLO" -> "48454C4C4F").
std::string to_hex(std::string_view bytes);
// Inverse of to_hex; either case accepted. Returns false on odd length or a non-hex character.
bool from_hex(std::string_view hex, std::string& out);

}  // namespace cellemu::core
