#include "emulator/core/quote_input.h"

#include <fmt/format.h>

#include "emulator/core/bytes.h"

namespace cellemu::core {

std::string quote_input(std::string_view text, std::size_t keep) {
  if (text.size() <= keep) return "'" + escape_bytes(text, keep) + "'";
  return fmt::format("'{}...' ({} bytes)", escape_bytes(text.substr(0, keep), keep), text.size());
}

}  // namespace cellemu::core
