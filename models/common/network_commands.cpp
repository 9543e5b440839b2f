// Network commands (27.007 §7, §10): +CPIN +CSQ +CESQ +CREG +CGREG +CEREG +CGATT +CFUN +COPS
// +CGDCONT +CGACT +CGPADDR, and the SIMCom-only +CLTS / +CBATCHK TinyGSM needs (OQ-11).
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CmeError;
using at::CommandContext;
using at::CommandKind;
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

// AT+CPIN? -> +CPIN: READY | SIM PIN | SIM PUK, no SIM: +CME ERROR: 10 (S0, LM CPIN.md)
// AT+CPIN="<pin>" -> OK then URC +CPIN: READY, wrong pin +CME ERROR: 16
Outcome cpin(ModemBase& m, CommandContext& ctx) {
  auto& radio = m.radio();
  switch (ctx.kind()) {
    case CommandKind::Read:
      switch (radio.sim) {
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
    case CommandKind::Set: {
      if (radio.sim == SimState::Absent) return Final::cme(CmeError::SimNotInserted);
      if (radio.sim == SimState::Ready) return bad_parameter();
      if (!ctx.args() || ctx.args()->text(0) != radio.pin) {
        return Final::cme(CmeError::IncorrectPassword);
      }
      m.set_sim(SimState::Ready);
      return Final::ok();
    }
    case CommandKind::Test:
      return Final::ok();
    case CommandKind::Exec:
      return bad_parameter();
  }
  return Final::error();
}

// AT+CSQ -> +CSQ: <rssi>,<ber> (S0 "+CSQ: 23,0")
Outcome csq(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() == CommandKind::Test) {
    ctx.info("+CSQ: (0-31,99),(0-7,99)");
    return Final::ok();
  }
  if (ctx.kind() != CommandKind::Exec) return bad_parameter();
  ctx.info(fmt::format("+CSQ: {},{}", m.radio().rssi, m.radio().ber));
  return Final::ok();
}

// AT+CESQ -> +CESQ: 99,99,255,255,<rsrq>,<rsrp> (LT "+CESQ: 99,99,255,255,31,41")
Outcome cesq(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() == CommandKind::Test) return Final::ok();
  if (ctx.kind() != CommandKind::Exec) return bad_parameter();
  const int rssi = m.radio().rssi;
  if (rssi == 99) {
    ctx.info("+CESQ: 99,99,255,255,255,255");
  } else {
    ctx.info(fmt::format("+CESQ: 99,99,255,255,{},{}", std::min(34, 8 + rssi), 18 + rssi));
  }
  return Final::ok();
}

// AT+CREG / +CGREG / +CEREG: set URC mode, read "<key>: <n>,<stat>[,"<tac>","<ci>",7]"
template <int Which>
Outcome registration(ModemBase& m, CommandContext& ctx) {
  auto& radio = m.radio();
  int& mode = Which == 0 ? radio.creg_mode : Which == 1 ? radio.cgreg_mode : radio.cereg_mode;
  static constexpr const char* kKeys[] = {"+CREG", "+CGREG", "+CEREG"};
  std::string key = kKeys[Which];
  switch (ctx.kind()) {
    case CommandKind::Read: {
      if (Which == 2 && m.profile().cereg_key_bug) key = "+CGREG";
      const auto stat = static_cast<int>(radio.reg);
      if (mode >= 2 && radio.registered()) {
        const auto& net = m.profile().network;
        ctx.info(fmt::format("{}: {},{},\"{}\",\"{}\",7", key, mode, stat, net.tac, net.cell_id));
      } else {
        ctx.info(fmt::format("{}: {},{}", key, mode, stat));
      }
      return Final::ok();
    }
    case CommandKind::Test:
      ctx.info(Which == 0 ? "+CREG: (0,1,2,3)" : key + ": (0-2)");  // LM CREG.md
      return Final::ok();
    case CommandKind::Set: {
      auto n = ctx.args() ? ctx.args()->int_in(0, 0, Which == 0 ? 3 : 2) : std::nullopt;
      if (!n) return bad_parameter();
      mode = *n;
      return Final::ok();
    }
    case CommandKind::Exec:
      mode = 0;
      return Final::ok();
  }
  return Final::error();
}

// AT+CGATT? / =<0|1> / =? (LM GPRS/CGATT.md); detaching takes an active TCP/IP context down.
Outcome cgatt(ModemBase& m, CommandContext& ctx) {
  auto& radio = m.radio();
  switch (ctx.kind()) {
    case CommandKind::Read:
      ctx.info(fmt::format("+CGATT: {}", radio.attached ? 1 : 0));
      return Final::ok();
    case CommandKind::Test:
      ctx.info("+CGATT: (0-1)");
      return Final::ok();
    case CommandKind::Set: {
      auto v = ctx.args() ? ctx.args()->int_in(0, 0, 1) : std::nullopt;
      if (!v) return bad_parameter();
      if (*v == 1) {
        if (auto err = sim_error(m)) return *err;
        if (!radio.registered() || radio.cfun != 1) return Final::cme(CmeError::NoNetworkService);
        radio.attached = true;
        return Final::ok();
      }
      const bool was = radio.attached;
      radio.attached = false;
      // URCs the stack raises (+PDP: DEACT, OQ-40) are held until after this OK.
      if (was) m.on_detach();
      return Final::ok();
    }
    case CommandKind::Exec:
      return bad_parameter();
  }
  return Final::error();
}

// AT+CFUN? / =<0|1|4>[,<rst>] / =? (LM CFUN.md)
Outcome cfun(ModemBase& m, CommandContext& ctx) {
  auto& radio = m.radio();
  switch (ctx.kind()) {
    case CommandKind::Read:
      ctx.info(fmt::format("+CFUN: {}", radio.cfun));
      return Final::ok();
    case CommandKind::Test:
      ctx.info("+CFUN: (0,1,4),(0,1)");
      return Final::ok();
    case CommandKind::Set: {
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
      radio.cfun = *fun;
      if (*fun == 1) {
        if (radio.sim == SimState::Ready) m.set_registration(RegStatus::Home);
        if (radio.registered()) radio.attached = true;
      } else {
        m.set_registration(RegStatus::NotSearching);
      }
      return Final::ok();
    }
    case CommandKind::Exec:
      return bad_parameter();
  }
  return Final::error();
}

// AT+COPS? -> +COPS: 0,0,"<operator>",7 (MH)
Outcome cops(ModemBase& m, CommandContext& ctx) {
  const auto& net = m.profile().network;
  switch (ctx.kind()) {
    case CommandKind::Read:
      if (m.radio().registered()) {
        ctx.info(fmt::format("+COPS: 0,0,\"{}\",7", net.operator_name));
      } else {
        ctx.info("+COPS: 0");
      }
      return Final::ok();
    case CommandKind::Test:
      ctx.info(fmt::format("+COPS: (2,\"{}\",\"CMCC\",\"{}\",7),,(0-4),(0-2)", net.operator_name,
                           net.operator_numeric));
      return Final::ok();
    case CommandKind::Set:
    case CommandKind::Exec:
      return Final::ok();
  }
  return Final::error();
}

// AT+CGDCONT? -> +CGDCONT: 1,"IP","<apn>","<ip>" (LT); set accepted
Outcome cgdcont(ModemBase& m, CommandContext& ctx) {
  const auto& net = m.profile().network;
  switch (ctx.kind()) {
    case CommandKind::Read:
      ctx.info(fmt::format("+CGDCONT: 1,\"IP\",\"{}\",\"{}\"", net.apn, net.local_ip));
      return Final::ok();
    case CommandKind::Test:
      ctx.info("+CGDCONT: (1-15),\"IP\",,,(0-2),(0-4)");
      return Final::ok();
    case CommandKind::Set:
      if (!ctx.args() || !ctx.args()->int_in(0, 1, 15)) return bad_parameter();
      return Final::ok();
    case CommandKind::Exec:
      return bad_parameter();
  }
  return Final::error();
}

// AT+CGACT? -> +CGACT: 1,1; AT+CGACT=<state>,<cid> accepted (TinyGSM ignores the result)
Outcome cgact(ModemBase& m, CommandContext& ctx) {
  switch (ctx.kind()) {
    case CommandKind::Read:
      ctx.info(fmt::format("+CGACT: 1,{}", m.radio().attached ? 1 : 0));
      return Final::ok();
    case CommandKind::Test:
      ctx.info("+CGACT: (0,1)");
      return Final::ok();
    case CommandKind::Set:
      if (!ctx.args() || !ctx.args()->int_in(0, 0, 1)) return bad_parameter();
      return Final::ok();
    case CommandKind::Exec:
      return bad_parameter();
  }
  return Final::error();
}

// AT+CGPADDR[=1] -> +CGPADDR: 1,"<ip>" (LM GPRS/CGPADDR.md)
Outcome cgpaddr(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() == CommandKind::Test) {
    ctx.info("+CGPADDR: (1)");
    return Final::ok();
  }
  if (ctx.kind() == CommandKind::Read) return bad_parameter();
  ctx.info(fmt::format("+CGPADDR: 1,\"{}\"", m.profile().network.local_ip));
  return Final::ok();
}

// AT+CLTS=<0|1> / AT+CLTS? (SIMCom; OQ-11 knob simcom_compat)
Outcome clts(ModemBase& m, CommandContext& ctx) {
  if (!m.profile().simcom_compat) return Final::error();
  switch (ctx.kind()) {
    case CommandKind::Read:
      ctx.info(fmt::format("+CLTS: {}", m.radio().clts ? 1 : 0));
      return Final::ok();
    case CommandKind::Test:
      ctx.info("+CLTS: (0,1)");
      return Final::ok();
    case CommandKind::Set: {
      auto v = ctx.args() ? ctx.args()->int_in(0, 0, 1) : std::nullopt;
      if (!v) return bad_parameter();
      m.radio().clts = *v == 1;
      return Final::ok();
    }
    case CommandKind::Exec:
      return bad_parameter();
  }
  return Final::error();
}

// AT+CBATCHK=<0|1> (SIMCom; OQ-11)
Outcome cbatchk(ModemBase& m, CommandContext& ctx) {
  if (!m.profile().simcom_compat) return Final::error();
  if (ctx.kind() == CommandKind::Set && !(ctx.args() && ctx.args()->int_in(0, 0, 1))) {
    return bad_parameter();
  }
  if (ctx.kind() == CommandKind::Read) ctx.info("+CBATCHK: 0");
  return Final::ok();
}

}  // namespace

void add_network_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CPIN", cpin);
  t.add("+CSQ", csq);
  t.add("+CESQ", cesq);
  t.add("+CREG", registration<0>);
  t.add("+CGREG", registration<1>);
  t.add("+CEREG", registration<2>);
  t.add("+CGATT", cgatt);
  t.add("+CFUN", cfun);
  t.add("+COPS", cops);
  t.add("+CGDCONT", cgdcont);
  t.add("+CGACT", cgact);
  t.add("+CGPADDR", cgpaddr);
  t.add("+CLTS", clts);
  t.add("+CBATCHK", cbatchk);
}

}  // namespace cellemu::models::common
