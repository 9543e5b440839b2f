#include "emulator/app/emulator_app.h"

#include <csignal>
#include <cstdio>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "emulator/core/asio_timer_service.h"
#include "emulator/core/logging.h"
#include "emulator/port/pty_port.h"
#include "emulator/port/symlink_guard.h"
#include "emulator/session/modem_session.h"

namespace cellemu::app {

std::shared_ptr<const net::NetConfig> make_net_config(const AppOptions& options) {
  auto log = core::logger("app");
  auto net = std::make_shared<net::NetConfig>();
  for (const auto& h : options.hosts) {
    if (!net->add_host(h)) {
      log->error("--host '{}': expected NAME=IP[,IP...], e.g. --host example.com=127.0.0.1", h);
      return nullptr;
    }
  }
  for (const auto& r : options.routes) {
    auto route = net::Route::parse(r);
    if (!route) {
      log->error(
          "--route '{}': expected HOST[:PORT]=TARGET[:PORT], e.g. "
          "--route 112.125.89.8:37076=127.0.0.1:9000",
          r);
      return nullptr;
    }
    net->routes.push_back(*route);
  }
  net->dns =
      options.dns == "static" ? net::NetConfig::DnsMode::Static : net::NetConfig::DnsMode::System;
  if (options.connect_timeout_s > 0) {
    net->connect_timeout = std::chrono::duration_cast<core::Duration>(
        std::chrono::duration<double>(options.connect_timeout_s));
  }
  net->listen_address = options.listen_address;
  return net;
}

int run_emulator(const AppOptions& options) {
  auto log = core::logger("app");
  std::signal(SIGPIPE, SIG_IGN);

  session::SessionConfig config;
  if (!models::profile_by_name(options.model, config.profile)) {
    log->error("unknown model '{}'", options.model);
    return 2;
  }
  if (options.timing == "real") config.profile.timing = models::Timing::module_like();
  auto net = make_net_config(options);
  if (!net) return 2;
  config.net = std::move(net);

  boost::asio::io_context io;
  core::AsioTimerService timers(io, options.time_scale);

  std::error_code ec;
  auto port = port::PtyPort::open(io, ec);
  if (!port) {
    log->error("cannot open a pseudo-terminal: {} (is /dev/ptmx available?)", ec.message());
    return 1;
  }
  port::SymlinkGuard link;
  if (!options.link.empty()) {
    if (auto err = link.create(options.link, port->slave_path())) {
      log->error("cannot create link {} -> {}: {} (remove the file or pick another path)",
                 options.link, port->slave_path(), err.message());
      return 1;
    }
  }

  auto session = session::ModemSession::create(io, timers, port, config);
  session->start();
  // The power-up URCs are in the pty before anyone learns its name, so a host that opens the
  // port sees (or flushes) them deterministically.
  for (int i = 0; i < 100 && port->queued_output() > 0; ++i) io.poll();
  std::printf("%s\n", port->slave_path().c_str());
  std::fflush(stdout);
  log->info("{} ready on {}{}", options.model, port->slave_path(),
            options.link.empty() ? "" : " (link " + options.link + ")");

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& e, int signo) {
    if (e) return;
    log->info("signal {}: shutting down", signo);
    session.reset();
    io.stop();
  });
  io.run();
  session.reset();
  // Let the aborted socket operations release what they hold while the timers still exist.
  io.restart();
  io.poll();
  return 0;
}

}  // namespace cellemu::app
