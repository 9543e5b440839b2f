#pragma once

#include "emulator/app/app_options.h"

namespace cellemu::app {

// Runs the emulator until SIGINT/SIGTERM; returns the process exit code.
int run_emulator(const AppOptions& options);

}  // namespace cellemu::app
