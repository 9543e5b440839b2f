#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>

#include "emulator/at/at_interpreter.h"
#include "emulator/at/command_table.h"
#include "emulator/fs/module_fs.h"
#include "models/common/network_clock.h"
#include "models/common/radio_state.h"
#include "models/profile.h"
#include "net/socket_service.h"
#include "tls/root_store.h"

namespace cellemu::models {

// What a model needs from the session that hosts it.
struct ModelEnv {
  boost::asio::io_context& io;
  core::TimerService& timers;
  at::AtInterpreter& at;
  net::SocketService& sockets;
  fs::ModuleFs& fs;
  Profile profile;
  // Where network time starts (NetworkClock); a session may fix it, tests do.
  NetworkClock::UtcTime utc_at_start = NetworkClock::host_utc();
  // The certificates the module trusts when no cacert is configured; nullptr: none.
  std::shared_ptr<const tls::RootStore> roots;
};

// State and behaviour both modules share: V.250 settings, identity, SIM, registration, signal.
// Each model derives from it, answers its own commands first and falls back to the common table.
class ModemBase : public at::CommandDispatcher {
 public:
  explicit ModemBase(ModelEnv env);
  virtual ~ModemBase() = default;
  ModemBase(const ModemBase&) = delete;
  ModemBase& operator=(const ModemBase&) = delete;

  std::optional<at::Outcome> dispatch(at::CommandContext& ctx) override;

  // Power-up defaults and the power-up URCs (also after a reboot).
  virtual void power_up();
  // The host drained the serial output: paused socket readers may resume.
  virtual void on_output_drained() {}
  const std::string& model_name() const { return env_.profile.name; }

  // Hooks the common commands call into the vendor stack.
  virtual void on_detach() {}                                     // AT+CGATT=0, radio off
  virtual void on_factory_reset() {}                              // AT&F
  virtual at::Outcome resume_data_mode(at::CommandContext& ctx);  // ATO

  // Module reboot (AT+CFUN=1,1, a fault): the stack is torn down, the AT engine and settings
  // return to power-up state and the power-up URCs are sent again. The pty stays.
  void reboot();
  // Reboots once the current command has answered.
  void request_reboot();

  // Faults the network injects, in the model's own words.
  // The network takes the data context away (Air780EP "+PDP: DEACT"); false if unsupported.
  virtual bool network_deactivate() { return false; }
  // The live link the module numbers `id` (for link faults); nullptr if none.
  virtual std::shared_ptr<net::Link> link_by_id(int id) {
    (void)id;
    return nullptr;
  }
  struct LinkStatus {
    int id = 0;
    std::string protocol;
    std::string remote;
    std::string state;
    std::uint64_t sent = 0;
    std::uint64_t received = 0;
    bool nat_lost = false;
    std::uint64_t dropped = 0;  // datagrams lost to a full receive buffer
  };
  // What `cellemu ctl status` shows of the stack.
  virtual std::vector<LinkStatus> link_status() { return {}; }
  virtual std::string ip_state() { return {}; }

  // Radio changes (commands and faults), with the URCs their modes ask for.
  void set_registration(RegStatus status);
  void set_signal(int rssi, int ber);
  void set_sim(SimState state);
  // A card is in the slot but a module without hot-plug sees it only at its next boot.
  bool sim_awaits_reset() const { return sim_awaits_reset_; }

  RadioState& radio() { return radio_; }
  const Profile& profile() const { return env_.profile; }
  at::AtInterpreter& at() { return env_.at; }
  at::AtSettings& settings() { return env_.at.settings(); }
  core::TimerService& timers() { return env_.timers; }
  // The network's time in the profile's zone (+NITZ, +CCLK).
  const NetworkClock& network_clock() const { return network_clock_; }
  boost::asio::io_context& io() { return env_.io; }
  net::SocketService& sockets() { return env_.sockets; }
  // The module's own file system (certificates for TLS).
  fs::ModuleFs& fs() { return env_.fs; }
  // The built-in root store TLS verifies against when no cacert is configured (may be null).
  const std::shared_ptr<const tls::RootStore>& roots() const { return env_.roots; }
  void urc(std::string_view line) { env_.at.responder().urc(line); }

  // Settings saved by AT&W and restored by ATZ.
  at::AtSettings stored_settings;

 protected:
  // Tears the vendor stack down (sockets closed silently) before a reboot.
  virtual void on_reset() {}
  // The model's own commands; nullopt when it does not know the command.
  virtual std::optional<at::Outcome> dispatch_vendor(at::CommandContext& ctx) = 0;
  at::AtSettings default_settings() const;
  std::string nitz_now() const;

  ModelEnv env_;
  NetworkClock network_clock_;
  RadioState radio_;
  core::Timer reboot_timer_;
  bool sim_awaits_reset_ = false;
};

const at::CommandTable<ModemBase>& common_command_table();

}  // namespace cellemu::models
