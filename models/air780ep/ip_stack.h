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
#include "models/air780ep/socket_slot.h"
#include "models/air780ep/tcpip_settings.h"
#include "models/air780ep/transparent_link.h"
#include "models/common/modem_base.h"
#include "tls/stream.h"

namespace cellemu::models::air780ep {

// The Air780EP TCP/IP stack: the IP state machine (air780ep.md §3), the link ids on host sockets,
// and everything the links report turned into the module's lines (§4.5, §4.11-§4.13, §7, §9).
// Commands (the *_commands.cpp files) check legality and parameters, then drive it.
class IpStack final : private SlotEvents {
 public:
  // Output not yet taken by the host beyond which sockets stop being read (backpressure).
  static constexpr std::size_t kOutputLimit = 64 * 1024;
  // CIPRXGET data kept per link beyond which its socket stops being read.
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
  int link_count() const { return static_cast<int>(slots_.size()); }
  SocketSlot& slot(int id) { return *slots_.at(static_cast<std::size_t>(id)); }
  const SocketSlot& slot(int id) const { return *slots_.at(static_cast<std::size_t>(id)); }
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
  void hold_send_result(SocketSlot& slot, const at::Deferred& d, at::Final drained,
                        at::Final failed);
  // A CIPRXGET read made room: the link may read again, mode 1 announces again.
  void after_read(SocketSlot& slot);

  // AT^HEARTCONFIG's schedule; each tick sends the payload on the heartbeat link (§5).
  HeartbeatTimer& heartbeat() { return heartbeat_; }
  // Sends the heartbeat payload on link `id` now, no URC, no SEND OK; false if not connected.
  bool send_heartbeat(int id);

  TransparentLink& transparent() { return transparent_; }
  // Delays of the "real" timing profile for commands that answer later (one command at a time).
  core::Timer& command_timer() { return command_timer_; }
  // CIPATS: ends the send prompt after the configured time (OQ-R4).
  core::Timer& autosend_timer() { return autosend_timer_; }

  // The host read the serial backlog: paused sockets may read again.
  void on_output_drained();
  // The TLS of a link opened while CIPSSL=1 (from the SSL context of its id); nullopt when the
  // module cannot set it up, which is reported as CONNECT FAIL.
  using TlsProvider = std::function<std::optional<net::OpenOptions>(int id, const std::string& host,
                                                                    std::uint16_t port)>;
  void set_tls_provider(TlsProvider provider) { tls_provider_ = std::move(provider); }

 private:
  // SlotEvents
  void slot_connected(SocketSlot& slot) override;
  void slot_connect_failed(SocketSlot& slot, net::NetError error) override;
  void slot_data(SocketSlot& slot, std::string_view chunk, const std::string& from_ip,
                 std::uint16_t from_port) override;
  void slot_closed(SocketSlot& slot, net::NetError reason) override;
  void slot_writable(SocketSlot& slot) override;
  void slot_nat_lost(SocketSlot& slot) override;

  TcpipSettings default_settings() const;
  void start_link(SocketSlot& slot);
  void report_connect_failed(SocketSlot& slot, std::string_view why);
  void deliver_pull(SocketSlot& slot, std::string_view chunk, const std::string& from_ip,
                    std::uint16_t from_port);
  void finish_close(SocketSlot& slot);
  void finish_held_send(SocketSlot& slot, bool drained);
  // Every link closed without a line of its own; `why` (the line that took them) goes to the log.
  void drop_all(std::string_view why);
  void throttle();
  // One connection-level log line for the link in `slot` (core::log_connection).
  void log_link(const SocketSlot& slot, std::string_view event, std::string_view result,
                std::string_view detail = {}) const;

  ModemBase& modem_;
  TcpipSettings settings_;
  Context context_ = Context::Initial;
  std::vector<std::unique_ptr<SocketSlot>> slots_;
  TransparentLink transparent_;
  HeartbeatTimer heartbeat_;
  std::string close_reply_;
  bool output_paused_ = false;
  TlsProvider tls_provider_;
  core::Timer command_timer_;
  core::Timer autosend_timer_;
};

}  // namespace cellemu::models::air780ep
