// V.250 basic commands (spec v250 §4-5): E V Q I Z &F &W O, S-registers, +CMEE.
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::CommandKind;
using at::Final;
using at::Outcome;

// A basic command's numeric value: "" means 0 (V.250 default), anything else must be 0 or 1.
std::optional<bool> flag_value(const CommandContext& ctx) {
  if (ctx.kind() != CommandKind::Exec) return std::nullopt;
  if (ctx.cmd().args.empty() || ctx.cmd().args == "0") return false;
  if (ctx.cmd().args == "1") return true;
  return std::nullopt;
}

// ATE[<0|1>]
Outcome ate(ModemBase& m, CommandContext& ctx) {
  auto v = flag_value(ctx);
  if (!v) return Final::error();
  m.settings().echo = *v;
  return Final::ok();
}

// ATV[<0|1>]: ATV0 numeric result codes (§2.2)
Outcome atv(ModemBase& m, CommandContext& ctx) {
  auto v = flag_value(ctx);
  if (!v) return Final::error();
  m.settings().verbose = *v;
  return Final::ok();
}

// ATQ[<0|1>]: ATQ1 suppresses result codes (LM ATQ.md)
Outcome atq(ModemBase& m, CommandContext& ctx) {
  auto v = flag_value(ctx);
  if (!v) return Final::error();
  m.settings().quiet = *v;
  return Final::ok();
}

// ATI[<n>] -> product string
Outcome ati(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() != CommandKind::Exec) return Final::error();
  ctx.info(m.profile().identity.product);
  return Final::ok();
}

// ATZ -> settings stored by AT&W (TG sends AT&FZE0&W)
Outcome atz(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() != CommandKind::Exec) return Final::error();
  m.settings() = m.stored_settings;
  return Final::ok();
}

// AT&F -> factory settings: echo on, default CMEE, TCP/IP settings default (LM AT&F.md)
Outcome at_f(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() != CommandKind::Exec) return Final::error();
  m.settings() = at::AtSettings{};
  m.settings().cmee = m.profile().default_cmee;
  m.on_factory_reset();
  return Final::ok();
}

// AT&W -> store the current settings (LM AT&W.md)
Outcome at_w(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() != CommandKind::Exec) return Final::error();
  m.stored_settings = m.settings();
  return Final::ok();
}

// ATO -> back to transparent data mode: CONNECT, or NO CARRIER (LM TCPIP/ATO.md)
Outcome ato(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() != CommandKind::Exec) return Final::error();
  return m.resume_data_mode(ctx);
}

// S3 and S4 accept only their defaults on Luat (LM ATS3.md, ATS4.md); S5 0-127. Read: plain
// decimal (OQ-9).
template <int Reg>
Outcome s_register(ModemBase& m, CommandContext& ctx) {
  int& value = Reg == 3 ? m.settings().s3 : Reg == 4 ? m.settings().s4 : m.settings().s5;
  switch (ctx.kind()) {
    case CommandKind::Read:
      ctx.info(std::to_string(value));
      return Final::ok();
    case CommandKind::Test:
      ctx.info(Reg == 3 ? "(13)" : Reg == 4 ? "(10)" : "(0-127)");
      return Final::ok();
    case CommandKind::Set: {
      const int v = std::stoi(ctx.cmd().args.substr(0, 6));
      if ((Reg == 3 && v != 13) || (Reg == 4 && v != 10) || (Reg == 5 && v > 127)) {
        return Final::error();
      }
      value = v;
      return Final::ok();
    }
    case CommandKind::Exec:
      return Final::error();
  }
  return Final::error();
}

// AT+CMEE=[<n>] / AT+CMEE? / AT+CMEE=? (LM Configuration/CMEE.md)
Outcome cmee(ModemBase& m, CommandContext& ctx) {
  switch (ctx.kind()) {
    case CommandKind::Read:
      ctx.info(fmt::format("+CMEE: {}", m.settings().cmee));
      return Final::ok();
    case CommandKind::Test:
      ctx.info("+CMEE: (0-2)");
      return Final::ok();
    case CommandKind::Set: {
      const auto& args = ctx.args();
      if (!args) return bad_parameter();
      if (!args->has(0)) {  // "AT+CMEE=" sets the default value 0 (27.007)
        m.settings().cmee = 0;
        return Final::ok();
      }
      auto v = args->int_in(0, 0, 2);
      if (!v || args->size() > 1) return bad_parameter();
      m.settings().cmee = *v;
      return Final::ok();
    }
    case CommandKind::Exec:
      m.settings().cmee = 0;
      return Final::ok();
  }
  return Final::error();
}

}  // namespace

void add_basic_commands(at::CommandTable<ModemBase>& t) {
  t.add("E", ate);
  t.add("V", atv);
  t.add("Q", atq);
  t.add("I", ati);
  t.add("Z", atz);
  t.add("&F", at_f);
  t.add("&W", at_w);
  t.add("O", ato);
  t.add("S3", s_register<3>);
  t.add("S4", s_register<4>);
  t.add("S5", s_register<5>);
  t.add("+CMEE", cmee);
}

}  // namespace cellemu::models::common
