#include "emulator/control/fault_verb.h"

#include <nlohmann/json.hpp>

namespace cellemu::control {

nlohmann::json fault_ok() {
  return {{"ok", true}};
}

nlohmann::json fault_error(std::string message) {
  return {{"ok", false}, {"error", std::move(message)}};
}

std::string FaultVerb::usage() const {
  std::string text = verb;
  if (!sub.empty()) text += " " + sub;
  for (const auto& arg : args) text += " " + arg.usage();
  return text;
}

std::string FaultVerb::usage_explained() const {
  std::string explained;
  for (const auto& arg : args) {
    const std::string accepted = arg.accepted();
    if (accepted.empty()) continue;
    explained += (explained.empty() ? " with " : ", ") + arg.name + " " + accepted;
  }
  return usage() + explained;
}

}  // namespace cellemu::control
