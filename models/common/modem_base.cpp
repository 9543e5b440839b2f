#include "models/common/modem_base.h"

#include <algorithm>
#include <ctime>

#include <fmt/format.h>

#include "models/common/dialup.h"

namespace cellemu::models {
namespace {

sms::SmsServiceConfig sms_config(const Profile& p) {
  sms::SmsServiceConfig c;
  c.sm_capacity = static_cast<std::size_t>(std::max(0, p.sms.sm_capacity));
  c.me_capacity = static_cast<std::size_t>(std::max(0, p.sms.me_capacity));
  c.smsc = sms::Address::from_number(p.sms.smsc);
  c.cnmi = p.sms.cnmi;
  c.send_delay = p.timing.sms_send;
  c.barred_delay = p.timing.sms_barred;
  return c;
}

}  // namespace

ModemBase::ModemBase(ModelEnv env)
    : env_(std::move(env)),
      rtc_(env_.timers),
      dialup_(std::make_unique<Dialup>(*this)),
      reboot_timer_(env_.timers),
      registration_timer_(env_.timers),
      boot_timer_(env_.timers),
      sleep_(env_.timers, [this] { return quiet(); }),
      sms_(env_.timers, sms_config(env_.profile), [this] { return sms_conditions(); }),
      sms_host_(sms_, env_.at, env_.timers) {
  sms_.set_sink(&sms_host_);
  env_.at.responder().add_urc_observer([this](std::string_view) { sleep_.on_urc(); });
  radio_.rssi = env_.profile.network.rssi;
  radio_.ber = env_.profile.network.ber;
  supply_.millivolts = env_.profile.battery.millivolts;
  supply_.percent = env_.profile.battery.percent;
  stored_settings = default_settings();
  pdp_.reset(env_.profile.network.apn, radio_.attached);
}

ModemBase::~ModemBase() = default;

// Nothing in progress that sleep would cut: a command, URCs held back, a data state, a call.
bool ModemBase::quiet() {
  return powered_ && !env_.at.busy() && !env_.at.in_data_mode() && !env_.at.responder().held() &&
         !dialup_->call();
}

void ModemBase::output_drained() {
  dialup_->on_output_drained();
  on_output_drained();
}

// The context of a dial-up call goes down with it (a new dial activates it again); the model's
// own TCP/IP context hears of it through network_deactivate.
bool ModemBase::pdn_lost() {
  if (PdpContext* context = pdp_.find(dialup_->cid())) context->active = false;
  dialup_->pdn_lost(0, env_.profile.ppp_pdn_lost_urc);
  return network_deactivate();
}

void ModemBase::set_dtr(bool on) {
  const bool dropped = dtr_ && !on;
  dtr_ = on;
  sleep_.set_dtr(!on);  // high (off) lets AT+CSCLK=1 sleep; falling (on) wakes
  if (dropped) dialup_->dtr_dropped(dtr_mode);
}

void ModemBase::data_attached() {
  radio_.attached = true;
  pdp_.attached();
}

void ModemBase::data_detached() {
  radio_.attached = false;
  dialup_->pdn_lost(0, {});
  pdp_.deactivate_all();
  on_detach();
}

std::optional<at::Outcome> ModemBase::dispatch(at::CommandContext& ctx) {
  if (auto outcome = dispatch_vendor(ctx)) return outcome;
  return common_command_table().dispatch(*this, ctx);
}

at::AtSettings ModemBase::default_settings() const {
  at::AtSettings s;
  s.cmee = env_.profile.default_cmee;
  return s;
}

void ModemBase::reset_state() {
  on_power_up();
  sms_host_.reset();
  registration_timer_.cancel();
  boot_timer_.cancel();
  sleep_.power_up(env_.profile.wake_lost_lines);
  rtc_.power_on();
  rtc_.zone_reports = env_.profile.ctzr_default;
  sms_.power_up();
  settings() = default_settings();
  stored_settings = settings();
  dcd_mode = 1;
  dtr_mode = 2;
  supply_.power_on_mv = supply_.power_off_mv = 0;
  // The SIM keeps its PIN, its lock and its state; a locked SIM asks for the PIN again. A SIM put
  // back while the module ran (no hot-plug) is seen now.
  RadioState sim = radio_;
  if (sim_awaits_reset_) sim.sim = SimState::Ready;
  sim_awaits_reset_ = false;
  radio_ = RadioState{};
  radio_.sim = sim.sim;
  radio_.pin = sim.pin;
  radio_.pin_lock = sim.pin_lock;
  if (radio_.pin_lock && radio_.sim == SimState::Ready) radio_.sim = SimState::PinRequired;
  radio_.rssi = env_.profile.network.rssi;
  radio_.ber = env_.profile.network.ber;
  pdp_.reset(env_.profile.network.apn, radio_.attached);
  if (radio_.sim == SimState::Absent) {
    radio_.reg = RegStatus::Searching;
    radio_.attached = false;
    pdp_.deactivate_all();
  } else if (radio_.sim != SimState::Ready) {  // registration waits for AT+CPIN (LG)
    radio_.reg = RegStatus::NotSearching;
    radio_.attached = false;
  }
}

void ModemBase::power_up() {
  reset_state();
  announce_power_up();
}

void ModemBase::announce_power_up() {
  if (radio_.sim == SimState::Absent) {
    for (const auto& line : env_.profile.no_sim_urcs) urc(line);
  } else if (radio_.sim == SimState::Ready) {
    announce_registration();
  }
}

// services §4.5: the reset lines ("RDY") ≈1 s after the reset, the power-up URCs ≈5 s after
// them, on the real timing profile; the fast one says both at once, in that order. The module's
// state is at power-up values from the start.
void ModemBase::boot() {
  reset_state();
  const Timing& t = env_.profile.timing;
  auto ready = [this] {
    for (const auto& line : env_.profile.reset_urcs) urc(line);
  };
  if (t.boot_ready == core::Duration::zero() && t.boot_registration == core::Duration::zero()) {
    ready();
    announce_power_up();
    return;
  }
  boot_timer_.start(t.boot_ready, ready);
  registration_timer_.start(std::max(t.boot_ready, t.boot_registration),
                            [this] { announce_power_up(); });
}

void ModemBase::announce_registration() {
  for (auto line : env_.profile.power_up_urcs) {
    const auto at = line.find("{nitz}");
    if (at != std::string::npos) line.replace(at, 6, nitz_now());
    urc(line);
  }
  take_network_time();
}

void ModemBase::take_network_time() {
  const int zone = network_clock().zone();
  // 27.007 +CTZR=1 on a module that has it: "+CTZV: <tz>" (services §9).
  if (env_.profile.ctzr_settable && rtc_.zone_reports == 1) urc(fmt::format("+CTZV: {:+03}", zone));
  rtc_.on_network_time(network_clock().utc(env_.timers.now()), zone);
}

void ModemBase::radio_off() {
  registration_timer_.cancel();
  for (const auto& line : env_.profile.radio_off_urcs) urc(line);
  set_registration(RegStatus::NotSearching);
}

void ModemBase::radio_on() {
  if (radio_.sim != SimState::Ready || radio_.cfun != 1) return;
  set_registration(RegStatus::Home);  // attaches data once registered (data_attached)
  registration_timer_.start(std::chrono::milliseconds(1300), [this] { announce_registration(); });
}

void ModemBase::on_network_time() {
  for (auto line : env_.profile.power_up_urcs) {
    const auto at = line.find("{nitz}");
    if (at == std::string::npos) continue;
    line.replace(at, 6, nitz_now());
    urc(line);
  }
  take_network_time();
}

sms::RadioConditions ModemBase::sms_conditions() const {
  sms::RadioConditions c;
  switch (radio_.sim) {
    case SimState::Absent:
      c.sim_error = sms::CmsCause::SimNotInserted;
      break;
    case SimState::PinRequired:
      c.sim_error = sms::CmsCause::SimPinRequired;
      break;
    case SimState::PukRequired:
      c.sim_error = sms::CmsCause::SimPukRequired;
      break;
    case SimState::Ready:
      break;
  }
  c.registered = radio_.registered() && radio_.cfun == 1;
  const auto& barred = env_.profile.sms.no_sms_plmns;
  c.sms_barred = std::find(barred.begin(), barred.end(), plmn()) != barred.end();
  return c;
}

void ModemBase::reboot() {
  reboot_timer_.cancel();
  dialup_->reset();  // a module restarting says nothing of the call: the port is plain AT again
  on_reset();
  env_.at.reset();
  boot();
}

void ModemBase::request_power_down() {
  powered_ = false;  // deaf from now on; torn down once the answer is out
  env_.at.when_idle(
      [this] { reboot_timer_.start(core::Duration::zero(), [this] { power_down(); }); });
}

void ModemBase::power_down() {
  reboot_timer_.cancel();
  boot_timer_.cancel();
  registration_timer_.cancel();
  sms_host_.reset();
  sleep_.stop();
  dialup_->reset();  // the call ends with the module, silently
  on_reset();
  env_.at.reset();
  env_.at.responder().discard_held();
  radio_.reg = RegStatus::NotSearching;  // no URC: the module is off
  radio_.attached = false;
  radio_.cfun = 0;
  powered_ = false;
}

void ModemBase::power_on() {
  if (powered_) return;
  powered_ = true;
  reboot();
}

// The command's answer may still be on its way (the real timing delays it): the reboot waits for
// it, then runs from the timer, outside the engine's own call.
void ModemBase::request_reboot() {
  env_.at.when_idle([this] { reboot_timer_.start(core::Duration::zero(), [this] { reboot(); }); });
}

// "+NITZ: yy/MM/dd,hh:mm:ss+zz,dst": the network's UTC time with its zone in quarter hours beside
// it (S0 "+32" = UTC+8; LG: the printed time is UTC, spec services §3.3) and no daylight saving.
std::string ModemBase::nitz_now() const {
  sms::Timestamp t = sms::Timestamp::from_utc(network_clock().utc(env_.timers.now()), 0);
  t.zone = network_clock().zone();
  return t.text() + ",0";
}

at::Outcome ModemBase::resume_data_mode(at::CommandContext&) {
  return at::Final::code(at::ResultCode::NoCarrier);
}

namespace {
// +CREG/+CGREG/+CEREG URCs: n=1 "<key>: <stat>"; n>=2 "<key>: <stat>[,<lac>,<ci>[,<act>]]" (LM
// CREG.md) with the cell only while registered, as the read form gives it.
std::string reg_urc(std::string_view key, int mode, RegStatus status, const NetworkIdentity& net) {
  const bool registered = status == RegStatus::Home || status == RegStatus::Roaming;
  if (mode >= 2 && registered) {
    return fmt::format("{}: {},\"{}\",\"{}\",7", key, static_cast<int>(status), net.tac,
                       net.cell_id);
  }
  return fmt::format("{}: {}", key, static_cast<int>(status));
}
}  // namespace

void ModemBase::set_registration(RegStatus status) {
  if (radio_.reg == status) return;
  radio_.reg = status;
  const auto& net = env_.profile.network;
  if (radio_.creg_mode > 0) urc(reg_urc("+CREG", radio_.creg_mode, status, net));
  if (radio_.cgreg_mode > 0) urc(reg_urc("+CGREG", radio_.cgreg_mode, status, net));
  if (radio_.cereg_mode > 0) urc(reg_urc("+CEREG", radio_.cereg_mode, status, net));
  if (!radio_.registered() && radio_.attached) {
    data_detached();
  } else if (radio_.registered() && radio_.sim == SimState::Ready && radio_.cfun == 1 &&
             !radio_.attached) {
    data_attached();
  }
}

void ModemBase::set_signal(int rssi, int ber) {
  radio_.rssi = rssi;
  radio_.ber = ber;
}

void ModemBase::set_sim(SimState state) {
  if (state == SimState::Ready && radio_.sim == SimState::Absent && !env_.profile.sim_hotplug) {
    sim_awaits_reset_ = true;  // silent: the module does not look at the slot again
    return;
  }
  sim_awaits_reset_ = false;
  if (radio_.sim == state) return;
  radio_.sim = state;
  if (state == SimState::Absent) {
    for (const auto& line : env_.profile.no_sim_urcs) urc(line);
    set_registration(RegStatus::Searching);
  } else if (state == SimState::Ready) {
    urc("+CPIN: READY");
    set_registration(RegStatus::Home);
  }
}

}  // namespace cellemu::models
