#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/at/command_context.h"
#include "emulator/core/timer_service.h"
#include "models/common/module_sockets.h"
#include "models/nm28/service_type.h"
#include "models/nm28/socket_wording.h"

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

// One of the module's sockets as the NM28 numbers and words it: its service type and access
// mode on a module socket (models/common), whose events it turns into NM28 URCs and payload
// framing. The command handlers drive it through the model.
class Nm28Socket final : private SocketEvents {
 public:
  // Takes the next module socket of `sockets`: the NM28 number is the module socket's.
  Nm28Socket(Nm28Model& model, ModuleSockets& sockets);
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

  int id() const { return socket_.id(); }
  SocketState state() const;
  AccessMode mode() const { return mode_; }
  ServiceType type() const { return type_; }
  bool ssl() const { return socket_.tls(); }
  // The peer as AT+IPSTATE reports it (the address the module believes in).
  std::string remote_ip() const { return socket_.reported_ip(); }
  std::uint16_t remote_port() const { return socket_.port(); }
  const std::shared_ptr<net::Link>& link() const { return socket_.shared_link(); }
  const SocketWording& words() const { return wording(socket_.tls()); }
  // Bytes the module holds for the host (readable and transparent).
  std::size_t buffered() const { return socket_.buffer().size(); }
  bool reading_paused() const { return socket_.reading_paused(); }
  // One AT+IPSTATE row.
  std::string state_row() const;
  // One connection-level log line for this socket.
  void log(std::string_view event, std::string_view result, std::string_view detail = {}) const {
    socket_.log(event, result, detail);
  }

 private:
  // SocketEvents
  void on_connected(ModuleSocket& s) override;
  void on_connect_failed(ModuleSocket& s, net::NetError error) override;
  void on_data(ModuleSocket& s, std::string_view chunk, const std::string& from_ip,
               std::uint16_t from_port) override;
  void on_closed(ModuleSocket& s, net::NetError reason) override;
  void on_writable(ModuleSocket& s) override;
  bool on_accepted(ModuleSocket& listener, std::shared_ptr<net::Link> connection) override;

  void reset();
  void start_connect();
  void start_listening();
  void report_open(int status);
  void fail_open(int status, std::string_view why = {});
  void lost(std::string_view why, bool announce = true);
  void finish_send(bool ok);
  void store(std::string_view chunk);
  void push(std::string_view chunk);
  void announce();
  void update_flow();

  Nm28Model& model_;
  ModuleSocket& socket_;
  ServiceType type_ = ServiceType::Tcp;
  AccessMode mode_ = AccessMode::Direct;
  bool sending_ = false;
  at::Deferred send_done_;
  core::Timer send_timer_;
};

}  // namespace cellemu::models::nm28
