// The fault vocabulary parser and the one duration / number parser on arbitrary text.
#include <chrono>
#include <cstdint>
#include <string>

#include "emulator/control/fault_command.h"
#include "emulator/core/duration_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace std::chrono_literals;
  std::string error;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)cellemu::control::parse_fault(text, error);
  (void)cellemu::core::parse_duration(text, {.max = 365 * 24h, .bare_unit = 1s}, &error);
  (void)cellemu::core::parse_duration(text, {.max = 1h, .bare_unit = 1ms}, &error);
  (void)cellemu::core::parse_number(text, {0.001, 1000}, &error);
  return 0;
}
