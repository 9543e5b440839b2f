#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "emulator/app/app_options.h"

namespace cellemu::app {

// --config FILE: a YAML mapping whose keys are the long option names without the leading
// dashes (count: 5, log-level: debug, host: [a.example=127.0.0.1]), plus
//   profiles:  per-model profile overrides (ProfileOverrides)
//   scenario:  a fault scenario, kept for a later version (parsed, not applied)
// Options already given on the command line keep their command-line value. Values go through
// the same checks as on the command line. Unknown keys, wrong types and invalid values are
// errors naming the line, e.g. "bench.yaml:3: count: Value 0 not in range 1 to 10000".
class ConfigFile {
 public:
  // Applies `options.config` to `app` (already parsed) and `options`; returns an error message.
  static std::optional<std::string> apply(CLI::App& app, AppOptions& options);
  // The same from YAML text (tests); `name` is used in messages.
  static std::optional<std::string> apply_text(const std::string& text, const std::string& name,
                                               CLI::App& app, AppOptions& options);
};

}  // namespace cellemu::app
