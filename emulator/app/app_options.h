#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "emulator/app/profile_overrides.h"
#include "emulator/core/clock.h"
#include "emulator/scenario/scenario.h"

namespace cellemu::app {

// Where Debian (and Ubuntu) keep the host's CA bundle: the default built-in root store.
inline constexpr const char* kSystemCaBundle = "/etc/ssl/certs/ca-certificates.crt";

// Everything `cellemu` (the emulator itself, no subcommand) can be told on its command line or
// in its --config file.
struct AppOptions {
  // The module.
  std::string model = "air780ep";
  std::string timing = "fast";
  double time_scale = 1.0;
  // Front ends and fleets.
  std::string link;
  std::string listen;             // HOST:PORT
  core::Duration listen_idle{0};  // --listen-idle; 0: never
  std::size_t count = 1;
  unsigned threads = 0;  // 0: min(2, cores)
  // The serial line.
  std::string baud = "off";  // off | auto | N
  std::string trace;
  std::string trace_json;
  // The network the module sees.
  std::vector<std::string> hosts;   // NAME=IP[,IP]
  std::vector<std::string> routes;  // HOST[:PORT]=TARGET[:PORT]
  std::string dns = "system";
  core::Duration connect_timeout{0};  // 0: as long as the host kernel tries
  std::string listen_address = "127.0.0.1";
  std::vector<std::string> allow;  // CIDR or host name
  std::vector<std::string> deny;
  std::optional<core::Duration> nat_idle;  // both protocols; 0 = off; unset: the default
  std::optional<core::Duration> nat_idle_tcp;
  std::optional<core::Duration> nat_idle_udp;
  std::string fs_dir;   // module file system on a host folder
  std::string sms_log;  // --sms-log FILE: JSON lines, one per message through the SMSC
  // The modules' built-in root store (PEM bundle); empty: the host's system bundle.
  std::string ca_bundle;
  // held | immediate | race; empty: the profile's urc_timing (held unless a config sets it).
  std::string urc_timing;
  // Faults.
  std::string control;        // Unix socket path for `cellemu ctl`
  std::string scenario_file;  // --scenario FILE
  std::string report;         // --report FILE (JSON) and FILE.txt
  // Logs and configuration.
  std::string log_level = "info";
  std::string log_format = "text";
  std::string config;
  // Hidden, for tests: the command line AT<test_throw_on> throws inside the modem.
  std::string test_throw_on;

  // From the config file only: per-model profile overrides, and an inline fault scenario
  // (validated like a --scenario file; --scenario on the command line wins).
  ProfileOverrides profile_overrides;
  std::optional<scenario::Scenario> scenario;

  unsigned effective_threads() const;
};

// Registers the emulator's options, with help text and examples, on the top-level app. Duration
// and scale options are checked and parsed by core/duration_parser (see option_checks.h).
void add_emulator_options(CLI::App& app, AppOptions& options);

}  // namespace cellemu::app
