// The fault vocabulary parser on arbitrary text.
#include <cstdint>
#include <string>

#include "emulator/control/fault_command.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)cellemu::control::parse_fault(text, error);
  (void)cellemu::control::parse_duration(text);
  return 0;
}
