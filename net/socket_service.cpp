#include "net/socket_service.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>

#include "emulator/core/logging.h"
#include "net/tcp_link.h"
#include "net/tcp_listener.h"
#include "net/udp_link.h"

namespace cellemu::net {

namespace asio = boost::asio;

SocketService::SocketService(asio::io_context& io, core::TimerService& timers,
                             const NetConfig& config, std::shared_ptr<core::FaultBoundary> boundary)
    : io_(io),
      timers_(timers),
      config_(config),
      boundary_(std::move(boundary)),
      resolver_(io, timers, config, boundary_) {
  conditions_.nat = config.nat;
}

SocketService::~SocketService() {
  for (const auto& weak : links_) {
    if (auto link = weak.lock()) link->release();
  }
}

namespace {
void fail_connect(const std::shared_ptr<Link>& link, NetError error) {
  if (auto tcp = std::dynamic_pointer_cast<TcpLink>(link)) return tcp->fail_connect(error);
  std::static_pointer_cast<UdpLink>(link)->fail_connect(error);
}
}  // namespace

std::shared_ptr<Link> SocketService::open(const LinkSpec& spec, LinkHandler& handler,
                                          const OpenOptions& options) {
  std::shared_ptr<Link> link;
  if (spec.protocol == Protocol::Tcp) {
    TcpLink::Options tcp;
    tcp.tls = options.tls;
    tcp.server_name = options.server_name.empty() ? spec.host : options.server_name;
    tcp.connect_timeout = config_.connect_timeout;
    tcp.handshake_timeout = options.handshake_timeout;
    link = TcpLink::create(io_, context(), spec, std::move(tcp));
  } else {
    link = UdpLink::create(io_, context(), spec);
  }
  link->set_handler(&handler);
  remember(link);
  switch (conditions_.connect_fault) {
    case ConnectFault::None:
      break;
    case ConnectFault::Refuse:
      asio::post(io_, [link] { fail_connect(link, NetError::Refused); });
      return link;
    case ConnectFault::Timeout:  // SYNs vanish: nothing happens unless a connect timeout is set
      if (config_.connect_timeout) {
        timers_.schedule(*config_.connect_timeout, [weak = std::weak_ptr<Link>(link)] {
          if (auto l = weak.lock()) fail_connect(l, NetError::Timeout);
        });
      }
      return link;
  }

  // A route for the name itself needs no DNS: the firmware's hard-coded server is a test server.
  const auto routed = config_.route(spec.host, spec.port);
  if (routed.first != spec.host || routed.second != spec.port) {
    boost::system::error_code ec;
    asio::ip::make_address(spec.host, ec);
    if (ec && resolver_.failing()) {  // an injected DNS failure hits routed names as well
      asio::post(io_, [link] { fail_connect(link, NetError::DnsFailure); });
      return link;
    }
    const auto* known = config_.lookup_host(spec.host);
    std::string virtual_ip;
    if (!ec) {
      virtual_ip = spec.host;
    } else if (known && !known->empty()) {
      virtual_ip = known->front();
    }
    resolve_target(link, virtual_ip);
    return link;
  }
  resolver_.resolve_virtual(
      spec.host, [this, link](std::optional<NetError> err, Resolver::Addresses addrs) {
        if (err) {
          core::logger("net")->info("link {}: {}:{} {}", link->id(), link->spec().host,
                                    link->spec().port, describe(*err));
          return fail_connect(link, *err);
        }
        resolve_target(link, addrs.front().to_string());
      });
  return link;
}

// Maps the virtual peer to the real one, resolves that, and connects.
void SocketService::resolve_target(std::shared_ptr<Link> link, std::string virtual_ip) {
  const auto& spec = link->spec();
  // A route on the name as given wins, then one on the address it resolved to; without either
  // the link goes to the resolved address itself.
  // Plain variables, not a structured binding: the lambda below captures them (clang 14).
  std::string host;
  std::uint16_t port = 0;
  std::tie(host, port) = config_.route(spec.host, spec.port);
  if (host == spec.host && port == spec.port && !virtual_ip.empty()) {
    std::tie(host, port) = config_.route(virtual_ip, spec.port);
  }
  resolver_.resolve_real(host, [link, host, port, virtual_ip, &filter = config_.filter](
                                   std::optional<NetError> err, Resolver::Addresses addrs) {
    auto log = core::logger("net");
    if (err) {
      log->info("link {}: route target of {}:{} {}", link->id(), link->spec().host,
                link->spec().port, describe(*err));
      return fail_connect(link, *err);
    }
    const std::vector<std::string> names = {link->spec().host, host};
    std::erase_if(addrs, [&](const auto& a) { return !filter.permits(names, a); });
    if (addrs.empty()) {
      log->warn("link {}: {}:{} refused by --allow/--deny", link->id(), link->spec().host,
                link->spec().port);
      return fail_connect(link, NetError::Blocked);
    }
    const std::string reported = virtual_ip.empty() ? addrs.front().to_string() : virtual_ip;
    log->debug("link {}: {}:{} -> {}:{}", link->id(), link->spec().host, link->spec().port,
               addrs.front().to_string(), port);
    if (auto tcp = std::dynamic_pointer_cast<TcpLink>(link)) {
      std::vector<asio::ip::tcp::endpoint> endpoints;
      for (const auto& a : addrs) endpoints.emplace_back(a, port);
      return tcp->connect(std::move(endpoints), reported);
    }
    std::vector<asio::ip::udp::endpoint> endpoints;
    for (const auto& a : addrs) endpoints.emplace_back(a, port);
    std::static_pointer_cast<UdpLink>(link)->connect(endpoints, reported);
  });
}

void SocketService::remember(const std::shared_ptr<Link>& link) {
  std::erase_if(links_, [](const std::weak_ptr<Link>& w) { return w.expired(); });
  links_.push_back(link);
}

void SocketService::nat_policy_changed() {
  for (const auto& weak : links_) {
    if (auto link = weak.lock()) link->nat_policy_changed();
  }
}

std::shared_ptr<Link> SocketService::listen(const LinkSpec& spec, LinkHandler& handler,
                                            std::optional<NetError>& error) {
  if (spec.protocol == Protocol::Tcp) {
    auto listener = TcpListener::create(io_, context(), spec);
    listener->set_handler(&handler);
    listener->set_adopt_hook([this](const std::shared_ptr<Link>& link) { remember(link); });
    remember(listener);
    error = listener->listen(config_.listen_address, config_.filter);
    return listener;
  }
  auto service = UdpLink::create(io_, context(), spec);
  service->set_handler(&handler);
  remember(service);
  error = service->bind_service(config_.listen_address, config_.filter);
  return service;
}

}  // namespace cellemu::net
