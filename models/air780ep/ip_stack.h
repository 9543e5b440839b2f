#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/at/command_context.h"
#include "emulator/core/timer_service.h"
#include "models/air780ep/heartbeat_timer.h"
#include "models/air780ep/ip_state.h"
#include "models/air780ep/tcpip_settings.h"
#include "models/common/modem_base.h"
#include "models/common/module_sockets.h"
#include "models/common/transparent_link.h"

namespace cellemu::models::air780ep {

// The Air780EP TCP/IP stack: the IP state machine (air780ep.md §3), its link ids on module sockets
// (models/common), and everything the links report turned into the module's lines (§4.5,
// §4.11-§4.13, §7, §9). Commands (the *_commands.cpp files) check legality and parameters, then
// drive it.
class IpStack final : private SocketEvents {
 public:
  // CIPRXGET data kept per link beyond which its socket stops being read (until half is read).
  static constexpr std::size_t kRxBufferLimit = 64 * 1024;
  // Data queued for a socket beyond which a CIPSEND result waits for the queue to drain.
  static constexpr std::size_t kSendBacklogLimit = 64 * 1024;

  explicit IpStack(ModemBase& modem);
  ~IpStack();
  IpStack(const IpStack&) = delete;
  IpStack& operator=(const IpStack&) = delete;

  ModemBase& modem() { return modem_; }
  TcpipSettings& settings() { return settings_; }
  const TcpipSettings& settings() const { return settings_; }
  // Power-up: every link closed silently, settings default, IP INITIAL.
  void power_up();
  // AT&F: TCP/IP settings default; the link-mode settings only when no context is up.
  void factory_reset();

  Context context() const { return context_; }
  void set_context(Context context) { context_ = context; }
  // What "STATE:" reports (multi link: IP PROCESSING while a link is open).
  IpState state() const;
  // One link's column of the legality table.
  IpState link_view(int id) const { return air780ep::link_view(context_, slot(id).state()); }
  bool multi() const { return settings_.cipmux == 1; }
  int link_count() const { return links_.count(); }
  ModuleSocket& slot(int id) { return links_.at(id); }
  const ModuleSocket& slot(int id) const { return links_.at(id); }
  ModuleSockets& links() { return links_; }
  // "<n>, " before multi-link result lines ("1, SEND OK", MH/S0), nothing in single mode.
  std::string line_prefix(int id) const;
  const std::string& local_ip() const { return modem_.profile().network.local_ip; }

  // AT+CIPSHUT: every link closed silently, IP INITIAL; the settings stay (MH).
  void shut();
  // The bearer went away (network, AT+CGATT=0): "+PDP: DEACT" and PDP DEACT, links dropped
  // without CLOSED lines (OQ-40). Nothing happens without an active context.
  void pdp_deactivated();

  // AT+CIPSTART accepted: the attempt runs after the OK (implicit activation from IP INITIAL).
  void open(int id, net::Protocol protocol, std::string host, std::uint16_t port);
  // AT+CIPCLOSE: `reply` once the link is closed; queued data reaches the peer first.
  at::Outcome close(at::CommandContext& ctx, int id, std::string reply);
  // AT+CIPSEND data for a connected link (one datagram on UDP); false: SEND FAIL.
  bool send(int id, std::string data);
  // Answers a CIPSEND once its socket's queue has drained (`failed` if the link goes first).
  void hold_send_result(const ModuleSocket& slot, const at::Deferred& d, at::Final drained,
                        at::Final failed);
  // A CIPRXGET read made room: the link may read again, mode 1 announces again.
  void after_read(ModuleSocket& slot);

  // AT^HEARTCONFIG's schedule; each tick sends the payload on the heartbeat link (§5).
  HeartbeatTimer& heartbeat() { return heartbeat_; }
  // Sends the heartbeat payload on link `id` now, no URC, no SEND OK; false if not connected.
  bool send_heartbeat(int id);

  // ATO: CONNECT and data mode again, kept downlink first; NO CARRIER without a link (LM ATO.md).
  at::Outcome resume_data_mode(at::CommandContext& ctx);
  // Delays of the "real" timing profile for commands that answer later (one command at a time).
  core::Timer& command_timer() { return command_timer_; }
  // CIPATS: ends the send prompt after the configured time (OQ-R4).
  core::Timer& autosend_timer() { return autosend_timer_; }

  // The TLS of a link opened while CIPSSL=1 (from the SSL context of its id); nullopt when the
  // module cannot set it up, which is reported as CONNECT FAIL.
  void set_tls_provider(ModuleSockets::TlsProvider provider) {
    links_.set_tls_provider(std::move(provider));
  }

 private:
  // What a link id waits for besides its socket: a CIPCLOSE waiting for queued data to reach the
  // peer first, and a CIPSEND result held back while the socket's queue is long (the module's
  // send buffer is full: the host waits), with what to answer when it drains or when the link
  // goes first.
  struct HeldResult {
    at::Deferred deferred;
    at::Final drained;
    at::Final failed;
  };
  struct Waiters {
    at::Deferred close;
    std::optional<HeldResult> send;
  };

  // SocketEvents
  void on_connected(ModuleSocket& slot) override;
  void on_connect_failed(ModuleSocket& slot, net::NetError error) override;
  void on_data(ModuleSocket& slot, std::string_view chunk, const std::string& from_ip,
               std::uint16_t from_port) override;
  void on_closed(ModuleSocket& slot, net::NetError reason) override;
  void on_writable(ModuleSocket& slot) override;

  TcpipSettings default_settings() const;
  TransparentPolicy transparent_policy();
  void start_link(ModuleSocket& slot);
  void report_connect_failed(ModuleSocket& slot, std::string_view why);
  void push(const ModuleSocket& slot, std::string_view chunk, const std::string& from_ip,
            std::uint16_t from_port);
  void deliver_pull(ModuleSocket& slot, std::string_view chunk, const std::string& from_ip,
                    std::uint16_t from_port);
  Waiters& waiters(const ModuleSocket& slot) {
    return waiters_.at(static_cast<std::size_t>(slot.id()));
  }
  // Back to INITIAL, nothing waiting.
  void clear(ModuleSocket& slot);
  void finish_close(ModuleSocket& slot);
  void finish_held_send(const ModuleSocket& slot, bool drained);
  // Every link closed without a line of its own; `why` (the line that took them) goes to the log.
  void drop_all(std::string_view why);

  ModemBase& modem_;
  TcpipSettings settings_;
  Context context_ = Context::Initial;
  ModuleSockets links_;
  std::vector<Waiters> waiters_;
  TransparentLink transparent_;
  HeartbeatTimer heartbeat_;
  std::string close_reply_;
  core::Timer command_timer_;
  core::Timer autosend_timer_;
};

}  // namespace cellemu::models::air780ep
