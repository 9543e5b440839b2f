// Scenario files: arbitrary YAML is rejected with a reason, never a crash.
#include <cstdint>
#include <string>

#include "emulator/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  try {
    const YAML::Node root = YAML::Load(std::string(reinterpret_cast<const char*>(data), size));
    (void)cellemu::scenario::parse_scenario(root, "fuzz.yaml", error);
  } catch (const YAML::Exception&) {
    // The file loader reports these as FILE:LINE: message; nothing more to check here.
  }
  return 0;
}
