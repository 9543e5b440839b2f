#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/fault_boundary.h"
#include "emulator/core/timer_service.h"
#include "net/link_journal.h"
#include "net/net_error.h"
#include "net/network_conditions.h"

namespace cellemu::net {

enum class Protocol { Tcp, Udp };

// One socket the module opened, as the module describes it: protocol, the remote it was asked
// for, a local port (0 = any).
struct LinkSpec {
  Protocol protocol = Protocol::Tcp;
  std::string host;
  std::uint16_t port = 0;
  std::uint16_t local_port = 0;
};

enum class LinkState { Opening, Connected, Listening, Closed };

// What every link of a modem shares: the emulated clock and the network's conditions.
struct LinkContext {
  core::TimerService& timers;
  NetworkConditions& conditions;
  // Shared: links held by pending I/O may outlive the service that made them.
  std::shared_ptr<LinkJournal> journal;
  // The modem's fault boundary: every call into the handler runs inside it. Optional.
  std::shared_ptr<core::FaultBoundary> boundary = nullptr;
};

class Link;

// What a link reports to the model that owns it. All calls happen on the link's io_context.
class LinkHandler {
 public:
  virtual void on_connected(Link& link) = 0;
  virtual void on_connect_failed(Link& link, NetError error) = 0;
  // One chunk of at most the link's chunk size (by default what one read brought: a datagram
  // whole). `from` is the sender as the module reports it ("ip:port" split in two).
  virtual void on_data(Link& link, std::string_view chunk, const std::string& from_ip,
                       std::uint16_t from_port) = 0;
  // The link ended without the model asking (peer close, reset, error, network down).
  virtual void on_closed(Link& link, NetError reason) = 0;
  // The send queue emptied (everything handed to the host socket): a producer paused on
  // send_backlog() may continue.
  virtual void on_writable(Link& link) { (void)link; }
  // The carrier NAT dropped the link's mapping (idle timeout or an injected blackhole): traffic
  // is silently lost from now on while the link still looks connected (S0 FAQ 3). The module
  // itself notices nothing; models only log it.
  virtual void on_nat_lost(Link& link) { (void)link; }
  // A listener accepted a connection. Return true to adopt it (after set_handler on it); a
  // connection nobody adopts is closed (e.g. no free socket id).
  virtual bool on_accepted(Link& listener, std::shared_ptr<Link> connection) {
    (void)listener;
    (void)connection;
    return false;
  }

 protected:
  ~LinkHandler() = default;
};

// A virtual socket of the emulated module on a real host socket. Between the model and the
// socket sit the radio link's conditions: carrier NAT idle drops, delay, jitter, loss and rate
// limits, injected faults. Reads stop while paused (backpressure: TCP flow control reaches the
// peer, nothing is dropped); writes are queued with one in flight.
class Link : public std::enable_shared_from_this<Link> {
 public:
  // A chunk size that never cuts what one read brought.
  static constexpr std::size_t kWhole = std::numeric_limits<std::size_t>::max();

  virtual ~Link();
  Link(const Link&) = delete;
  Link& operator=(const Link&) = delete;

  // Queues data for the peer (one datagram per call on UDP). Returns false when the link cannot
  // send (not connected); the data is then dropped. Once the carrier NAT dropped the mapping the
  // data is accepted and silently lost, as on the real network (S0 FAQ 3).
  bool send(std::string data);
  // UDP service: reply to a given sender.
  bool send_to(std::string data, const std::string& ip, std::uint16_t port);
  // Closes without reporting on_closed. `abort` sends RST instead of FIN where possible.
  virtual void close(bool abort = false) = 0;
  // The service that made the link is going away while pending I/O still holds the link: close
  // it (RST), stop its timers and drop its handler, so nothing it does later touches the modem's
  // clock or the model.
  virtual void release();
  // Calls `done(true)` once every byte sent so far was acknowledged by the peer (TCP), at once
  // for UDP, `done(false)` if the link goes away first.
  virtual void when_acked(std::function<void(bool)> done) { done(state_ == LinkState::Connected); }
  // TCP keepalive with the module's parameters (emulated seconds); its probes keep the carrier
  // NAT mapping alive when they come more often than the NAT's idle timeout.
  void set_keepalive(bool on, int idle_s, int interval_s, int count);

  // Faults: the peer closes or resets the connection now; the NAT mapping vanishes now.
  void inject_peer_close() { fail(NetError::PeerClosed); }
  void inject_peer_reset() { fail(NetError::PeerReset); }
  void blackhole();
  bool nat_lost() const { return nat_lost_; }
  // The carrier NAT's idle timeouts changed (a live fault): judged by the new ones from now on.
  void nat_policy_changed();

  void pause_reading();
  void resume_reading();
  bool reading_paused() const { return paused_; }
  void set_handler(LinkHandler* handler) { handler_ = handler; }
  // The owner's chunking policy (models: ModuleSocket).
  void set_chunk_size(std::size_t n) { chunk_ = n; }

  LinkState state() const { return state_; }
  const LinkSpec& spec() const { return spec_; }
  std::uint64_t id() const { return id_; }
  // The peer as the module reports it (virtual address, e.g. "60.166.12.210").
  const std::string& remote_ip() const { return remote_ip_; }
  std::uint16_t remote_port() const { return spec_.port; }
  // The host port actually bound (listeners with local port 0 get one from the kernel).
  std::uint16_t bound_port() const { return bound_port_; }
  std::size_t send_backlog() const { return queued_bytes_ + shaped_up_bytes_; }
  std::uint64_t bytes_sent() const { return bytes_sent_; }
  std::uint64_t bytes_received() const { return bytes_received_; }
  // Bytes written to the host socket and acknowledged by the peer (TCP; = sent for UDP).
  virtual std::uint64_t bytes_acked() const { return bytes_sent_; }
  // Why the last connect or handshake failed, in the host library's words (OpenSSL's reason for
  // a TLS failure); empty when nothing more than the NetError is known. For logs.
  virtual std::string failure_detail() const { return {}; }

 protected:
  Link(LinkSpec spec, LinkContext context);
  // Hands received bytes to the handler in chunks, through NAT and shaping.
  void deliver(std::string_view bytes, const std::string& from_ip, std::uint16_t from_port);
  void report_closed(NetError reason);
  void report_connect_failed(NetError reason);
  // The link is up: the NAT mapping exists from now on.
  void started();
  // Calls the handler (if any) inside the modem's fault boundary: an exception a model throws
  // from a socket event stays in its modem and ends neither the link's loop nor the shard.
  template <class Fn>
  void notify(Fn&& fn) {
    if (!handler_) return;
    if (!ctx_.boundary) return fn();
    ctx_.boundary->run("a socket event", std::forward<Fn>(fn));
  }
  bool reading_allowed() const { return !paused_ && !shaping_paused_; }

  // Transports.
  virtual bool transmit(std::string data) = 0;
  virtual bool transmit_to(std::string data, const std::string& ip, std::uint16_t port) {
    (void)ip;
    (void)port;
    return transmit(std::move(data));
  }
  virtual bool can_send() const { return state_ == LinkState::Connected; }
  virtual void start_reading() = 0;
  virtual void apply_keepalive(bool on, int idle_s, int interval_s, int count) {
    (void)on;
    (void)idle_s;
    (void)interval_s;
    (void)count;
  }
  // Drops the host socket at once (RST) and reports `reason` to the handler.
  virtual void fail(NetError reason) = 0;

  LinkSpec spec_;
  LinkContext ctx_;
  LinkHandler* handler_ = nullptr;
  LinkState state_ = LinkState::Opening;
  std::string remote_ip_;
  std::uint16_t bound_port_ = 0;
  std::size_t queued_bytes_ = 0;
  std::uint64_t bytes_sent_ = 0;
  std::uint64_t bytes_received_ = 0;

 private:
  struct Shaped {
    core::TimePoint at;
    std::string data;
    std::string ip;
    std::uint16_t port = 0;
    bool addressed = false;
  };
  void touch();
  void check_nat();
  core::Duration nat_idle() const;
  bool lost_to_shaping();
  core::TimePoint release_time(std::size_t bytes, core::TimePoint& last);
  void release_up();
  void release_down();
  void hand_out(std::string_view bytes, const std::string& from_ip, std::uint16_t from_port);
  // Data the radio link swallowed (NAT gone, UDP loss) left the queue too: a sender waiting for
  // on_writable must hear so, after the send call has returned.
  void writable_soon();
  void lose_mapping();
  void count_for_reset(std::size_t bytes);

  bool paused_ = false;
  bool shaping_paused_ = false;
  std::size_t chunk_ = kWhole;
  std::uint64_t id_;
  bool nat_lost_ = false;
  core::TimePoint last_activity_{};
  core::Timer nat_timer_;
  bool keepalive_ = false;
  core::Duration keepalive_idle_{0};
  std::deque<Shaped> up_q_;
  std::deque<Shaped> down_q_;
  std::size_t shaped_up_bytes_ = 0;
  std::size_t shaped_down_bytes_ = 0;
  core::TimePoint up_last_{};
  core::TimePoint down_last_{};
  core::Timer up_timer_;
  core::Timer down_timer_;
  std::uint64_t crossed_ = 0;
};

}  // namespace cellemu::net
