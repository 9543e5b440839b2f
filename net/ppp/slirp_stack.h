#pragma once

#include <poll.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "emulator/core/timer_service.h"
#include "net/ppp/ipcp.h"

struct Slirp;

namespace cellemu::net::ppp {

// Where the slirp network sits: its own address (the module, 192.168.20.1), its /24 and the
// one guest, the PPP peer, whose address may lie outside it (the PDN address).
struct SlirpSetup {
  Ipv4 host = 0xC0A81401;
  Ipv4 netmask = 0xFFFFFF00;
  Ipv4 guest = 0;
  std::size_t mtu = 1500;
};

// libslirp (the user-mode TCP/IP stack QEMU uses) as the Internet behind one PPP call: IPv4
// datagrams from the peer in, datagrams for it out, real host sockets underneath. The
// Ethernet slirp expects is emulated here (one guest MAC, ARP answered). slirp's clock and
// timers are the injected TimerService; its sockets are watched through one epoll descriptor on
// the modem's io_context (no thread, no busy polling: one wake-up per readiness or per slirp
// timeout, at most every 500 ms while TCP connections exist). DNS and DHCP inside slirp are
// off: the PPP network answers DNS itself. libslirp 4.7 keeps one global clock value
// (`curtime`) for all instances; instances on other threads write it too, which only shifts
// slirp's internal timers by the few milliseconds between the shards' clocks.
class SlirpStack {
 public:
  using Output = std::function<void(std::string ipv4)>;

  SlirpStack(boost::asio::io_context& io, core::TimerService& timers, SlirpSetup setup,
             Output output);
  ~SlirpStack();
  SlirpStack(const SlirpStack&) = delete;
  SlirpStack& operator=(const SlirpStack&) = delete;

  void input(std::string_view ipv4);
  // A host port whose connections (or datagrams) go to the guest's `guest_port`.
  bool add_forward(bool udp, const std::string& host_address, std::uint16_t host_port,
                   std::uint16_t guest_port, std::string& error);
  // While paused slirp reads nothing from its host sockets (the pty toward the host is full):
  // TCP flow control pushes back on the real peers.
  void set_reading_paused(bool paused);
  bool reading_paused() const { return paused_; }

 private:
  // The libslirp callbacks (C ABI; their `opaque` is this).
  friend struct SlirpCallbacks;
  struct SlirpTimer;

  // Runs a call into slirp; guest packets that arrive meanwhile (from inside slirp's own
  // output) wait for it to return, as libslirp is not reentrant.
  template <typename Fn>
  void enter(Fn fn);
  void on_frame(std::string_view frame);
  void answer_arp(std::string_view frame);
  void send_gratuitous_arp();
  void send_frame(std::uint16_t ethertype, std::string_view payload);
  void post_cycle();
  void cycle();
  void watch(int poll_timeout_ms);
  void update_epoll();
  void wait_epoll();

  boost::asio::io_context& io_;
  core::TimerService& timers_;
  SlirpSetup setup_;
  Output output_;
  Slirp* slirp_ = nullptr;
  boost::asio::posix::stream_descriptor epoll_;
  bool epoll_waiting_ = false;
  core::Timer poll_timer_;
  std::vector<pollfd> fds_;
  std::map<int, std::uint32_t> registered_;  // fd -> epoll events
  std::list<SlirpTimer> slirp_timers_;
  bool paused_ = false;
  bool cycle_posted_ = false;
  int depth_ = 0;
  std::deque<std::string> pending_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace cellemu::net::ppp
