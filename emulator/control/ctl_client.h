#pragma once

#include <string>
#include <vector>

namespace cellemu::control {

// `cellemu ctl`: sends one verb to the emulator's control socket (ControlServer), prints `ok` or
// the status as JSON on stdout, or the reason on stderr. Returns the process exit code: 0 done,
// 1 refused (the reason printed), 2 no emulator answering at `path`.
int run_ctl(const std::string& path, int modem, const std::vector<std::string>& words);

}  // namespace cellemu::control
