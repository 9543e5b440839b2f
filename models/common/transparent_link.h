#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "emulator/at/command_context.h"
#include "emulator/core/timer_service.h"
#include "models/common/module_sockets.h"

namespace cellemu::models {

// How host bytes in data mode become packets for the peer.
struct UplinkPackets {
  std::size_t size = 0;    // a packet goes once this many bytes are queued
  core::Duration idle{0};  // a shorter packet goes after this much input silence
};

// What the module decides about transparent mode.
struct TransparentPolicy {
  // Uplink packetisation, read at every input (it may be changed in command mode); empty: each
  // piece of host input goes to the peer as it comes.
  std::function<UplinkPackets()> packets;
  // Downlink kept for the next data mode while the port is in command mode (OQ-36: 8 KB).
  std::size_t held_limit = 8 * 1024;
  // When the link ends in command mode: the kept downlink becomes readable (true) or is
  // discarded with the link (false).
  bool held_readable_after_end = false;
};

// Transparent data mode on one module socket (Air780EP CIPMODE=1, NM28 access mode 2): the data
// mode sink of the AT engine. Host bytes go to the peer, peer bytes come out raw; after "+++" the
// link stays up and its downlink is kept in the socket's receive buffer until data mode resumes
// (OQ-36). Uplink the peer does not take fast enough stops the port being read.
class TransparentLink final : public at::DataModeSink {
 public:
  // Queued uplink beyond which the port is no longer read.
  static constexpr std::size_t kUplinkLimit = 64 * 1024;

  TransparentLink(ModuleSockets& sockets, TransparentPolicy policy);
  ~TransparentLink();
  TransparentLink(const TransparentLink&) = delete;
  TransparentLink& operator=(const TransparentLink&) = delete;

  // The socket data mode is on, or was on before "+++" (ATO returns to it); nullptr after it
  // ended or stopped.
  ModuleSocket* socket() const { return socket_; }
  bool active_on(const ModuleSocket& s) const { return socket_ == &s; }
  bool in_data_mode() const { return data_mode_; }
  // The port carries `s` now.
  bool carrying(const ModuleSocket& s) const { return data_mode_ && socket_ == &s; }

  // Data mode on `s` outside a command: `announce` ("CONNECT") goes out at once.
  void start(ModuleSocket& s, std::string_view announce);
  // Data mode on `s` from a command (ATO, NM28 AT+IPSWTMD): CONNECT is its result, and the
  // downlink kept meanwhile follows it once the engine has written it.
  at::Outcome enter(at::CommandContext& ctx, ModuleSocket& s);
  // Peer bytes of a transparent socket: raw when the port carries it, kept otherwise.
  void downlink(ModuleSocket& s, std::string_view bytes);
  // The link of `s` ended by itself: when the port carries it, what was kept goes out and `line`
  // ends data mode at once (OQ-6); otherwise `line` (if any) is a URC and the kept downlink
  // follows the policy.
  void ended(ModuleSocket& s, std::string_view line);
  // The host or the network took the link away: data mode ends without a line, the kept
  // downlink is discarded (OQ-36).
  void stop();
  // The link of `s` took its queue: the port may be read again.
  void on_writable(ModuleSocket& s);

  // at::DataModeSink
  void on_uplink(std::string_view bytes) override;
  void on_escape() override;

 private:
  void attach(ModuleSocket& s);
  void detach();
  void flush_held();
  void send_packets(bool all);

  ModuleSockets& sockets_;
  at::AtInterpreter& at_;
  TransparentPolicy policy_;
  ModuleSocket* socket_ = nullptr;
  bool data_mode_ = false;
  // CONNECT is the result of the command that entered data mode and is not out yet.
  bool awaiting_connect_ = false;
  bool idle_waiter_ = false;  // registered with the engine
  std::string uplink_;
  core::Timer idle_timer_;
};

}  // namespace cellemu::models
