#include "models/common/modem_base.h"

#include <fmt/format.h>

#include "models/common/dialup.h"

namespace cellemu::models {

ModemBase::ModemBase(ModelEnv env)
    : env_(std::move(env)),
      network_clock_(env_.timers, env_.utc_at_start, env_.profile.network.time_zone),
      dialup_(std::make_unique<Dialup>(*this)),
      reboot_timer_(env_.timers) {
  radio_.rssi = env_.profile.network.rssi;
  radio_.ber = env_.profile.network.ber;
  stored_settings = default_settings();
  pdp_.reset(env_.profile.network.apn, radio_.attached);
}

ModemBase::~ModemBase() = default;

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

void ModemBase::power_up() {
  settings() = default_settings();
  stored_settings = settings();
  dcd_mode = 1;
  dtr_mode = 2;
  const SimState sim = radio_.sim;
  radio_ = RadioState{};
  radio_.sim = sim;
  radio_.rssi = env_.profile.network.rssi;
  radio_.ber = env_.profile.network.ber;
  pdp_.reset(env_.profile.network.apn, radio_.attached);
  if (radio_.sim == SimState::Absent) {
    radio_.reg = RegStatus::Searching;
    radio_.attached = false;
    pdp_.deactivate_all();
    for (const auto& line : env_.profile.no_sim_urcs) urc(line);
    return;
  }
  for (auto line : env_.profile.power_up_urcs) {
    const auto at = line.find("{nitz}");
    if (at != std::string::npos) line.replace(at, 6, nitz_now());
    urc(line);
  }
}

void ModemBase::reboot() {
  reboot_timer_.cancel();
  dialup_->reset();  // a module restarting says nothing of the call: the port is plain AT again
  on_reset();
  env_.at.reset();
  power_up();
}

void ModemBase::request_reboot() {
  reboot_timer_.start(core::Duration::zero(), [this] { reboot(); });
}

// "+NITZ: yy/MM/dd,hh:mm:ss+zz,dst": network time with its zone in quarter hours (S0 "+32" =
// UTC+8) and no daylight saving.
std::string ModemBase::nitz_now() const {
  if (!env_.profile.nitz.empty()) return env_.profile.nitz;
  return network_clock_.local_text() + ",0";
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
