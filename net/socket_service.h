#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "emulator/core/timer_service.h"
#include "net/link.h"
#include "net/net_config.h"
#include "net/network_conditions.h"
#include "net/resolver.h"
#include "tls/stream.h"

namespace cellemu::net {

// Per-link extras a model may ask for.
struct OpenOptions {
  std::shared_ptr<const tls::StreamFactory> tls;
  std::string server_name;  // TLS name; the host name the module was given by default
  std::optional<core::Duration> handshake_timeout;
};

// Opens the module's sockets on the host: resolves names as the module sees them (hosts table,
// then the host resolver), applies routes (virtual server -> real one) and hands out Links.
// One per modem; vendor-neutral (models translate its events into their own URCs).
class SocketService {
 public:
  // `boundary`: the modem's; every socket event and DNS answer reaches the model inside it.
  SocketService(boost::asio::io_context& io, core::TimerService& timers, const NetConfig& config,
                std::shared_ptr<core::FaultBoundary> boundary = nullptr);
  // Releases every link it made that pending I/O still holds (Link::release): they must not
  // touch this modem's clock, conditions or model once it is gone.
  ~SocketService();
  SocketService(const SocketService&) = delete;
  SocketService& operator=(const SocketService&) = delete;

  // A client link (TCP, or UDP "connected" to one peer). Always asynchronous: the outcome arrives
  // through the handler after the command that asked has answered.
  std::shared_ptr<Link> open(const LinkSpec& spec, LinkHandler& handler,
                             const OpenOptions& options = {});
  // A listener (TCP) or service (UDP) bound at once on the configured listen address.
  std::shared_ptr<Link> listen(const LinkSpec& spec, LinkHandler& handler,
                               std::optional<NetError>& error);
  // The module's DNS (AT+CDNSGIP, AT+IPDNSR), within --allow/--deny (Resolver::lookup).
  void lookup(const std::string& name, Resolver::Callback cb) {
    resolver_.lookup(name, std::move(cb));
  }

  Resolver& resolver() { return resolver_; }
  const NetConfig& config() const { return config_; }
  // The radio link's behaviour for this modem's links (faults change it live).
  NetworkConditions& conditions() { return conditions_; }
  // conditions().nat changed: links already open apply the new idle timeouts at once.
  void nat_policy_changed();
  // What this modem's links carried (kept beyond the service: reports read it at exit).
  std::shared_ptr<LinkJournal> journal() const { return journal_; }

 private:
  void resolve_target(std::shared_ptr<Link> link, std::string virtual_ip);
  LinkContext context() { return {timers_, conditions_, journal_, boundary_}; }
  void remember(const std::shared_ptr<Link>& link);

  boost::asio::io_context& io_;
  core::TimerService& timers_;
  const NetConfig& config_;
  std::shared_ptr<core::FaultBoundary> boundary_;
  Resolver resolver_;
  NetworkConditions conditions_;
  std::shared_ptr<LinkJournal> journal_ = std::make_shared<LinkJournal>();
  // Every link handed out, for changes that reach the ones already open.
  std::vector<std::weak_ptr<Link>> links_;
};

}  // namespace cellemu::net
