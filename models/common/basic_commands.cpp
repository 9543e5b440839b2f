// V.250 basic commands (spec v250 §4-5): E V Q I Z &F &W O, S-registers, +CMEE.
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

// A basic command's numeric value: "" means 0 (V.250 default), anything else must be 0 or 1.
std::optional<bool> flag_value(const CommandContext& ctx) {
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
  ctx.info(m.profile().identity.product);
  return Final::ok();
}

// ATZ -> settings stored by AT&W (TG sends AT&FZE0&W)
Outcome atz(ModemBase& m, CommandContext&) {
  m.settings() = m.stored_settings;
  return Final::ok();
}

// AT&F -> factory settings: echo on, default CMEE, TCP/IP settings default (LM AT&F.md)
Outcome at_f(ModemBase& m, CommandContext&) {
  m.settings() = at::AtSettings{};
  m.settings().cmee = m.profile().default_cmee;
  m.on_factory_reset();
  return Final::ok();
}

// AT&W -> store the current settings (LM AT&W.md)
Outcome at_w(ModemBase& m, CommandContext&) {
  m.stored_settings = m.settings();
  return Final::ok();
}

// ATO -> back to transparent data mode: CONNECT, or NO CARRIER (LM TCPIP/ATO.md)
Outcome ato(ModemBase& m, CommandContext& ctx) {
  return m.resume_data_mode(ctx);
}

// S3 and S4 accept only their defaults on Luat (LM ATS3.md, ATS4.md); S5 0-127. Read: plain
// decimal (OQ-9).
template <int Reg>
int& s_register(ModemBase& m) {
  return Reg == 3 ? m.settings().s3 : Reg == 4 ? m.settings().s4 : m.settings().s5;
}

template <int Reg>
Outcome s_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(std::to_string(s_register<Reg>(m)));
  return Final::ok();
}

template <int Reg>
Outcome s_set(ModemBase& m, CommandContext& ctx) {
  const int v = std::stoi(ctx.cmd().args.substr(0, 6));
  if ((Reg == 3 && v != 13) || (Reg == 4 && v != 10) || (Reg == 5 && v > 127)) {
    return Final::error();
  }
  s_register<Reg>(m) = v;
  return Final::ok();
}

// AT+CMEE=[<n>] / AT+CMEE? / AT+CMEE=? (LM Configuration/CMEE.md); AT+CMEE and "AT+CMEE=" set
// the default value 0 (27.007)
Outcome cmee_default(ModemBase& m, CommandContext&) {
  m.settings().cmee = 0;
  return Final::ok();
}

Outcome cmee_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CMEE: {}", m.settings().cmee));
  return Final::ok();
}

Outcome cmee_set(ModemBase& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return bad_parameter();
  if (!args->has(0)) return cmee_default(m, ctx);
  auto v = args->int_in(0, 0, 2);
  if (!v || args->size() > 1) return bad_parameter();
  m.settings().cmee = *v;
  return Final::ok();
}

}  // namespace

void add_basic_commands(at::CommandTable<ModemBase>& t) {
  // A basic command has no other form: ERROR, whatever CMEE says (spec v250 §4-5, OQ-9).
  const auto basic = at::AbsentForms::all(Final::error());
  t.add("E", {.exec = ate, .absent = basic});
  t.add("V", {.exec = atv, .absent = basic});
  t.add("Q", {.exec = atq, .absent = basic});
  t.add("I", {.exec = ati, .absent = basic});
  t.add("Z", {.exec = atz, .absent = basic});
  t.add("&F", {.exec = at_f, .absent = basic});
  t.add("&W", {.exec = at_w, .absent = basic});
  t.add("O", {.exec = ato, .absent = basic});
  t.add("S3", {.test = "(13)", .read = s_read<3>, .set = s_set<3>, .absent = basic});
  t.add("S4", {.test = "(10)", .read = s_read<4>, .set = s_set<4>, .absent = basic});
  t.add("S5", {.test = "(0-127)", .read = s_read<5>, .set = s_set<5>, .absent = basic});
  t.add("+CMEE",
        {.test = "+CMEE: (0-2)", .read = cmee_read, .set = cmee_set, .exec = cmee_default});
}

}  // namespace cellemu::models::common
