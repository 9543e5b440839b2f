#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "emulator/core/duration_parser.h"

namespace cellemu::app {

// Options whose values go through core's one duration / number parser, with the range of the
// field. The check runs for the command line and for --config values alike (ConfigFile feeds
// them through the same options), and its message names what is accepted:
//   --connect-timeout: expected a duration from 0 to 1d such as 500ms, 30s or 10m (...), got
//   '1e308'

CLI::Validator duration_check(const core::DurationRange& range);
CLI::Validator number_check(const core::NumberRange& range);

// `name DURATION`, stored parsed in `target` (a Duration, or an optional one left empty when the
// option is not given).
CLI::Option* add_duration_option(CLI::App& app, const std::string& name, core::Duration& target,
                                 const core::DurationRange& range, const std::string& help);
CLI::Option* add_duration_option(CLI::App& app, const std::string& name,
                                 std::optional<core::Duration>& target,
                                 const core::DurationRange& range, const std::string& help);

// `name X` for a bounded number (--time-scale), stored parsed in `target`.
CLI::Option* add_number_option(CLI::App& app, const std::string& name, double& target,
                               const core::NumberRange& range, const std::string& help);

}  // namespace cellemu::app
