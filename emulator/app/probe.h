#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace cellemu::app {

// `cellemu probe TARGET`: is a running emulator answering? Sends "AT\r" to a modem's TCP
// front end (HOST:PORT, tcp://HOST:PORT) or pty (a path) and waits for OK. Exit 0 on OK, and
// also on BUSY (another client holds the TCP channel: the emulator is up and answering), 1
// otherwise. Made for container health checks, where no Python or socat is at hand.
struct ProbeOptions {
  std::string target;
  double timeout_s = 3;
};

CLI::App* add_probe_command(CLI::App& app, ProbeOptions& options);
int run_probe(const ProbeOptions& options);

}  // namespace cellemu::app
