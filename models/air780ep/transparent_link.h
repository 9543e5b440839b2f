#pragma once

#include <string>
#include <string_view>

#include "emulator/at/command_context.h"
#include "emulator/core/timer_service.h"
#include "models/air780ep/socket_slot.h"
#include "models/air780ep/tcpip_settings.h"
#include "models/common/modem_base.h"

namespace cellemu::models::air780ep {

// The single link of transparent mode (CIPMODE=1, air780ep.md §7): host bytes go to the peer in
// CIPCCFG packets, peer bytes come out raw; after "+++" the link stays up, downlink is kept
// (OQ-36) until ATO.
class TransparentLink final : public at::DataModeSink {
 public:
  // OQ-36: what is kept for ATO before the link stops reading (nothing is dropped).
  static constexpr std::size_t kHeldLimit = 8 * 1024;
  // Queued uplink beyond which the pty is no longer read.
  static constexpr std::size_t kUplinkLimit = 64 * 1024;

  TransparentLink(ModemBase& modem, const TcpipSettings& settings);

  // The link connected: data mode starts with "CONNECT" (LS:MKXjbg).
  void start(SocketSlot& slot);
  bool active_on(const SocketSlot& slot) const { return slot_ == &slot; }
  bool in_data_mode() const { return data_mode_; }
  // Peer bytes: raw in data mode, kept in command mode.
  void downlink(std::string_view bytes);
  // ATO: CONNECT and data mode again, kept downlink first; NO CARRIER without a link (LM ATO.md).
  at::Outcome resume(at::CommandContext& ctx);
  // The link ended by itself: `line` ("CLOSED") at once in data mode (OQ-6 b), as a URC otherwise.
  void ended(std::string_view line);
  // The host or the network took the link away (CIPCLOSE, CIPSHUT, PDP loss): no line, kept
  // downlink discarded (OQ-36).
  void stop();
  // The link's send queue emptied: the pty may be read again.
  void on_writable();

  // at::DataModeSink
  void on_uplink(std::string_view bytes) override;
  void on_escape() override;

 private:
  void send_packets(bool all);
  void detach();

  ModemBase& modem_;
  const TcpipSettings& settings_;
  SocketSlot* slot_ = nullptr;
  bool data_mode_ = false;
  std::string uplink_;
  std::string held_;
  core::Timer wait_timer_;
};

}  // namespace cellemu::models::air780ep
