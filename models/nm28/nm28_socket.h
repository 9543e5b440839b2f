#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/at/command_context.h"
#include "emulator/core/timer_service.h"
#include "models/nm28/receive_buffer.h"
#include "models/nm28/service_type.h"
#include "models/nm28/socket_log.h"
#include "models/nm28/socket_wording.h"
#include "net/link.h"

namespace cellemu::models::nm28 {

class Nm28Model;

// <Socket_State> of AT+IPSTATE (nm28.md §2, QA analogy).
enum class SocketState { Initial = 0, Opening = 1, Connected = 2, Listening = 3, Closing = 4 };

// <Access_Mode> of AT+IPSWTMD (S3 §2.3): 1 is the default of every new socket.
enum class AccessMode { Buffer = 0, Direct = 1, Transparent = 2 };

// The parameters of one AT+IPOPEN.
struct OpenRequest {
  ServiceType type = ServiceType::Tcp;
  std::string host;
  std::uint16_t remote_port = 0;
  std::uint16_t local_port = 0;
  bool ssl = false;
};

// One of the module's sockets: what AT+IPOPEN asked for, its state and access mode, the module's
// receive store and the host link behind it. Turns link events into NM28 URCs and payload
// framing; the command handlers drive it through the model.
class Nm28Socket final : public net::LinkHandler, public at::DataModeSink {
 public:
  // Why the host link is not being read (several may hold at once).
  enum Pause : unsigned { kBufferFull = 1, kOutputBacklog = 2 };

  Nm28Socket(Nm28Model& model, int id);
  ~Nm28Socket();
  Nm28Socket(const Nm28Socket&) = delete;
  Nm28Socket& operator=(const Nm28Socket&) = delete;

  // AT+IPOPEN accepted: the outcome follows as +IPOPEN/+SSLOPEN.
  void open(const OpenRequest& request);
  // A connection accepted by `listener` (an INITIAL socket takes it over).
  void adopt(std::shared_ptr<net::Link> link, const Nm28Socket& listener);
  // AT+IPCLOSE, reboot: back to INITIAL without a URC; buffered data is discarded.
  void close();
  // The network took the socket away: detach or radio off announce it as a peer close; a PDP
  // deactivation (`announce` false) leaves the announcing to the model's one URC.
  void drop(bool announce = true);

  // AT+IPSEND / AT+IPSENDEX once the payload is complete: "SEND SUCCESS" or "SEND FAIL", then OK,
  // through `done`.
  at::Outcome send(std::string data, const at::Deferred& done);
  bool can_send() const;
  // AT+IPRD.
  std::string read(std::size_t max);
  // AT+IPSWTMD=<id>,0|1.
  void set_mode(AccessMode mode);
  // AT+IPSWTMD=<id>,2 and ATO: CONNECT, then the port carries this socket's bytes.
  at::Outcome enter_data_mode(at::CommandContext& ctx);

  void pause(Pause reason);
  void resume(Pause reason);

  int id() const { return id_; }
  SocketState state() const { return state_; }
  AccessMode mode() const { return mode_; }
  ServiceType type() const { return params_.type; }
  bool ssl() const { return params_.ssl; }
  // The peer as AT+IPSTATE reports it (the address the module believes in).
  std::string remote_ip() const;
  std::uint16_t remote_port() const { return params_.remote_port; }
  const std::shared_ptr<net::Link>& link() const { return link_; }
  const SocketWording& words() const { return wording(params_.ssl); }
  // Bytes the module holds for the host (readable and transparent).
  std::size_t buffered() const { return buffer_.size(); }
  bool reading_paused() const { return paused_ != 0; }
  // One AT+IPSTATE row.
  std::string state_row() const;

  // net::LinkHandler
  void on_connected(net::Link& link) override;
  void on_connect_failed(net::Link& link, net::NetError error) override;
  void on_data(net::Link& link, std::string_view chunk, const std::string& from_ip,
               std::uint16_t from_port) override;
  void on_closed(net::Link& link, net::NetError reason) override;
  void on_writable(net::Link& link) override;
  bool on_accepted(net::Link& listener, std::shared_ptr<net::Link> connection) override;
  // The carrier NAT forgot the socket (S0 FAQ 3 holds for any module behind one): logged only,
  // nothing shows on the serial line.
  void on_nat_lost(net::Link& link) override {
    if (&link == link_.get()) log_socket(model_, *this, "nat-lost", "traffic silently dropped");
  }

  // at::DataModeSink
  void on_uplink(std::string_view bytes) override;
  void on_escape() override;

 private:
  void start_connect();
  void start_listening();
  void attach(std::shared_ptr<net::Link> link);
  void detach_link();
  void report_open(int status);
  void fail_open(int status, std::string_view why = {});
  void lost(std::string_view why, bool announce = true);
  void finish_send(bool ok);
  void store(std::string_view chunk);
  void push(std::string_view chunk);
  void pass_through(std::string_view chunk);
  void flush_raw();
  void announce();
  void update_flow();
  bool in_data_mode() const;
  void reset_fields();

  Nm28Model& model_;
  const int id_;
  // As AT+IPOPEN gave them; the local port of a listener, service or accepted connection is the
  // port actually bound.
  OpenRequest params_;
  SocketState state_ = SocketState::Initial;
  AccessMode mode_ = AccessMode::Direct;
  std::shared_ptr<net::Link> link_;
  unsigned paused_ = 0;
  ReceiveBuffer buffer_;
  bool sending_ = false;
  at::Deferred send_done_;
  core::Timer open_timer_;
  core::Timer send_timer_;
  core::Timer flush_timer_;
};

}  // namespace cellemu::models::nm28
