#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "net/net_error.h"
#include "net/socket_service.h"

namespace cellemu::net {

// Where an application-protocol engine connects: the host and port as the module was given them
// (a name or a dotted address; the socket layer resolves and routes it).
struct Endpoint {
  std::string host;
  std::uint16_t port = 0;
};

// What a Connection reports to the engine on top of it. Calls come from the modem's thread, never
// from inside Connection::open/send/close.
class ConnectionEvents {
 public:
  virtual void on_connected() = 0;
  virtual void on_connect_failed(NetError error) = 0;
  virtual void on_data(std::string_view bytes) = 0;
  // The connection ended without the engine asking (peer close, reset, TLS error, network down).
  virtual void on_closed(NetError reason) = 0;
  // Everything queued so far left the module: a producer holding back may continue.
  virtual void on_writable() {}
  // The carrier NAT dropped the mapping: traffic now vanishes silently (engines only log it, the
  // keepalive finds out like the module's would).
  virtual void on_nat_lost() {}

 protected:
  ~ConnectionEvents() = default;
};

// One byte-stream connection of the module, as the MQTT and HTTP engines use it. The socket
// layer under it (today net::Link through LinkConnection, tomorrow the models' common module
// socket) brings the resolver, --host/--route, --allow/--deny, NAT idle drops, shaping, link
// faults and TLS, exactly as for a CIPSTART link. A Connection object is reusable: open() after
// close() or after the connection ended starts a fresh one.
class Connection {
 public:
  virtual ~Connection() = default;

  // Starts connecting (TLS when options.tls is set); exactly one of on_connected /
  // on_connect_failed follows later. Any earlier connection of this object is closed first,
  // without an event.
  virtual void open(const Endpoint& to, const OpenOptions& options, ConnectionEvents& events) = 0;
  // Queues bytes for the peer; false when not connected (the bytes are dropped).
  virtual bool send(std::string bytes) = 0;
  // Ends the connection (abort: RST instead of FIN); no on_closed follows.
  virtual void close(bool abort = false) = 0;
  // Backpressure towards the peer: while paused nothing is read (TCP flow control reaches it).
  virtual void pause_reading() = 0;
  virtual void resume_reading() = 0;
  virtual bool connected() const = 0;
  // Bytes accepted by send() and not yet handed to the host socket.
  virtual std::size_t send_backlog() const = 0;
  // Whether the connection is (or is becoming) TLS.
  virtual bool secure() const = 0;
  // Why the last connect or TLS handshake failed, in the host library's words (for logs).
  virtual std::string failure_detail() const { return {}; }
};

}  // namespace cellemu::net
