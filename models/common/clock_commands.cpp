// Clock commands both modules share (spec services §3): +CCLK on the module's RTC, +CTZU (NITZ
// updates the RTC), +CTZR (time zone reports; query-only on the Air780EP).
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

// AT+CCLK? -> +CCLK: "yy/MM/dd,hh:mm:ss±zz", local time (LM CCLK)
Outcome cclk_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CCLK: \"{}\"", m.rtc().now().text()));
  return Final::ok();
}

// AT+CCLK="yy/MM/dd,hh:mm:ss±zz": quotes required; a bad date or |zz| > 48 -> CME 50 (LM CCLK,
// OQ-S31)
Outcome cclk_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (!a || a->size() != 1 || !a->quoted(0)) return Final::cme(kIncorrectParameters);
  const auto t = sms::Timestamp::parse(a->text(0), 48);
  if (!t) return Final::cme(kIncorrectParameters);
  m.rtc().set(*t);
  return Final::ok();
}

// AT+CTZU=<0|1> / ? -> +CTZU: <n> (LM CTZU: on by default)
Outcome ctzu_set(ModemBase& m, CommandContext& ctx) {
  const auto n = ctx.args() && ctx.args()->size() == 1 ? ctx.args()->int_in(0, 0, 1) : std::nullopt;
  if (!n) return Final::cme(kIncorrectParameters);
  m.rtc().auto_update = *n == 1;
  return Final::ok();
}

Outcome ctzu_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CTZU: {}", m.rtc().auto_update ? 1 : 0));
  return Final::ok();
}

// AT+CTZR? -> +CTZR: <n>. Set: the Air780EP supports none ("不支持设置", LM CTZR: CME 4, OQ-S12);
// the NM28 takes 0/1 (27.007, +CTZV reports, services §9)
Outcome ctzr_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CTZR: {}", m.rtc().zone_reports));
  return Final::ok();
}

Outcome ctzr_set(ModemBase& m, CommandContext& ctx) {
  if (!m.profile().ctzr_settable) return Final::cme(at::CmeError{4});
  const auto n = ctx.args() && ctx.args()->size() == 1 ? ctx.args()->int_in(0, 0, 1) : std::nullopt;
  if (!n) return Final::cme(kIncorrectParameters);
  m.rtc().zone_reports = *n;
  return Final::ok();
}

}  // namespace

void add_clock_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CCLK", {.read = cclk_read, .set = cclk_set});
  t.add("+CTZU", {.test = "+CTZU: (0,1)", .read = ctzu_read, .set = ctzu_set});
  t.add("+CTZR", {.test = "+CTZR: (0,1)", .read = ctzr_read, .set = ctzr_set});
}

}  // namespace cellemu::models::common
