#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>

#include "emulator/core/fault_boundary.h"
#include "emulator/core/timer_service.h"
#include "net/net_config.h"
#include "net/net_error.h"

namespace cellemu::net {

// Asynchronous name resolution with a deadline on the emulated clock. The module's view
// (resolve_virtual) answers IP literals, then the hosts table, then the host resolver unless DNS
// is static; real targets (route destinations) always use the host resolver.
class Resolver {
 public:
  using Addresses = std::vector<boost::asio::ip::address>;
  using Callback = std::function<void(std::optional<NetError>, Addresses)>;

  // Every answer reaches its callback inside `boundary` (the modem's), when given.
  Resolver(boost::asio::io_context& io, core::TimerService& timers, const NetConfig& config,
           std::shared_ptr<core::FaultBoundary> boundary = nullptr);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  void resolve_virtual(const std::string& name, Callback cb);
  // The module's own DNS (AT+CDNSGIP, AT+IPDNSR): resolve_virtual within --allow/--deny, so DNS
  // answers nothing the module could not connect to. A name a deny rule names is not looked up
  // at all; addresses the filter forbids are left out, unless a --route sends the name or the
  // address elsewhere (the route's target is checked when a connection opens); with nothing
  // left the lookup fails like an unknown name.
  void lookup(const std::string& name, Callback cb);
  void resolve_real(const std::string& name, Callback cb);
  // Fault injection: every lookup of a name fails (true) until cleared; IP literals need no DNS.
  void set_failing(bool failing) { failing_ = failing; }
  bool failing() const { return failing_; }
  // Replaces the host resolver (tests: a DNS server that never answers). The deadline still
  // applies.
  using HostLookup = std::function<void(const std::string& name, Callback done)>;
  void set_host_lookup(HostLookup lookup) { host_lookup_ = std::move(lookup); }

 private:
  struct Request;
  void system_lookup(const std::string& name, Callback cb);
  void fail_soon(Callback cb);
  Callback guarded(Callback cb) const;

  boost::asio::io_context& io_;
  core::TimerService& timers_;
  const NetConfig& config_;
  bool failing_ = false;
  HostLookup host_lookup_;
  std::shared_ptr<core::FaultBoundary> boundary_;
  // Requests in flight; their callbacks are dropped when the resolver goes away.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace cellemu::net
