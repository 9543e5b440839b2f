#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "emulator/at/at_interpreter.h"
#include "emulator/core/byte_channel.h"
#include "emulator/core/fault_boundary.h"
#include "emulator/network/registration.h"
#include "emulator/port/routed_channel.h"
#include "emulator/session/cmux_port.h"
#include "emulator/session/guarded_timer_service.h"
#include "models/common/modem_base.h"
#include "net/net_config.h"
#include "net/socket_service.h"

namespace cellemu::session {

struct SessionConfig {
  std::string name = "modem0";
  models::Profile profile;
  at::InterpreterOptions at;
  // Shared by every session of a process; must outlive them.
  std::shared_ptr<const net::NetConfig> net = std::make_shared<net::NetConfig>();
  // Host folder behind the module's file system (--fs-dir); empty: in memory.
  std::string fs_dir;
  // The operator network shared by every modem of the process (SMS between modems, network
  // time); nullptr: the session makes one of its own from the profile.
  std::shared_ptr<network::Network> network;
  // The modules' built-in root store (--ca-bundle; the host's bundle by default), shared by every
  // session of a process. nullptr: none, so verifying without a cacert fails.
  std::shared_ptr<const tls::RootStore> roots;
  // For tests only (the hidden --test-throw-on option): handling the command line
  // "AT<test_throw_on>" throws, to show that a fault stays in its modem. Empty: off.
  std::string test_throw_on;
};

// One emulated modem: a serial channel, the AT engine on it and the model behind the engine.
// Lives on one io_context thread; nothing in it is shared with other sessions.
//
// Its boundary: host input, output drains, its timers, socket events and DNS answers all enter
// the modem through one core::FaultBoundary, so an exception thrown anywhere inside is logged
// with the modem's name and answered like the module's internal error (ERROR for the command in
// progress) while the shard runs on. Output the host does not read is bounded: past
// kOutputLimit queued bytes the channel stops reading the host's input (RTS/CTS) until the host
// has read it down to the channel's low water.
class ModemSession final : private core::ByteChannel::Listener {
 public:
  static constexpr std::size_t kOutputLimit = 64 * 1024;

  // nullptr-free construction: fails (returns nullptr) only for an unknown model name.
  // nullptr (and `error` set) for an unknown model or an unusable --fs-dir.
  static std::unique_ptr<ModemSession> create(boost::asio::io_context& io,
                                              core::TimerService& timers,
                                              std::shared_ptr<core::ByteChannel> channel,
                                              SessionConfig config, std::string* error = nullptr);
  ~ModemSession();
  ModemSession(const ModemSession&) = delete;
  ModemSession& operator=(const ModemSession&) = delete;

  // Starts reading the channel and powers the module up (power-up URCs).
  void start();
  void stop();

  const std::string& name() const { return config_.name; }
  at::AtInterpreter& at() { return interp_; }
  net::SocketService& sockets() { return sockets_; }
  fs::ModuleFs& fs() { return *fs_; }
  models::ModemBase& model() { return *model_; }
  // This modem's attachment to the network (its number, `ctl sms deliver|fail`).
  network::Registration& registration() { return *registration_; }
  network::Network& network() { return registration_->network(); }
  core::ByteChannel& channel() { return *channel_; }
  // The shard's clock, each callback inside this modem's boundary.
  core::TimerService& timers() { return timers_; }
  const core::FaultBoundary& boundary() const { return *boundary_; }
  // Runs `fn` inside the modem's boundary (work that enters the modem from outside: control
  // requests, scenario steps).
  template <class Fn>
  void guard(std::string_view where, Fn&& fn) {
    boundary_->run(where, std::forward<Fn>(fn));
  }
  // Serial-line faults: the next `n` host bytes are lost before the module sees them.
  void drop_input(std::size_t n) { drop_input_ += n; }

 private:
  ModemSession(boost::asio::io_context& io, core::TimerService& timers,
               std::shared_ptr<core::ByteChannel> channel, SessionConfig config,
               std::unique_ptr<fs::ModuleFs> files);
  void attach_network(boost::asio::io_context& io, core::TimerService& timers);
  void on_input(std::string_view bytes) override;
  void on_output_drained() override;
  void recover();
  // AT+CMUX accepted (ModemBase::start_cmux): multiplexed once its OK is out.
  bool start_cmux(std::size_t n1);

  SessionConfig config_;
  std::shared_ptr<core::FaultBoundary> boundary_;
  GuardedTimerService timers_;
  std::shared_ptr<core::ByteChannel> channel_;
  // The modem's own interpreter writes here: the channel, or DLCI 1 while multiplexed.
  port::RoutedChannel primary_out_;
  at::AtSettings settings_;
  at::AtInterpreter interp_;
  net::SocketService sockets_;
  std::unique_ptr<fs::ModuleFs> fs_;
  std::unique_ptr<models::ModemBase> model_;
  std::unique_ptr<CmuxPort> cmux_;  // made at the first AT+CMUX, kept for the session's life
  // Goes before the model: the network stops reaching the model's SMS entity first.
  std::unique_ptr<network::Registration> registration_;
  bool started_ = false;
  std::size_t drop_input_ = 0;
};

}  // namespace cellemu::session
