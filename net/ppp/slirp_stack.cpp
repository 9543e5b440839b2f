#include "net/ppp/slirp_stack.h"

#include <arpa/inet.h>
#include <libslirp.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cstring>
#include <system_error>

#include <boost/asio/post.hpp>

#include "emulator/core/logging.h"
#include "net/ppp/wire.h"

namespace cellemu::net::ppp {
namespace asio = boost::asio;
namespace {
// A locally administered MAC for the one guest; slirp's own is derived from its address.
const std::string kGuestMac("\x02\x00\x00\x00\x00\x01", 6);
const std::string kBroadcastMac(6, '\xFF');
constexpr std::uint16_t kEtherIp = 0x0800;
constexpr std::uint16_t kEtherArp = 0x0806;
constexpr std::size_t kEthHeader = 14;
constexpr std::size_t kArpSize = 28;
constexpr std::uint16_t kArpRequest = 1;
constexpr std::uint16_t kArpReply = 2;

in_addr to_in(Ipv4 a) {
  in_addr r{};
  r.s_addr = htonl(a);
  return r;
}

short to_poll(int events) {
  short e = 0;
  if (events & SLIRP_POLL_IN) e |= POLLIN;
  if (events & SLIRP_POLL_OUT) e |= POLLOUT;
  if (events & SLIRP_POLL_PRI) e |= POLLPRI;
  return e;  // POLLERR and POLLHUP are always reported
}

int from_poll(short revents) {
  int e = 0;
  if (revents & POLLIN) e |= SLIRP_POLL_IN;
  if (revents & POLLOUT) e |= SLIRP_POLL_OUT;
  if (revents & POLLPRI) e |= SLIRP_POLL_PRI;
  if (revents & POLLERR) e |= SLIRP_POLL_ERR;
  if (revents & POLLHUP) e |= SLIRP_POLL_HUP;
  return e;
}

std::string arp(std::uint16_t op, const std::string& sha, Ipv4 sip, const std::string& tha,
                Ipv4 tip) {
  std::string a;
  append16(a, 1);  // Ethernet
  append16(a, kEtherIp);
  append8(a, 6);
  append8(a, 4);
  append16(a, op);
  a += sha;
  append32(a, sip);
  a += tha;
  append32(a, tip);
  return a;
}

int make_epoll() {
  const int fd = ::epoll_create1(EPOLL_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "epoll_create1");
  return fd;
}
}  // namespace

struct SlirpStack::SlirpTimer {
  explicit SlirpTimer(core::TimerService& timers) : timer(timers) {}
  SlirpTimerId id = SLIRP_TIMER_RA;
  void (*cb)(void*) = nullptr;  // the older timer_new form
  void* cb_opaque = nullptr;
  core::Timer timer;
};

struct SlirpCallbacks {
  static SlirpStack& self(void* opaque) { return *static_cast<SlirpStack*>(opaque); }

  static ssize_t send_packet(const void* buf, size_t len, void* opaque) {
    self(opaque).on_frame(std::string_view(static_cast<const char*>(buf), len));
    return static_cast<ssize_t>(len);
  }
  static void guest_error(const char* msg, void* opaque) {
    (void)opaque;
    core::logger("net")->debug("ppp: slirp: {}", msg);
  }
  static int64_t clock_get_ns(void* opaque) {
    return self(opaque).timers_.now().time_since_epoch().count();
  }
  static void* add_timer(SlirpStack& s, SlirpTimerId id, void (*cb)(void*), void* cb_opaque) {
    auto& t = s.slirp_timers_.emplace_back(s.timers_);
    t.id = id;
    t.cb = cb;
    t.cb_opaque = cb_opaque;
    return &t;
  }
  static void* timer_new(SlirpTimerCb cb, void* cb_opaque, void* opaque) {
    return add_timer(self(opaque), SLIRP_TIMER_RA, cb, cb_opaque);
  }
  static void* timer_new_opaque(SlirpTimerId id, void* cb_opaque, void* opaque) {
    return add_timer(self(opaque), id, nullptr, cb_opaque);
  }
  static void timer_free(void* timer, void* opaque) {
    self(opaque).slirp_timers_.remove_if([timer](const auto& t) { return &t == timer; });
  }
  static void timer_mod(void* timer, int64_t expire_ms, void* opaque) {
    SlirpStack& s = self(opaque);
    auto* t = static_cast<SlirpStack::SlirpTimer*>(timer);
    const core::TimePoint at{std::chrono::milliseconds(expire_ms)};
    t->timer.start(std::max(at - s.timers_.now(), core::Duration::zero()), [&s, t] {
      s.enter([&s, t] {
        if (t->cb) {
          t->cb(t->cb_opaque);
        } else {
          slirp_handle_timer(s.slirp_, t->id, t->cb_opaque);
        }
      });
      s.post_cycle();
    });
  }
  static void register_poll_fd(int fd, void* opaque) {
    (void)fd;
    (void)opaque;
  }
  // slirp closes the descriptor next: forget it before its number can be reused.
  static void unregister_poll_fd(int fd, void* opaque) {
    SlirpStack& s = self(opaque);
    if (s.registered_.erase(fd) != 0)
      ::epoll_ctl(s.epoll_.native_handle(), EPOLL_CTL_DEL, fd, nullptr);
  }
  static void notify(void* opaque) { self(opaque).post_cycle(); }
  static int add_poll(int fd, int events, void* opaque) {
    auto& fds = self(opaque).fds_;
    fds.push_back(pollfd{fd, to_poll(events), 0});
    return static_cast<int>(fds.size() - 1);
  }
  static int get_revents(int idx, void* opaque) {
    SlirpStack& s = self(opaque);
    if (idx < 0 || static_cast<std::size_t>(idx) >= s.fds_.size()) return 0;
    int revents = from_poll(s.fds_[static_cast<std::size_t>(idx)].revents);
    if (s.paused_) revents &= ~(SLIRP_POLL_IN | SLIRP_POLL_PRI);
    return revents;
  }
};

namespace {
const SlirpCb kCallbacks = {
    .send_packet = &SlirpCallbacks::send_packet,
    .guest_error = &SlirpCallbacks::guest_error,
    .clock_get_ns = &SlirpCallbacks::clock_get_ns,
    .timer_new = &SlirpCallbacks::timer_new,
    .timer_free = &SlirpCallbacks::timer_free,
    .timer_mod = &SlirpCallbacks::timer_mod,
    .register_poll_fd = &SlirpCallbacks::register_poll_fd,
    .unregister_poll_fd = &SlirpCallbacks::unregister_poll_fd,
    .notify = &SlirpCallbacks::notify,
    .init_completed = nullptr,
    .timer_new_opaque = &SlirpCallbacks::timer_new_opaque,
};
}  // namespace

SlirpStack::SlirpStack(asio::io_context& io, core::TimerService& timers, SlirpSetup setup,
                       Output output)
    : io_(io),
      timers_(timers),
      setup_(setup),
      output_(std::move(output)),
      epoll_(io, make_epoll()),
      poll_timer_(timers) {
  SlirpConfig cfg{};
  cfg.version = 4;
  cfg.in_enabled = true;
  cfg.vnetwork = to_in(setup_.host & setup_.netmask);
  cfg.vnetmask = to_in(setup_.netmask);
  cfg.vhost = to_in(setup_.host);
  cfg.vdhcp_start = to_in((setup_.host & setup_.netmask) | 15);
  cfg.vnameserver = to_in((setup_.host & setup_.netmask) | 3);
  cfg.if_mtu = setup_.mtu;
  cfg.if_mru = setup_.mtu;
  // slirp shows a client of an inbound forward on this machine's loopback as the module's own
  // address and answers its datagrams through that translation, so it stays on; the guest
  // cannot open anything to that address (PppNetwork refuses it: the loopback is reached only
  // where --route/--host send a flow). DNS is the PPP network's (the emulator's resolver),
  // never slirp's forwarding.
  cfg.disable_host_loopback = false;
  cfg.disable_dns = true;
  cfg.disable_dhcp = true;
  slirp_ = slirp_new(&cfg, &kCallbacks, this);
  if (!slirp_) throw std::runtime_error("libslirp refused its configuration");
  send_gratuitous_arp();
  cycle();
}

SlirpStack::~SlirpStack() {
  *alive_ = false;
  poll_timer_.cancel();
  slirp_cleanup(slirp_);  // closes its sockets (unregister_poll_fd still finds epoll_)
  slirp_timers_.clear();
}

template <typename Fn>
void SlirpStack::enter(Fn fn) {
  ++depth_;
  fn();
  --depth_;
  while (depth_ == 0 && !pending_.empty()) {
    std::string frame = std::move(pending_.front());
    pending_.pop_front();
    ++depth_;
    slirp_input(slirp_, reinterpret_cast<const uint8_t*>(frame.data()),
                static_cast<int>(frame.size()));
    --depth_;
  }
}

void SlirpStack::send_frame(std::uint16_t ethertype, std::string_view payload) {
  std::string frame;
  frame.reserve(kEthHeader + payload.size());
  frame += kBroadcastMac;
  frame += kGuestMac;
  append16(frame, ethertype);
  frame.append(payload);
  if (depth_ > 0) {
    if (pending_.size() < 256) pending_.push_back(std::move(frame));
    return;
  }
  enter([&] {
    slirp_input(slirp_, reinterpret_cast<const uint8_t*>(frame.data()),
                static_cast<int>(frame.size()));
  });
}

void SlirpStack::input(std::string_view ipv4) {
  send_frame(kEtherIp, ipv4);
  // New flows open host sockets: wait on them from now on.
  post_cycle();
}

// slirp learns the guest's MAC from a gratuitous ARP (its table then answers every packet).
void SlirpStack::send_gratuitous_arp() {
  send_frame(kEtherArp, arp(kArpRequest, kGuestMac, setup_.guest, kBroadcastMac, setup_.guest));
}

void SlirpStack::on_frame(std::string_view frame) {
  if (frame.size() < kEthHeader) return;
  const std::uint16_t type = get16(frame, 12);
  if (type == kEtherIp) return output_(std::string(frame.substr(kEthHeader)));
  if (type == kEtherArp) answer_arp(frame);
}

void SlirpStack::answer_arp(std::string_view frame) {
  const std::string_view a = frame.substr(kEthHeader);
  if (a.size() < kArpSize || get16(a, 6) != kArpRequest) return;
  const Ipv4 asker = get32(a, 14);
  if (get32(a, 24) != setup_.guest) return;
  send_frame(kEtherArp,
             arp(kArpReply, kGuestMac, setup_.guest, std::string(a.substr(8, 6)), asker));
}

bool SlirpStack::add_forward(bool udp, const std::string& host_address, std::uint16_t host_port,
                             std::uint16_t guest_port, std::string& error) {
  in_addr host{};
  if (::inet_pton(AF_INET, host_address.c_str(), &host) != 1) {
    error = "not an IPv4 address: " + host_address;
    return false;
  }
  if (slirp_add_hostfwd(slirp_, udp ? 1 : 0, host, host_port, to_in(setup_.guest), guest_port) !=
      0) {
    error = "cannot listen on " + host_address + ":" + std::to_string(host_port) + ": " +
            std::strerror(errno);
    return false;
  }
  post_cycle();
  return true;
}

void SlirpStack::set_reading_paused(bool paused) {
  if (paused_ == paused) return;
  paused_ = paused;
  post_cycle();
}

void SlirpStack::post_cycle() {
  if (cycle_posted_ || !*alive_) return;
  cycle_posted_ = true;
  asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
    if (auto a = alive.lock(); a && *a) cycle();
  });
}

// One round of slirp's poll loop: the readiness of the descriptors asked for last time (a
// zero-timeout poll), slirp's work on it and its timers, then what to wait for next.
void SlirpStack::cycle() {
  cycle_posted_ = false;
  int error = 0;
  if (!fds_.empty() && ::poll(fds_.data(), fds_.size(), 0) < 0) error = 1;
  std::uint32_t timeout = UINT32_MAX;
  enter([&] {
    slirp_pollfds_poll(slirp_, error, &SlirpCallbacks::get_revents, this);
    fds_.clear();
    slirp_pollfds_fill(slirp_, &timeout, &SlirpCallbacks::add_poll, this);
  });
  update_epoll();
  if (timeout == UINT32_MAX) {
    poll_timer_.cancel();
  } else {
    poll_timer_.start(std::chrono::milliseconds(timeout), [this] { cycle(); });
  }
  wait_epoll();
}

void SlirpStack::update_epoll() {
  std::map<int, std::uint32_t> wanted;
  for (const auto& p : fds_) {
    std::uint32_t events = 0;
    if ((p.events & POLLIN) && !paused_) events |= EPOLLIN;
    if ((p.events & POLLPRI) && !paused_) events |= EPOLLPRI;
    if (p.events & POLLOUT) events |= EPOLLOUT;
    if (events != 0) wanted[p.fd] |= events;
  }
  const int ep = epoll_.native_handle();
  for (auto it = registered_.begin(); it != registered_.end();) {
    if (wanted.count(it->first) == 0) {
      ::epoll_ctl(ep, EPOLL_CTL_DEL, it->first, nullptr);
      it = registered_.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& [fd, events] : wanted) {
    const auto it = registered_.find(fd);
    if (it != registered_.end() && it->second == events) continue;
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    // A descriptor slirp closed and reopened under the same number left the set by itself.
    if (it == registered_.end() || ::epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev) != 0) {
      if (::epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST) {
        ::epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
      }
    }
    registered_[fd] = events;
  }
}

// asio waits for the epoll descriptor edge-triggered: readiness that is already there would
// raise no new edge, so look first.
void SlirpStack::wait_epoll() {
  if (epoll_waiting_ || registered_.empty()) return;
  pollfd self{epoll_.native_handle(), POLLIN, 0};
  if (::poll(&self, 1, 0) > 0) return post_cycle();
  epoll_waiting_ = true;
  epoll_.async_wait(
      asio::posix::descriptor_base::wait_read,
      [this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
        auto a = alive.lock();
        if (!a || !*a) return;
        epoll_waiting_ = false;
        if (!ec) cycle();
      });
}

}  // namespace cellemu::net::ppp
