#pragma once

#include <string>
#include <string_view>

namespace cellemu::core {

// JSON string bodies (without the surrounding quotes) for logs and traces.

// Text that should be UTF-8: valid sequences pass through, quotes, backslashes and control
// characters are escaped, and a byte that is not part of valid UTF-8 becomes U+FFFD.
void append_json_utf8(std::string& out, std::string_view text);

// Arbitrary bytes, losslessly: each byte is the code point of the same value (ISO 8859-1), so
// ASCII stays readable and `data.encode("latin-1")` in Python gives the exact bytes back.
void append_json_latin1(std::string& out, std::string_view bytes);

}  // namespace cellemu::core
