#pragma once

#include <memory>

#include "emulator/app/app_options.h"
#include "emulator/scenario/scenario.h"
#include "net/net_config.h"

namespace cellemu::app {

// The network view the options describe; nullptr (after logging why) when one is malformed.
std::shared_ptr<const net::NetConfig> make_net_config(const AppOptions& options);

// The fault scenario of --scenario FILE or the config file's scenario: key, if any; `ok` false
// (after logging the file, line and reason) when it is invalid.
std::optional<scenario::Scenario> load_scenario(const AppOptions& options, bool& ok);

// Runs the emulator (every modem of --count) until SIGINT, SIGTERM, SIGHUP or SIGQUIT; returns the
// exit code.
int run_emulator(const AppOptions& options);

}  // namespace cellemu::app
