#pragma once

#include <memory>
#include <vector>

#include <boost/asio/detail/concurrency_hint.hpp>
#include <boost/asio/io_context.hpp>

#include "emulator/app/modem_instance.h"
#include "emulator/core/asio_timer_service.h"

namespace cellemu::app {

// The modems one thread runs: one io_context, one timer service, the modems living on them.
// Nothing in a shard is touched by another thread while it runs (the trace files are shared,
// see port::TraceLog; the network configuration is shared read-only).
class ModemShard {
 public:
  explicit ModemShard(double time_scale)
      : io_(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO), timers_(io_, time_scale) {}
  ~ModemShard();
  ModemShard(const ModemShard&) = delete;
  ModemShard& operator=(const ModemShard&) = delete;

  boost::asio::io_context& io() { return io_; }
  core::AsioTimerService& timers() { return timers_; }

  void add(std::unique_ptr<ModemInstance> modem) { modems_.push_back(std::move(modem)); }
  // Runs ready work until the modems' power-up output has reached their ports, so a host that
  // opens a port after reading its name sees (or flushes) it deterministically.
  void settle();
  // Runs until stop() (callable from any thread), whatever a handler throws.
  void run();
  void stop() { io_.stop(); }

 private:
  void contained(const char* what);

  // Declaration order is destruction order in reverse: modems go first, while the timer
  // service and the io_context their timers and sockets belong to still exist.
  // One thread runs the shard and its modems' ports and sockets are used by it alone (they are
  // created before it starts): no locking around descriptor I/O. Posts and stop() from other
  // threads (control requests, signals) stay safe: the scheduler still locks.
  boost::asio::io_context io_;
  core::AsioTimerService timers_;
  std::vector<std::unique_ptr<ModemInstance>> modems_;
};

}  // namespace cellemu::app
