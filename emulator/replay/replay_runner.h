#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "emulator/replay/output_matcher.h"
#include "emulator/replay/serial_log.h"

namespace cellemu::replay {

struct ReplayOptions {
  std::string model = "air780ep";
  std::vector<std::string> ignore;  // extra ignore rules (regex)
  bool echo_peers = false;          // peers echo what they get (default: they only listen)
  bool show_all = false;            // print matching steps too
  std::chrono::milliseconds settle{300};
};

struct StepResult {
  int line = 0;
  std::string host;  // what the host sent (escaped), or "(power-up)"
  std::vector<DiffRow> rows;
  bool same = true;
};

struct ReplayResult {
  std::vector<StepResult> steps;
  std::size_t differing = 0;
  std::string error;  // set when the replay could not run at all
};

// Replays the host side of a serial log against a fresh emulator and compares what the module
// side said, step by step (one step = one host entry and the module output until the next).
// Every address the log connects to is served by local loopback peers that listen (or echo);
// names DNS could never resolve still fail, as on the real network.
ReplayResult replay_log(const std::vector<LogEntry>& log, const ReplayOptions& options);

// "replay: FILE (model): N steps, M differ" and a diff of each differing step.
std::string render_result(const ReplayResult& result, const std::string& file,
                          const ReplayOptions& options);

// `cellemu replay`: exit 0 when the log and the emulator agree, 1 when they differ, 2 when the
// log cannot be read.
int run_replay(const std::string& file, const ReplayOptions& options);

}  // namespace cellemu::replay
