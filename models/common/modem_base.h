#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>

#include "emulator/at/at_interpreter.h"
#include "emulator/at/command_table.h"
#include "emulator/fs/module_fs.h"
#include "emulator/network/network_clock.h"
#include "emulator/sms/sms_service.h"
#include "models/common/module_rtc.h"
#include "models/common/pdp_contexts.h"
#include "models/common/radio_state.h"
#include "models/common/sleep_control.h"
#include "models/common/sms_host.h"
#include "models/profile.h"
#include "net/socket_service.h"
#include "tls/root_store.h"

namespace cellemu::models {

class Dialup;

// What a model needs from the session that hosts it.
struct ModelEnv {
  boost::asio::io_context& io;
  core::TimerService& timers;
  at::AtInterpreter& at;
  net::SocketService& sockets;
  fs::ModuleFs& fs;
  Profile profile;
  // The operator network's time (one clock per process, shared by every modem): +NITZ and what
  // the module's RTC takes at registration.
  const network::NetworkClock& clock;
  // The certificates the module trusts when no cacert is configured; nullptr: none.
  std::shared_ptr<const tls::RootStore> roots;
};

// State and behaviour both modules share: V.250 settings, identity, SIM, registration, signal.
// Each model derives from it, answers its own commands first and falls back to the common table.
class ModemBase : public at::CommandDispatcher {
 public:
  explicit ModemBase(ModelEnv env);
  virtual ~ModemBase();
  ModemBase(const ModemBase&) = delete;
  ModemBase& operator=(const ModemBase&) = delete;

  std::optional<at::Outcome> dispatch(at::CommandContext& ctx) override;

  // Power-up defaults and the power-up URCs, at once (the process's start: the host opens the
  // port on a module that has booted).
  void power_up();
  // The host drained the serial output: a dial-up call and the model's paused socket readers
  // may resume (the session calls this; models override on_output_drained).
  void output_drained();
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
  // Power off (AT+CPOWD once its answer is out, `ctl power off`): the stack is torn down without
  // a word, the module hears and says nothing until power_on(), which boots it (services §4.2).
  // The pty and its link stay (OQ-S14).
  void request_power_down();
  void power_down();
  void power_on();
  bool powered() const { return powered_; }

  // Faults the network injects, in the model's own words.
  // The network takes the data context away: a dial-up call on it ends (services.md §6.4), then
  // the model's stack hears of it (network_deactivate); false if the model has no context.
  bool pdn_lost();
  // The model's part of it (Air780EP "+PDP: DEACT"); false if unsupported.
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

  // Packet service came or went (AT+CGATT, registration, CFUN): the default PDN with it, a
  // dial-up call ends, the model's stack hears of a detach (on_detach).
  void data_attached();
  void data_detached();

  // Radio changes (commands and faults), with the URCs their modes ask for.
  void set_registration(RegStatus status);
  void set_signal(int rssi, int ber);
  void set_sim(SimState state);
  // A card is in the slot but a module without hot-plug sees it only at its next boot.
  bool sim_awaits_reset() const { return sim_awaits_reset_; }

  RadioState& radio() { return radio_; }
  // The PLMN the module is registered on (or would be): a manual AT+COPS choice, else home.
  const std::string& plmn() const {
    return radio_.plmn.empty() ? env_.profile.network.operator_numeric : radio_.plmn;
  }
  // PDP contexts (+CGDCONT, +CGAUTH, +CGACT) and the dial-up call on them.
  PdpContexts& pdp() { return pdp_; }
  Dialup& dialup() { return *dialup_; }
  Supply& supply() { return supply_; }
  // AT+CSCLK / AT+WAKETIM sleep; the session hands it the host's bytes first.
  SleepControl& sleep() { return sleep_; }
  const Profile& profile() const { return env_.profile; }
  at::AtInterpreter& at() { return env_.at; }
  at::AtSettings& settings() { return env_.at.settings(); }
  core::TimerService& timers() { return env_.timers; }
  // The network's time (+NITZ) and the module's own RTC (+CCLK).
  const network::NetworkClock& network_clock() const { return env_.clock; }
  ModuleRtc& rtc() { return rtc_; }
  // The network sends its time (registration, `cellemu ctl clock set`): "+NITZ: ..." on modules
  // that print it, and the RTC follows when +CTZU allows (spec services §3).
  void on_network_time();
  // AT+CFUN: the radio goes off (0/4 from 1: the profile's radio-off URCs, deregistration) or on
  // again (registration, then the power-up burst ≈1.3 s later, LG SIM guide trace).
  void radio_off();
  void radio_on();
  boost::asio::io_context& io() { return env_.io; }
  net::SocketService& sockets() { return env_.sockets; }
  // The module's own file system (certificates for TLS).
  fs::ModuleFs& fs() { return env_.fs; }
  // The built-in root store TLS verifies against when no cacert is configured (may be null).
  const std::shared_ptr<const tls::RootStore>& roots() const { return env_.roots; }
  void urc(std::string_view line) { env_.at.responder().urc(line); }
  // The module's SMS entity: 27.005 settings, storages and sending below the handlers. Its
  // storages and the SIM's SMSC survive reboots; the session attaches it to the network.
  sms::SmsService& sms() { return sms_; }
  // What the SIM, registration and CFUN let SMS do now.
  sms::RadioConditions sms_conditions() const;
  // Words SMS indications as URCs and answers the send commands.
  SmsHost& sms_host() { return sms_host_; }

  // AT+CMUX (services.md §7): the session multiplexes the port once the command's OK is out,
  // with N1 information octets a frame; false when it cannot (already multiplexed).
  using CmuxStarter = std::function<bool(std::size_t n1)>;
  void set_cmux_starter(CmuxStarter starter) { cmux_starter_ = std::move(starter); }
  bool start_cmux(at::AtInterpreter& channel, std::size_t n1) {
    return &channel == &env_.at && cmux_starter_ && cmux_starter_(n1);
  }
  // The last AT+CMUX parameters (AT+CMUX?): mode, subset, port speed, N1, T1, N2, T2, T3, k.
  std::array<int, 9> cmux_params{0, 0, 5, 127, 10, 3, 30, 10, 2};

  // Settings saved by AT&W and restored by ATZ.
  at::AtSettings stored_settings;
  // AT&C (DCD follows the data call: 1) and AT&D (a DTR drop ends the call: 2), SDK defaults
  // (services.md §6.7); back to them at power-up.
  int dcd_mode = 1;
  int dtr_mode = 2;
  // The host's DTR line (a pty has none: `ctl dtr on|off` plays it). On->off acts on a data
  // call per AT&D; the line itself survives a module reboot, as the host drives it.
  void set_dtr(bool on);
  bool dtr() const { return dtr_; }

 protected:
  // Tears the vendor stack down (sockets closed silently) before a reboot.
  virtual void on_reset() {}
  // The vendor stack's own power-up state (every boot, before the power-up URCs).
  virtual void on_power_up() {}
  // The model's own commands; nullopt when it does not know the command.
  virtual std::optional<at::Outcome> dispatch_vendor(at::CommandContext& ctx) = 0;
  at::AtSettings default_settings() const;
  bool quiet();
  // Power-up state, then the power-up URCs: at once, or after a reset as the profile times it.
  void reset_state();
  void announce_power_up();
  void boot();
  std::string nitz_now() const;
  // The power-up URCs with the network's time, and the RTC takes it (§3.3).
  void announce_registration();
  void take_network_time();

  ModelEnv env_;
  ModuleRtc rtc_;
  RadioState radio_;
  PdpContexts pdp_;
  std::unique_ptr<Dialup> dialup_;
  Supply supply_;
  core::Timer reboot_timer_;
  core::Timer registration_timer_;
  core::Timer boot_timer_;
  SleepControl sleep_;
  bool powered_ = true;
  bool dtr_ = true;
  bool sim_awaits_reset_ = false;
  sms::SmsService sms_;
  SmsHost sms_host_;
  CmuxStarter cmux_starter_;
};

const at::CommandTable<ModemBase>& common_command_table();

}  // namespace cellemu::models
