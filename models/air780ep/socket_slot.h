#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/at/command_context.h"
#include "emulator/core/timer_service.h"
#include "models/air780ep/ip_state.h"
#include "net/link.h"

namespace cellemu::models::air780ep {

class SocketSlot;

// What a slot reports to the stack that owns it; only events of the slot's current link arrive.
class SlotEvents {
 public:
  virtual void slot_connected(SocketSlot& slot) = 0;
  virtual void slot_connect_failed(SocketSlot& slot, net::NetError error) = 0;
  virtual void slot_data(SocketSlot& slot, std::string_view chunk, const std::string& from_ip,
                         std::uint16_t from_port) = 0;
  virtual void slot_closed(SocketSlot& slot, net::NetError reason) = 0;
  virtual void slot_writable(SocketSlot& slot) = 0;
  virtual void slot_nat_lost(SocketSlot& slot) = 0;

 protected:
  ~SlotEvents() = default;
};

// One link id of the module (0 in single-link mode): its state, the host socket behind it, the
// CIPACK counters and the CIPRXGET receive buffer, which outlives the socket (MH: buffered data
// stays readable after "<n>, CLOSED").
class SocketSlot final : public net::LinkHandler {
 public:
  // Why reading the socket is paused; reading resumes when no reason is left.
  enum Pause : unsigned { kPauseOutput = 1, kPauseRxBuffer = 2, kPauseHeldData = 4 };

  SocketSlot(SlotEvents& events, core::TimerService& timers, int id);
  ~SocketSlot();
  SocketSlot(const SocketSlot&) = delete;
  SocketSlot& operator=(const SocketSlot&) = delete;

  int id() const { return id_; }
  SlotState state() const { return state_; }
  void set_state(SlotState state) { state_ = state; }
  net::Protocol protocol() const { return protocol_; }
  const std::string& host() const { return host_; }
  std::uint16_t port() const { return port_; }
  // The peer address the module reports: the resolved (virtual) address, the host as given
  // until it is resolved.
  std::string reported_ip() const;

  // A new connection attempt on this id: CONNECTING, counters and buffers cleared.
  void begin(net::Protocol protocol, std::string host, std::uint16_t port);
  void attach(std::shared_ptr<net::Link> link, bool tls);
  net::Link* link() const { return link_.get(); }
  const std::shared_ptr<net::Link>& shared_link() const { return link_; }
  bool tls() const { return tls_; }
  // Closes the socket without any report (CIPCLOSE, CIPSHUT, PDP loss).
  void drop(bool abort = false);
  // Back to INITIAL with nothing buffered.
  void clear();

  // CIPACK: bytes the host handed over on this connection, and those the peer acknowledged.
  void count_sent(std::size_t n) { tx_bytes_ += n; }
  std::uint64_t tx_bytes() const { return tx_bytes_; }
  std::uint64_t acked_bytes() const;

  // CIPRXGET pull buffer.
  void buffer(std::string_view bytes) { rx_.append(bytes); }
  std::size_t buffered() const { return rx_.size() - rx_off_; }
  std::string take(std::size_t max);
  // Mode 1 announces one arrival, then waits for a read (LM CIPRXGET.md).
  bool notify_armed = true;

  void pause(unsigned reason);
  void resume(unsigned reason);

  core::Timer& timer() { return timer_; }
  // A CIPCLOSE waiting for queued data to reach the peer first.
  at::Deferred close_waiter;
  // A CIPSEND result held back while the socket's queue is long (the module's send buffer is
  // full: the host waits), with what to answer when it drains or when the link goes first.
  struct HeldResult {
    at::Deferred deferred;
    at::Final drained;
    at::Final failed;
  };
  std::optional<HeldResult> send_waiter;

 private:
  // net::LinkHandler
  void on_connected(net::Link& link) override;
  void on_connect_failed(net::Link& link, net::NetError error) override;
  void on_data(net::Link& link, std::string_view chunk, const std::string& from_ip,
               std::uint16_t from_port) override;
  void on_closed(net::Link& link, net::NetError reason) override;
  void on_writable(net::Link& link) override;
  void on_nat_lost(net::Link& link) override;
  bool current(const net::Link& link) const { return &link == link_.get(); }

  SlotEvents& events_;
  int id_;
  SlotState state_ = SlotState::Initial;
  net::Protocol protocol_ = net::Protocol::Tcp;
  std::string host_;
  std::uint16_t port_ = 0;
  std::shared_ptr<net::Link> link_;
  bool tls_ = false;
  std::uint64_t tx_bytes_ = 0;
  std::string rx_;
  std::size_t rx_off_ = 0;
  unsigned paused_ = 0;
  core::Timer timer_;
};

}  // namespace cellemu::models::air780ep
