#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/timer_service.h"
#include "models/common/drop_log.h"
#include "models/common/modem_base.h"
#include "models/common/receive_buffer.h"
#include "net/link.h"

namespace cellemu::models {

class ModuleSocket;
class ModuleSockets;

// What a module socket reports to the stack that drives it (a model's socket commands, or a
// protocol client of the module). Only events of the socket's current link arrive, after the
// socket has updated its own state; each stack turns them into its own lines.
class SocketEvents {
 public:
  virtual void on_connected(ModuleSocket& socket) = 0;
  // After the profile's DNS failure delay for a name that does not resolve.
  virtual void on_connect_failed(ModuleSocket& socket, net::NetError error) = 0;
  // At most kMaxSegment bytes of a stream, or one whole datagram. `from` is the sender as the
  // module reports it.
  virtual void on_data(ModuleSocket& socket, std::string_view data, const std::string& from_ip,
                       std::uint16_t from_port) = 0;
  // The link ended without the stack asking (peer close, reset, error); the socket is Closed.
  virtual void on_closed(ModuleSocket& socket, net::NetError reason) = 0;
  // The link's send queue emptied.
  virtual void on_writable(ModuleSocket& socket) { (void)socket; }
  // The carrier NAT forgot the mapping (S0 FAQ 3); the socket logged it, the module notices
  // nothing.
  virtual void on_nat_lost(ModuleSocket& socket) { (void)socket; }
  // A listening socket accepted `connection`: true when the stack adopted it into a socket.
  virtual bool on_accepted(ModuleSocket& listener, std::shared_ptr<net::Link> connection) {
    (void)listener;
    (void)connection;
    return false;
  }

 protected:
  ~SocketEvents() = default;
};

// What the host asked a socket to open.
struct SocketTarget {
  net::Protocol protocol = net::Protocol::Tcp;
  std::string host;
  std::uint16_t port = 0;
  std::uint16_t local_port = 0;  // 0: any; for a listener, the port it was bound to
  bool tls = false;
  // How logs and `ctl status` name the socket ("TCP LISTENER"); empty: "TCP", "UDP" or "SSL".
  std::string kind;
};

// One socket of the emulated module on a host net::Link, whatever the module calls it (an
// Air780EP link id, an NM28 socket, the connection of a protocol client): the target, state and
// counters, the receive buffer and its flow control, why reading is paused, the chunking policy,
// TLS from the set's provider and connection logging. Vendor-free: the stack that drives it owns
// the numbering, wording and command flow.
class ModuleSocket final : public net::LinkHandler {
 public:
  enum class State { Initial, Connecting, Connected, Listening, Closing, Closed };
  // Why the link is not being read; it reads again when no reason is left.
  enum Pause : unsigned { kPauseOutput = 1, kPauseBuffer = 2 };

  ModuleSocket(ModuleSockets& set, int id, SocketEvents& events, ReceiveBuffer buffer);
  ~ModuleSocket();
  ModuleSocket(const ModuleSocket&) = delete;
  ModuleSocket& operator=(const ModuleSocket&) = delete;

  int id() const { return id_; }
  State state() const { return state_; }
  void set_state(State state) { state_ = state; }
  const SocketTarget& target() const { return target_; }
  // Adjustable until connect() (e.g. a local port the module picks when the attempt starts).
  SocketTarget& target() { return target_; }
  net::Protocol protocol() const { return target_.protocol; }
  const std::string& host() const { return target_.host; }
  std::uint16_t port() const { return target_.port; }
  bool tls() const { return target_.tls; }
  // The peer address the module reports: the resolved (virtual) address, the host as given until
  // it is resolved.
  std::string reported_ip() const;
  std::string_view kind() const;

  // A new attempt: Connecting, counters and buffers cleared, no link yet.
  void begin(SocketTarget target);
  // Opens the client link (TLS from the set's provider for a TLS target); the outcome arrives as
  // on_connected / on_connect_failed. False when there is no TLS to start (the provider logged
  // why; the stack reports it as a failed handshake).
  bool connect();
  // Binds a listener (TCP) or service (UDP): Listening, target().local_port the bound port.
  std::optional<net::NetError> listen();
  // Takes over a connection a listener accepted: Connected.
  void adopt(std::shared_ptr<net::Link> link, SocketTarget target);
  // Runs `step` after `delay` on the socket's timer, at once for zero; dropping the socket
  // cancels it.
  void after(core::Duration delay, std::function<void()> step);
  // Closes the link without any report; state, counters and buffers stay.
  void drop(bool abort = false);
  // Back to Initial with nothing kept.
  void clear();

  // Hands data to the peer (one datagram on UDP) and counts it; false when it cannot send.
  bool send(std::string data);
  net::Link* link() const { return link_.get(); }
  const std::shared_ptr<net::Link>& shared_link() const { return link_; }
  // Bytes the host handed over on this connection, and those the peer acknowledged (CIPACK).
  std::uint64_t tx_bytes() const { return tx_bytes_; }
  std::uint64_t acked_bytes() const;
  // Datagrams dropped because the receive buffer was full, on this connection.
  std::uint64_t dropped() const { return dropped_; }

  ReceiveBuffer& buffer() { return buffer_; }
  const ReceiveBuffer& buffer() const { return buffer_; }
  // Readable bytes (what a read command can take).
  std::size_t buffered() const { return buffer_.readable(); }
  std::string take(std::size_t max) { return buffer_.read(max); }
  // Keeps received data for a read command; a datagram the buffer cannot hold is dropped whole
  // (false): UDP has no flow control to wait with, the module loses it (design.md).
  bool store(std::string_view data);
  // Keeps transparent downlink for the next data mode within `limit` bytes (same rule), and
  // stops reading a stream once the limit is reached.
  bool hold(std::string_view data, std::size_t limit);
  // A full buffer stops reading a stream peer (its window closes, nothing is lost) while the host
  // takes arrivals from the buffer (`storing`); it reads again once there is room, or at once
  // when arrivals go straight to the host.
  void update_flow(bool storing);

  void pause(unsigned reason);
  void resume(unsigned reason);
  bool reading_paused() const { return paused_ != 0; }

  core::Timer& timer() { return timer_; }
  // One connection-level log line (core::log_connection) naming the modem, the socket's id and
  // kind and its peer.
  void log(std::string_view event, std::string_view result, std::string_view detail = {}) const;
  // The socket as `ctl status` shows it, in the stack's `state` words.
  ModemBase::LinkStatus status(std::string state) const;

 private:
  // net::LinkHandler
  void on_connected(net::Link& link) override;
  void on_connect_failed(net::Link& link, net::NetError error) override;
  void on_data(net::Link& link, std::string_view chunk, const std::string& from_ip,
               std::uint16_t from_port) override;
  void on_closed(net::Link& link, net::NetError reason) override;
  void on_writable(net::Link& link) override;
  void on_nat_lost(net::Link& link) override;
  bool on_accepted(net::Link& listener, std::shared_ptr<net::Link> connection) override;
  bool current(const net::Link& link) const { return &link == link_.get(); }

  void attach(std::shared_ptr<net::Link> link);
  bool fits_or_drop(std::size_t n, std::size_t limit);
  void reset();

  ModuleSockets& set_;
  const int id_;
  SocketEvents& events_;
  SocketTarget target_;
  State state_ = State::Initial;
  std::shared_ptr<net::Link> link_;
  std::uint64_t tx_bytes_ = 0;
  std::uint64_t dropped_ = 0;
  ReceiveBuffer buffer_;
  unsigned paused_ = 0;
  core::Timer timer_;
  DropLog drops_;
};

}  // namespace cellemu::models
