#include "models/common/modem_base.h"

#include <fmt/format.h>

namespace cellemu::models {

ModemBase::ModemBase(ModelEnv env)
    : env_(std::move(env)),
      network_clock_(env_.timers, env_.utc_at_start, env_.profile.network.time_zone),
      reboot_timer_(env_.timers) {
  radio_.rssi = env_.profile.network.rssi;
  radio_.ber = env_.profile.network.ber;
  stored_settings = default_settings();
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
  const SimState sim = sim_awaits_reset_ ? SimState::Ready : radio_.sim;
  sim_awaits_reset_ = false;
  radio_ = RadioState{};
  radio_.sim = sim;
  radio_.rssi = env_.profile.network.rssi;
  radio_.ber = env_.profile.network.ber;
  if (radio_.sim == SimState::Absent) {
    radio_.reg = RegStatus::Searching;
    radio_.attached = false;
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
    radio_.attached = false;
    on_detach();
  } else if (radio_.registered() && radio_.sim == SimState::Ready && radio_.cfun == 1) {
    radio_.attached = true;
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
