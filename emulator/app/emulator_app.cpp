#include "emulator/app/emulator_app.h"

#include <sys/resource.h>

#include <csignal>

#include "emulator/app/fleet.h"
#include "emulator/core/logging.h"

namespace cellemu::app {

namespace {

// --host and --route: the module's DNS and where its connections really go.
bool add_names(const AppOptions& options, net::NetConfig& net) {
  auto log = core::logger("app");
  for (const auto& h : options.hosts) {
    if (!net.add_host(h)) {
      log->error("--host '{}': expected NAME=IP[,IP...], e.g. --host example.com=127.0.0.1", h);
      return false;
    }
  }
  for (const auto& r : options.routes) {
    auto route = net::Route::parse(r);
    if (!route) {
      log->error(
          "--route '{}': expected HOST[:PORT]=TARGET[:PORT], e.g. "
          "--route 112.125.89.8:37076=127.0.0.1:9000",
          r);
      return false;
    }
    net.routes.push_back(*route);
  }
  return true;
}

bool add_filter(const AppOptions& options, net::NetConfig& net) {
  std::string error;
  for (const auto& rule : options.allow) {
    if (!net.filter.allow(rule, error)) {
      core::logger("app")->error("--allow {}", error);
      return false;
    }
  }
  for (const auto& rule : options.deny) {
    if (!net.filter.deny(rule, error)) {
      core::logger("app")->error("--deny {}", error);
      return false;
    }
  }
  return true;
}

}  // namespace

std::shared_ptr<const net::NetConfig> make_net_config(const AppOptions& options) {
  auto net = std::make_shared<net::NetConfig>();
  if (!add_names(options, *net) || !add_filter(options, *net)) return nullptr;
  net->dns =
      options.dns == "static" ? net::NetConfig::DnsMode::Static : net::NetConfig::DnsMode::System;
  if (options.connect_timeout > core::Duration::zero()) {
    net->connect_timeout = options.connect_timeout;
  }
  net->listen_address = options.listen_address;
  // Durations were checked and parsed with the options (option_checks.h); the specific ones win.
  net->nat.tcp_idle = options.nat_idle_tcp.value_or(options.nat_idle.value_or(net->nat.tcp_idle));
  net->nat.udp_idle = options.nat_idle_udp.value_or(options.nat_idle.value_or(net->nat.udp_idle));
  return net;
}

std::optional<scenario::Scenario> load_scenario(const AppOptions& options, bool& ok) {
  ok = true;
  if (options.scenario_file.empty()) return options.scenario;
  std::string error;
  auto loaded = scenario::load_scenario(options.scenario_file, error);
  if (!loaded) {
    core::logger("app")->error("scenario refused: {}", error);
    ok = false;
  }
  return loaded;
}

namespace {
// A fleet needs about two descriptors per modem (pty master and slave) plus its sockets; the
// soft limit is often 1024 while the hard one is far higher.
void raise_descriptor_limit(const AppOptions& options) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  if (lim.rlim_cur < lim.rlim_max) {
    const rlimit raised{lim.rlim_max, lim.rlim_max};
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;
  }
  const rlim_t needed = 64 + options.count * (options.listen.empty() ? 2 : 4);
  if (lim.rlim_cur != RLIM_INFINITY && lim.rlim_cur < needed) {
    core::logger("app")->warn(
        "open-file limit {} may be too low for {} modems (about {} needed; raise it with "
        "ulimit -n or the container's nofile limit)",
        lim.rlim_cur, options.count, needed);
  }
}
}  // namespace

int run_emulator(const AppOptions& options) {
  auto log = core::logger("app");
  std::signal(SIGPIPE, SIG_IGN);
  raise_descriptor_limit(options);
  auto net = make_net_config(options);
  if (!net) return 2;
  bool ok = false;
  auto scenario = load_scenario(options, ok);
  if (!ok) return 2;
  auto fleet = Fleet::open(options, std::move(net), std::move(scenario));
  if (!fleet) return 1;
  return fleet->run();
}

}  // namespace cellemu::app
