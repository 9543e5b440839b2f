#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/common/module_socket.h"

namespace cellemu::models {

// The sockets of one modem (a model's numbered sockets, and any a protocol client of the module
// adds) and what they share: the output backpressure toward the host, the TLS provider, and the
// views `cellemu ctl` takes of them.
class ModuleSockets {
 public:
  // Output the host has not taken yet (held URCs and unread serial output) beyond which every
  // socket stops reading its peer until the host catches up (design.md: nothing is dropped).
  static constexpr std::size_t kOutputLimit = 64 * 1024;

  // The TLS of a socket that opens with a TLS target, from the model's SSL context for it;
  // nullopt when the module cannot start the session.
  using TlsProvider = std::function<std::optional<net::OpenOptions>(int id, const std::string& host,
                                                                    std::uint16_t port)>;

  explicit ModuleSockets(ModemBase& modem) : modem_(modem) {}
  ModuleSockets(const ModuleSockets&) = delete;
  ModuleSockets& operator=(const ModuleSockets&) = delete;

  // A new socket numbered count() that reports to `events`.
  ModuleSocket& add(SocketEvents& events, ReceiveBuffer buffer);
  int count() const { return static_cast<int>(sockets_.size()); }
  ModuleSocket& at(int id) { return *sockets_.at(static_cast<std::size_t>(id)); }
  const ModuleSocket& at(int id) const { return *sockets_.at(static_cast<std::size_t>(id)); }
  ModemBase& modem() const { return modem_; }

  void set_tls_provider(TlsProvider provider) { tls_ = std::move(provider); }
  std::optional<net::OpenOptions> tls_for(const ModuleSocket& socket) const;

  // Writes received `data` to the host as frames of at most one segment each (`frame(piece)`
  // writes one: header and payload in one queue entry), then applies output backpressure.
  template <typename Frame>
  void push(std::string_view data, Frame&& frame) {
    while (!data.empty()) {
      const std::string_view piece = data.substr(0, kMaxSegment);
      frame(piece);
      data.remove_prefix(piece.size());
    }
    check_output();
  }
  // After socket data went to the host: past the limit every socket stops reading.
  void check_output();
  // The host read the backlog: the sockets read again.
  void on_output_drained();
  bool output_paused() const { return output_paused_; }
  // Power-up: nothing is paused any more (the sockets were cleared).
  void reset_output() { output_paused_ = false; }

  // The live link of socket `id` (link faults); nullptr if none.
  std::shared_ptr<net::Link> link_by_id(int id) const;
  // Every socket in use, its state in the model's words.
  std::vector<ModemBase::LinkStatus> link_status(
      const std::function<std::string(const ModuleSocket&)>& state_name) const;

 private:
  ModemBase& modem_;
  std::vector<std::unique_ptr<ModuleSocket>> sockets_;
  bool output_paused_ = false;
  TlsProvider tls_;
};

}  // namespace cellemu::models
