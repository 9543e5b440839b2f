// Device and SIM-security commands both modules share (spec services §4.1-§4.3, §5.3, §5.4):
// +CBC, +CNUM, +CPOWD (where the profile has it), +CSCLK, +WAKETIM, *RTIME, +CLCK, +CPWD.
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CmeError;
using at::CommandContext;
using at::Final;
using at::Outcome;

// AT+CBC -> Luat "+CBC: <mV>" (LM CBC.md, WH "+CBC: 3968"); the "simcom" knob and the NM28's
// 27.007 form "+CBC: 0,<pct>,<mV>" (OQ-S13, services §9)
Outcome cbc_exec(ModemBase& m, CommandContext& ctx) {
  const Supply& s = m.supply();
  if (m.profile().battery.format == "luat") {
    ctx.info(fmt::format("+CBC: {}", s.millivolts));
  } else {
    ctx.info(fmt::format("+CBC: 0,{},{}", s.percent, s.millivolts));
  }
  return Final::ok();
}

// AT+CBC? -> +CBC: <powerOnVol>,<powerOffVol>; AT+CBC=<on>,<off> (mV, >= 0) (LM CBC.md)
Outcome cbc_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CBC: {},{}", m.supply().power_on_mv, m.supply().power_off_mv));
  return Final::ok();
}

Outcome cbc_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  const auto on = a && a->size() == 2 ? a->int_in(0, 0, 65535) : std::nullopt;
  const auto off = a && a->size() == 2 ? a->int_in(1, 0, 65535) : std::nullopt;
  if (!on || !off) return Final::cme(kIncorrectParameters);
  m.supply().power_on_mv = *on;
  m.supply().power_off_mv = *off;
  return Final::ok();
}

// AT+CNUM -> +CNUM: "","<msisdn>",<type>; a SIM without one: plain ERROR (WH, OQ-S20)
Outcome cnum(ModemBase& m, CommandContext& ctx) {
  const auto number = sms::Address::from_number(m.profile().sms.msisdn);
  if (!number) return Final::error();
  ctx.info(fmt::format("+CNUM: \"\",\"{}\",{}", number->value, number->type));
  return Final::ok();
}

// A PIN the SIM takes: 4-8 digits (27.007).
bool valid_pin(std::string_view pin) {
  return pin.size() >= 4 && pin.size() <= 8 &&
         pin.find_first_not_of("0123456789") == std::string_view::npos;
}

// A wrong PIN counts; the third in a row blocks the SIM (SIM PUK).
Final wrong_pin(ModemBase& m) {
  if (++m.radio().wrong_pins >= 3) m.radio().sim = SimState::PukRequired;
  return Final::cme(CmeError::IncorrectPassword);
}

// AT+CLCK="SC",<mode>[,"<pin>"]: 2 -> +CLCK: <0|1>; 0/1 with the PIN -> OK, wrong CME 16; other
// facilities CME 4 (LG device-lock guide, OQ-S21)
Outcome clck(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  const auto mode = a && a->size() <= 3 ? a->int_in(1, 0, 2) : std::nullopt;
  if (!mode) return Final::cme(kIncorrectParameters);
  if (a->text(0) != "SC") return Final::cme(CmeError{4});
  if (m.radio().sim == SimState::Absent) return Final::cme(CmeError::SimNotInserted);
  if (m.radio().sim == SimState::PukRequired) return Final::cme(CmeError::SimPukRequired);
  if (*mode == 2) {
    ctx.info(fmt::format("+CLCK: {}", m.radio().pin_lock ? 1 : 0));
    return Final::ok();
  }
  if (!a->has(2)) return Final::cme(kIncorrectParameters);
  if (a->text(2) != m.radio().pin) return wrong_pin(m);
  m.radio().wrong_pins = 0;
  m.radio().pin_lock = *mode == 1;
  return Final::ok();
}

// AT+CPWD="SC","<old>","<new>": lock off CME 3, wrong old CME 16 (LG; LM CPWD.md; OQ-S21)
Outcome cpwd(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (!a || a->size() != 3 || !valid_pin(a->text(2))) return Final::cme(kIncorrectParameters);
  if (a->text(0) != "SC") return Final::cme(CmeError{4});
  if (m.radio().sim == SimState::Absent) return Final::cme(CmeError::SimNotInserted);
  if (!m.radio().pin_lock) return Final::cme(CmeError::OperationNotAllowed);
  if (a->text(1) != m.radio().pin) return wrong_pin(m);
  m.radio().wrong_pins = 0;
  m.radio().pin = std::string(a->text(2));
  return Final::ok();
}

// AT+CPOWD=1 -> "NORMAL POWER DOWN" and no OK; =0 -> nothing (LM CPOWD.md); then the module is
// off until `ctl power on` (LF 开关机问题.md: only PWRKEY or reset restarts it)
Outcome cpowd(ModemBase& m, CommandContext& ctx) {
  const auto n = ctx.args() && ctx.args()->size() == 1 ? ctx.args()->int_in(0, 0, 1) : std::nullopt;
  if (!n) return Final::cme(kIncorrectParameters);
  m.request_power_down();
  return *n == 1 ? Final::text("NORMAL POWER DOWN") : Final::none();
}

// One integer argument in [lo, hi], or nullopt.
std::optional<int> single_int(CommandContext& ctx, int lo, int hi) {
  const auto& a = ctx.args();
  return a && a->size() == 1 ? a->int_in(0, lo, hi) : std::nullopt;
}

// AT+CSCLK=<0-3> -> OK; AT+CSCLK? -> +CSCLK: <n> (LM CSCLK.md; test form OQ-S41)
Outcome csclk_set(ModemBase& m, CommandContext& ctx) {
  const auto n = single_int(ctx, 0, 3);
  if (!n) return Final::cme(kIncorrectParameters);
  m.sleep().set_level(*n);
  return Final::ok();
}

Outcome csclk_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CSCLK: {}", m.sleep().level()));
  return Final::ok();
}

// AT+WAKETIM=<0-65> (idle seconds before sleep) -> OK; AT+WAKETIM? -> "+WAKETIM:1", no space
// (LM WAKETIM.md example)
Outcome waketim_set(ModemBase& m, CommandContext& ctx) {
  const auto s = single_int(ctx, 0, 65);
  if (!s) return Final::cme(kIncorrectParameters);
  m.sleep().set_wake_time(*s);
  return Final::ok();
}

Outcome waketim_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+WAKETIM:{}", m.sleep().wake_time()));
  return Final::ok();
}

// AT*RTIME=<0-20> -> OK; AT*RTIME? -> *RTIME: <s> (LM RTIME.md; accepted only)
Outcome rtime_set(ModemBase& m, CommandContext& ctx) {
  const auto s = single_int(ctx, 0, 20);
  if (!s) return Final::cme(kIncorrectParameters);
  m.sleep().rtime = *s;
  return Final::ok();
}

Outcome rtime_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("*RTIME: {}", m.sleep().rtime));
  return Final::ok();
}

bool has_cpowd(ModemBase& m) {
  return m.profile().cpowd;
}

}  // namespace

void add_device_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CBC", {.read = cbc_read, .set = cbc_set, .exec = cbc_exec});
  t.add("+CNUM", {.exec = cnum});
  t.add("+CPOWD", {.test = "+CPOWD: (0,1)", .set = cpowd, .enabled = has_cpowd});
  t.add("+CSCLK", {.test = "+CSCLK: (0-3)", .read = csclk_read, .set = csclk_set});
  t.add("+WAKETIM", {.test = "+WAKETIM: (0-65)", .read = waketim_read, .set = waketim_set});
  t.add("*RTIME", {.test = "*RTIME: (0-20)", .read = rtime_read, .set = rtime_set});
  t.add("+CLCK", {.test = "+CLCK: (\"SC\")", .set = clck});
  t.add("+CPWD", {.test = "+CPWD: (\"SC\",8)", .set = cpwd});
}

}  // namespace cellemu::models::common
