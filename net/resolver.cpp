#include "net/resolver.h"

#include <algorithm>

#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>

#include "emulator/core/logging.h"

namespace cellemu::net {

namespace asio = boost::asio;

struct Resolver::Request {
  Request(asio::io_context& io, core::TimerService& timers) : resolver(io), timer(timers) {}
  asio::ip::tcp::resolver resolver;
  core::Timer timer;
  Callback cb;
  bool done = false;
  void complete(std::optional<NetError> err, Addresses addrs) {
    if (done) return;
    done = true;
    timer.cancel();
    resolver.cancel();
    auto fn = std::move(cb);
    fn(err, std::move(addrs));
  }
};

Resolver::Resolver(asio::io_context& io, core::TimerService& timers, const NetConfig& config,
                   std::shared_ptr<core::FaultBoundary> boundary)
    : io_(io), timers_(timers), config_(config), boundary_(std::move(boundary)) {}

// Answers reach the model inside its fault boundary.
Resolver::Callback Resolver::guarded(Callback cb) const {
  if (!boundary_) return cb;
  return [boundary = boundary_, cb = std::move(cb)](std::optional<NetError> e, Addresses a) {
    boundary->run("a DNS answer", [&] { cb(e, std::move(a)); });
  };
}

Resolver::~Resolver() {
  *alive_ = false;
}

namespace {
std::optional<asio::ip::address> literal(const std::string& name) {
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(name, ec);
  if (ec) return std::nullopt;
  return addr;
}
}  // namespace

void Resolver::resolve_virtual(const std::string& name, Callback cb) {
  auto post = [this, alive = alive_, cb = guarded(std::move(cb))](std::optional<NetError> e,
                                                                  Addresses a) {
    asio::post(io_, [alive, cb, e, a = std::move(a)]() mutable {
      if (*alive) cb(e, std::move(a));
    });
  };
  if (auto addr = literal(name)) return post(std::nullopt, {*addr});
  if (failing_) return post(NetError::DnsFailure, {});
  if (const auto* entries = config_.lookup_host(name)) {
    Addresses out;
    for (const auto& e : *entries) {
      if (auto addr = literal(e)) out.push_back(*addr);
    }
    if (out.empty()) return post(NetError::DnsFailure, {});
    return post(std::nullopt, std::move(out));
  }
  if (config_.dns == NetConfig::DnsMode::Static) return post(NetError::DnsFailure, {});
  system_lookup(name, std::move(post));
}

namespace {
// A --route takes `host` (a name or an address) somewhere else, on some port.
bool routed(const NetConfig& config, const std::string& host) {
  return std::any_of(config.routes.begin(), config.routes.end(), [&](const Route& r) {
    return r.host == "*" || boost::algorithm::iequals(r.host, host);
  });
}
}  // namespace

void Resolver::lookup(const std::string& name, Callback cb) {
  const DestinationFilter& filter = config_.filter;
  if (filter.empty() || routed(config_, name)) return resolve_virtual(name, std::move(cb));
  if (filter.denies_name(name)) {
    core::logger("net")->info("DNS: {} refused by --deny", name);
    return fail_soon(std::move(cb));
  }
  resolve_virtual(name, [name, cb = std::move(cb), &config = config_](std::optional<NetError> err,
                                                                      Addresses addrs) {
    if (!err) {
      std::erase_if(addrs, [&](const boost::asio::ip::address& a) {
        return !config.filter.permits({name}, a) && !routed(config, a.to_string());
      });
      if (addrs.empty()) {
        core::logger("net")->info("DNS: {} resolves only where --allow/--deny forbid", name);
        err = NetError::DnsFailure;
      }
    }
    cb(err, std::move(addrs));
  });
}

void Resolver::fail_soon(Callback cb) {
  asio::post(io_, [alive = alive_, cb = guarded(std::move(cb))] {
    if (*alive) cb(NetError::DnsFailure, {});
  });
}

void Resolver::resolve_real(const std::string& name, Callback cb) {
  cb = guarded(std::move(cb));
  if (auto addr = literal(name)) {
    asio::post(io_, [alive = alive_, cb = std::move(cb), addr = *addr] {
      if (*alive) cb(std::nullopt, {addr});
    });
    return;
  }
  system_lookup(name, std::move(cb));
}

void Resolver::system_lookup(const std::string& name, Callback cb) {
  auto request = std::make_shared<Request>(io_, timers_);
  request->cb = std::move(cb);
  request->timer.start(config_.dns_timeout, [request, alive = alive_] {
    if (*alive) request->complete(NetError::DnsTimeout, {});
  });
  if (host_lookup_) {
    host_lookup_(name, [request, alive = alive_](std::optional<NetError> e, Addresses a) {
      if (*alive) request->complete(e, std::move(a));
    });
    return;
  }
  request->resolver.async_resolve(
      name, "",
      [request, alive = alive_, name](const boost::system::error_code& ec,
                                      asio::ip::tcp::resolver::results_type results) {
        if (!*alive) return;
        if (ec) {
          core::logger("net")->debug("looking up {}: {}", name, ec.message());
          return request->complete(NetError::DnsFailure, {});
        }
        Addresses out;
        for (const auto& entry : results) {
          const auto addr = entry.endpoint().address();
          if (std::find(out.begin(), out.end(), addr) == out.end()) out.push_back(addr);
        }
        // Decided before `out` is handed over: argument evaluation order is unspecified (GCC
        // moves `out` first, which made every system lookup fail).
        const auto error = out.empty() ? std::optional(NetError::DnsFailure) : std::nullopt;
        request->complete(error, std::move(out));
      });
}

}  // namespace cellemu::net
