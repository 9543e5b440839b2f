#include "emulator/app/modem_shard.h"

#include <exception>

#include <boost/asio/executor_work_guard.hpp>

#include "emulator/core/logging.h"

namespace cellemu::app {

ModemShard::~ModemShard() {
  modems_.clear();
  // Aborted socket operations still hold links, and links hold timers: let them finish while
  // the timer service exists.
  io_.restart();
  io_.poll();
}

void ModemShard::settle() {
  auto pending = [this] {
    for (const auto& m : modems_) {
      if (m->queued_output() > 0) return true;
    }
    return false;
  };
  // Unpaced output is in the pty after a few rounds; paced output (--baud) takes its byte times,
  // so wait for it, within a bound (a 50-baud line would take seconds).
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (pending() && std::chrono::steady_clock::now() < until) {
    io_.run_one_for(std::chrono::milliseconds(10));
  }
  // Ready to run() even if the loop ran out of work above. Done here, before any thread starts:
  // a restart() at the start of run() could undo a stop() from an early signal.
  io_.restart();
}

// Every modem contains its own faults (session::ModemSession's boundary); what still escapes
// comes from outside any modem (a port, a channel decorator) and must not end the other modems'
// thread either: logged, and the loop runs on.
void ModemShard::run() {
  auto work = boost::asio::make_work_guard(io_);
  for (;;) {
    try {
      io_.run();
      return;
    } catch (const std::exception& e) {
      contained(e.what());
    } catch (...) {
      contained("an exception of unknown type");
    }
  }
}

void ModemShard::contained(const char* what) {
  core::logger("app")->error(
      "internal error outside any modem's boundary: {} (contained: the "
      "thread's modems go on)",
      what);
  // A timer callback that threw left the timer service unarmed: arming it again keeps every
  // other timer of the shard alive.
  timers_.schedule(core::Duration::zero(), [] {});
}

}  // namespace cellemu::app
