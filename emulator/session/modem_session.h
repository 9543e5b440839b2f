#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "emulator/at/at_interpreter.h"
#include "emulator/core/byte_channel.h"
#include "emulator/network/registration.h"
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
};

// One emulated modem: a serial channel, the AT engine on it and the model behind the engine.
// Lives on one io_context thread; nothing in it is shared with other sessions.
class ModemSession final : private core::ByteChannel::Listener {
 public:
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
  // Serial-line faults: the next `n` host bytes are lost before the module sees them.
  void drop_input(std::size_t n) { drop_input_ += n; }

 private:
  ModemSession(boost::asio::io_context& io, core::TimerService& timers,
               std::shared_ptr<core::ByteChannel> channel, SessionConfig config,
               std::unique_ptr<fs::ModuleFs> files);
  void attach_network(boost::asio::io_context& io, core::TimerService& timers);
  void on_input(std::string_view bytes) override;
  void on_output_drained() override { model_->on_output_drained(); }

  SessionConfig config_;
  std::shared_ptr<core::ByteChannel> channel_;
  at::AtSettings settings_;
  at::AtInterpreter interp_;
  net::SocketService sockets_;
  std::unique_ptr<fs::ModuleFs> fs_;
  std::unique_ptr<models::ModemBase> model_;
  // Goes before the model: the network stops reaching the model's SMS entity first.
  std::unique_ptr<network::Registration> registration_;
  bool started_ = false;
  std::size_t drop_input_ = 0;
};

}  // namespace cellemu::session
