#include "emulator/control/fault_help.h"

#include <fmt/format.h>

namespace cellemu::control {
namespace {

constexpr std::size_t kUsageColumn = 36;

std::string accepted_lines(const FaultVerb& row) {
  std::string lines;
  for (const auto& arg : row.args) {
    const std::string accepted = arg.accepted();
    if (accepted.empty()) continue;
    lines += fmt::format("{:{}}{}: {}\n", "", kUsageColumn + 2, arg.name, accepted);
  }
  return lines;
}

}  // namespace

std::string usage_of(std::string_view verb, FaultVerbs verbs) {
  std::string text;
  for (const auto& row : verbs) {
    if (row.verb == verb) text += (text.empty() ? "" : " | ") + row.usage();
  }
  return text;
}

std::string verb_names(FaultVerbs verbs) {
  std::string text;
  for (std::size_t i = 0; i < verbs.size(); ++i) {
    if (i > 0 && verbs[i - 1].verb == verbs[i].verb) continue;
    text += (text.empty() ? "" : ", ") + verbs[i].verb;
  }
  return text;
}

std::string verbs_help(FaultVerbs verbs) {
  std::string text;
  for (const auto& row : verbs) {
    const std::string usage = row.usage();
    const std::string gap = usage.size() + 2 < kUsageColumn
                                ? std::string(kUsageColumn - usage.size() - 2, ' ')
                                : "\n" + std::string(kUsageColumn, ' ');
    text += "  " + usage + gap + row.help + "\n" + accepted_lines(row);
  }
  return text;
}

std::string verbs_summary(FaultVerbs verbs, std::size_t indent, std::size_t width) {
  std::string text;
  std::string line(indent, ' ');
  for (std::size_t i = 0; i < verbs.size(); ++i) {
    const std::string item = verbs[i].usage() + (i + 1 < verbs.size() ? "," : "");
    if (line.size() > indent && line.size() + 1 + item.size() > width) {
      text += line + "\n";
      line.assign(indent, ' ');
    }
    line += (line.size() > indent ? " " : "") + item;
  }
  return text + line + "\n";
}

}  // namespace cellemu::control
