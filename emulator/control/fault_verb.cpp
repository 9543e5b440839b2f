#include "emulator/control/fault_verb.h"

namespace cellemu::control {

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
