// Network commands (27.007 §7, §10): +CPIN +CSQ +CESQ +CREG +CGREG +CEREG +CGATT +CFUN +COPS
// (PDP contexts: pdp_commands.cpp), and the SIMCom-only +CLTS / +CBATCHK TinyGSM needs (OQ-11).
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CmeError;
using at::CommandContext;
using at::Final;
using at::Outcome;

std::optional<Final> sim_error(ModemBase& m) {
  switch (m.radio().sim) {
    case SimState::Ready:
      return std::nullopt;
    case SimState::Absent:
      return Final::cme(CmeError::SimNotInserted);
    case SimState::PinRequired:
      return Final::cme(CmeError::SimPinRequired);
    case SimState::PukRequired:
      return Final::cme(CmeError::SimPukRequired);
  }
  return std::nullopt;
}

// A form that is accepted and changes nothing.
Outcome accepted(ModemBase&, CommandContext&) {
  return Final::ok();
}

// AT+CPIN? -> +CPIN: READY | SIM PIN | SIM PUK, no SIM: +CME ERROR: 10 (S0, LM CPIN.md)
Outcome cpin_read(ModemBase& m, CommandContext& ctx) {
  switch (m.radio().sim) {
    case SimState::Ready:
      ctx.info("+CPIN: READY");
      return Final::ok();
    case SimState::PinRequired:
      ctx.info("+CPIN: SIM PIN");
      return Final::ok();
    case SimState::PukRequired:
      ctx.info("+CPIN: SIM PUK");
      return Final::ok();
    case SimState::Absent:
      return Final::cme(CmeError::SimNotInserted);
  }
  return Final::ok();
}

// AT+CPIN="<pin>" -> OK, then registration and its burst (no +CPIN: READY URC, LG device-lock
// guide, K-023); wrong pin +CME ERROR: 16
Outcome cpin_set(ModemBase& m, CommandContext& ctx) {
  auto& radio = m.radio();
  if (radio.sim == SimState::Absent) return Final::cme(CmeError::SimNotInserted);
  if (radio.sim == SimState::Ready) return bad_parameter();
  if (!ctx.args() || ctx.args()->text(0) != radio.pin) {
    return Final::cme(CmeError::IncorrectPassword);
  }
  radio.sim = SimState::Ready;
  radio.wrong_pins = 0;
  m.radio_on();
  return Final::ok();
}

// AT+CSQ -> +CSQ: <rssi>,<ber> (S0 "+CSQ: 23,0")
// CFUN 0/4: "+CSQ: 99,99" (LM CSQ.md, services §4.4)
Outcome csq(ModemBase& m, CommandContext& ctx) {
  if (m.radio().cfun != 1) {
    ctx.info("+CSQ: 99,99");
    return Final::ok();
  }
  ctx.info(fmt::format("+CSQ: {},{}", m.radio().rssi, m.radio().ber));
  return Final::ok();
}

// AT+CESQ -> +CESQ: 99,99,255,255,<rsrq>,<rsrp> (LT "+CESQ: 99,99,255,255,31,41")
Outcome cesq(ModemBase& m, CommandContext& ctx) {
  const int rssi = m.radio().rssi;
  if (rssi == 99 || m.radio().cfun != 1) {
    ctx.info("+CESQ: 99,99,255,255,255,255");
  } else {
    ctx.info(fmt::format("+CESQ: 99,99,255,255,{},{}", std::min(34, 8 + rssi), 18 + rssi));
  }
  return Final::ok();
}

// AT+CREG / +CGREG / +CEREG: set URC mode (exec: 0), read "<key>: <n>,<stat>[,"<tac>","<ci>",7]"
template <int Which>
int& registration_mode(ModemBase& m) {
  auto& radio = m.radio();
  return Which == 0 ? radio.creg_mode : Which == 1 ? radio.cgreg_mode : radio.cereg_mode;
}

template <int Which>
Outcome registration_read(ModemBase& m, CommandContext& ctx) {
  static constexpr const char* kKeys[] = {"+CREG", "+CGREG", "+CEREG"};
  const char* key = Which == 2 && m.profile().cereg_key_bug ? "+CGREG" : kKeys[Which];
  const int mode = registration_mode<Which>(m);
  const auto stat = static_cast<int>(m.radio().reg);
  if (mode >= 2 && m.radio().registered()) {
    const auto& net = m.profile().network;
    ctx.info(fmt::format("{}: {},{},\"{}\",\"{}\",7", key, mode, stat, net.tac, net.cell_id));
  } else {
    ctx.info(fmt::format("{}: {},{}", key, mode, stat));
  }
  return Final::ok();
}

template <int Which>
Outcome registration_set(ModemBase& m, CommandContext& ctx) {
  auto n = ctx.args() ? ctx.args()->int_in(0, 0, Which == 0 ? 3 : 2) : std::nullopt;
  if (!n) return bad_parameter();
  registration_mode<Which>(m) = *n;
  return Final::ok();
}

template <int Which>
Outcome registration_off(ModemBase& m, CommandContext&) {
  registration_mode<Which>(m) = 0;
  return Final::ok();
}

// AT+CGATT? / =<0|1> / =? (LM GPRS/CGATT.md); detaching takes an active TCP/IP context down.
Outcome cgatt_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CGATT: {}", m.radio().attached ? 1 : 0));
  return Final::ok();
}

Outcome cgatt_set(ModemBase& m, CommandContext& ctx) {
  auto& radio = m.radio();
  auto v = ctx.args() ? ctx.args()->int_in(0, 0, 1) : std::nullopt;
  if (!v) return bad_parameter();
  if (*v == 1) {
    if (auto err = sim_error(m)) return *err;
    if (!radio.registered() || radio.cfun != 1) return Final::cme(CmeError::NoNetworkService);
    if (!radio.attached) m.data_attached();
    return Final::ok();
  }
  // URCs the stack raises (+PDP: DEACT, OQ-40) are held until after this OK.
  if (radio.attached) m.data_detached();
  return Final::ok();
}

// AT+CFUN? / =<0|1|4>[,<rst>] / =? (LM CFUN.md)
Outcome cfun_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CFUN: {}", m.radio().cfun));
  return Final::ok();
}

Outcome cfun_set(ModemBase& m, CommandContext& ctx) {
  auto& radio = m.radio();
  const auto& args = ctx.args();
  auto fun = args ? args->int_in(0, 0, 4) : std::nullopt;
  if (!fun || *fun == 2 || *fun == 3) return bad_parameter();
  int rst = 0;
  if (args->has(1)) {
    auto r = args->int_in(1, 0, 1);
    if (!r) return bad_parameter();
    rst = *r;
  }
  if (rst == 1) {
    m.request_reboot();
    return Final::ok();
  }
  const int before = radio.cfun;
  radio.cfun = *fun;
  if (*fun == before) return Final::ok();  // no URCs [I]
  // URCs queued here follow the OK (held while the command runs), services §4.4.
  if (*fun == 1) {
    m.radio_on();
  } else if (before == 1) {
    m.radio_off();
  }
  return Final::ok();
}

// The name of PLMN `numeric` in +COPS <format> 0/1/2.
std::string operator_in(const NetworkIdentity& net, const std::string& numeric, int format) {
  if (format == 2) return numeric;
  for (const auto& op : net.operators) {
    if (op.numeric == numeric) return format == 0 ? op.long_name : op.short_name;
  }
  return net.operator_name;
}

// AT+COPS? -> +COPS: <mode>,<format>,"<oper>",7; not registered +COPS: <mode> (LM COPS,
// services §5.1)
Outcome cops_read(ModemBase& m, CommandContext& ctx) {
  const auto& radio = m.radio();
  if (radio.registered() && radio.cfun == 1) {
    ctx.info(fmt::format("+COPS: {},{},\"{}\",7", radio.cops_mode, radio.cops_format,
                         operator_in(m.profile().network, m.plmn(), radio.cops_format)));
  } else {
    ctx.info(fmt::format("+COPS: {}", radio.cops_mode));
  }
  return Final::ok();
}

// The PLMN `oper` names in `format` that the module may register on: the home network or one the
// scan lists as available or current (27.007 <stat> 1/2); forbidden (3) and unknown ones: none.
std::optional<std::string> selectable_plmn(ModemBase& m, std::string_view oper, int format) {
  const auto& net = m.profile().network;
  if (format == 2 && oper == net.operator_numeric) return net.operator_numeric;
  for (const auto& op : net.operators) {
    const std::string& name = format == 0 ? op.long_name : format == 1 ? op.short_name : op.numeric;
    if (name != oper) continue;
    if (op.numeric == net.operator_numeric) return op.numeric;
    if (op.stat == 1 || op.stat == 2) return op.numeric;
    return std::nullopt;
  }
  return std::nullopt;
}

// Registers on `plmn` ("" home) when the radio and the SIM let it: a PLMN other than the home
// network is roaming (27.007 <stat> 5).
void register_on(ModemBase& m, std::string plmn) {
  const bool home = plmn.empty() || plmn == m.profile().network.operator_numeric;
  m.radio().plmn = home ? std::string() : std::move(plmn);
  if (m.radio().cfun != 1 || m.radio().sim != SimState::Ready) return;
  m.set_registration(home ? RegStatus::Home : RegStatus::Roaming);
}

// AT+COPS=<mode>[,<format>[,<oper>[,7]]] (LM COPS, services §5.1): 0 automatic (home); 1 manual
// on <oper>, CME 30 when it is not available [I]; 4 as 1, else automatic; 2 deregisters; 3 sets
// only the format. Format 0-2 and AcT 7, else CME 50.
Outcome cops_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  auto& radio = m.radio();
  // -1: missing or out of range (plain ints: gcc's unity build saw optionals as maybe unset)
  const int mode = a && a->size() <= 4 ? a->int_in(0, 0, 4).value_or(-1) : -1;
  const int format = a && a->has(1) ? a->int_in(1, 0, 2).value_or(-1) : radio.cops_format;
  if (mode < 0 || format < 0 || (a->has(3) && !a->int_in(3, 7, 7))) {
    return Final::cme(kIncorrectParameters);
  }
  if (mode == 1 || mode == 4) {
    if (!a->has(2)) return Final::cme(kIncorrectParameters);
    auto plmn = selectable_plmn(m, a->text(2), format);
    if (!plmn && mode == 1) return Final::cme(CmeError::NoNetworkService);
    radio.cops_format = format;
    radio.cops_mode = plmn ? mode : 0;  // mode 4 falls back to automatic
    register_on(m, plmn.value_or(std::string()));
    return Final::ok();
  }
  radio.cops_format = format;
  if (mode == 3) return Final::ok();
  radio.cops_mode = mode;
  if (mode == 2) {
    m.set_registration(RegStatus::NotSearching);
  } else {
    register_on(m, {});
  }
  return Final::ok();
}

// AT+COPS=? -> every PLMN of the profile, then ,,(0-4),(0-2) (ML format)
std::string cops_test(ModemBase& m) {
  std::string line = "+COPS: ";
  for (const auto& op : m.profile().network.operators) {
    line += fmt::format("({},\"{}\",\"{}\",\"{}\",7),", op.stat, op.long_name, op.short_name,
                        op.numeric);
  }
  return line + ",(0-4),(0-2)";
}

// The set form of a SIMCom-style switch: <0|1> accepted, anything else refused.
Outcome switch_set(ModemBase&, CommandContext& ctx) {
  if (!ctx.args() || !ctx.args()->int_in(0, 0, 1)) return bad_parameter();
  return Final::ok();
}

// AT+CLTS=<0|1> / AT+CLTS? (SIMCom; OQ-11 knob simcom_compat)
bool simcom_compat(ModemBase& m) {
  return m.profile().simcom_compat;
}

Outcome clts_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CLTS: {}", m.radio().clts ? 1 : 0));
  return Final::ok();
}

Outcome clts_set(ModemBase& m, CommandContext& ctx) {
  auto v = ctx.args() ? ctx.args()->int_in(0, 0, 1) : std::nullopt;
  if (!v) return bad_parameter();
  m.radio().clts = *v == 1;
  return Final::ok();
}

// AT+CBATCHK=<0|1> (SIMCom; OQ-11): read +CBATCHK: 0, every other form OK
Outcome cbatchk_read(ModemBase&, CommandContext& ctx) {
  ctx.info("+CBATCHK: 0");
  return Final::ok();
}

}  // namespace

void add_network_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CPIN", {.read = cpin_read, .set = cpin_set});
  t.add("+CSQ", {.test = "+CSQ: (0-31,99),(0-7,99)", .exec = csq});
  t.add("+CESQ", {.exec = cesq});
  t.add("+CREG", {.test = "+CREG: (0,1,2,3)",  // LM CREG.md
                  .read = registration_read<0>,
                  .set = registration_set<0>,
                  .exec = registration_off<0>});
  t.add("+CGREG", {.test = "+CGREG: (0-2)",
                   .read = registration_read<1>,
                   .set = registration_set<1>,
                   .exec = registration_off<1>});
  t.add("+CEREG", {.test = "+CEREG: (0-2)",
                   .read = registration_read<2>,
                   .set = registration_set<2>,
                   .exec = registration_off<2>});
  t.add("+CGATT", {.test = "+CGATT: (0-1)", .read = cgatt_read, .set = cgatt_set});
  t.add("+CFUN", {.test = "+CFUN: (0,1,4),(0,1)", .read = cfun_read, .set = cfun_set});
  t.add("+COPS", {.test = cops_test, .read = cops_read, .set = cops_set, .exec = accepted});
  t.add("+CLTS",
        {.test = "+CLTS: (0,1)", .read = clts_read, .set = clts_set, .enabled = simcom_compat});
  t.add("+CBATCHK", {.read = cbatchk_read,
                     .set = switch_set,
                     .absent = at::AbsentForms::all(Final::ok()),
                     .enabled = simcom_compat});
}

}  // namespace cellemu::models::common
