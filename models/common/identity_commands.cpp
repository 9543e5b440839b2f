// Identity (27.007 §5): +CGMI +CGMM +CGMR +CGSN +CIMI +CCID +ICCID. Strings come from the profile.
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

// AT+CGMI / +CGMM / +CGMR -> +CGMI: "AirM2M" (LM Base/CGMI.md, CGMM.md, CGMR.md)
template <int Which>
Outcome quoted_identity(ModemBase& m, CommandContext& ctx) {
  const auto& id = m.profile().identity;
  static constexpr const char* kKeys[] = {"+CGMI", "+CGMM", "+CGMR"};
  const std::string& value = Which == 0 ? id.manufacturer : Which == 1 ? id.model : id.revision;
  ctx.info(fmt::format("{}: \"{}\"", kKeys[Which], value));
  return Final::ok();
}

// AT+CGSN -> bare IMEI; AT+CGSN=<snt>: 0 the same, 1-3 +CGSN: "<imei>" (LM CGSN.md, MH)
Outcome cgsn(ModemBase& m, CommandContext& ctx) {
  ctx.info(m.profile().identity.imei);
  return Final::ok();
}

Outcome cgsn_set(ModemBase& m, CommandContext& ctx) {
  auto snt = ctx.args() ? ctx.args()->int_in(0, 0, 3) : std::nullopt;
  if (!snt) return bad_parameter();
  if (*snt == 0) return cgsn(m, ctx);
  ctx.info(fmt::format("+CGSN: \"{}\"", m.profile().identity.imei));
  return Final::ok();
}

// AT+CIMI -> bare IMSI; needs the SIM
Outcome cimi(ModemBase& m, CommandContext& ctx) {
  if (m.radio().sim != SimState::Ready) return Final::cme(at::CmeError::SimNotInserted);
  ctx.info(m.profile().identity.imsi);
  return Final::ok();
}

// AT+CCID -> bare ICCID; AT+ICCID -> +ICCID: <iccid> (LM Base/ICCID.md, MH)
template <bool Keyed>
Outcome iccid(ModemBase& m, CommandContext& ctx) {
  if (m.radio().sim == SimState::Absent) return Final::cme(at::CmeError::SimNotInserted);
  const std::string& value = m.profile().identity.iccid;
  ctx.info(Keyed ? "+ICCID: " + value : value);
  return Final::ok();
}

// V.250 +GMI/+GMM/+GMR: not in the Air780EP firmware (services §1.3, OQ-S19), so unknown there.
bool has_v250_identity(ModemBase& m) {
  return m.profile().v250_identity;
}

}  // namespace

void add_identity_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CGMI", {.exec = quoted_identity<0>});
  t.add("+CGMM", {.exec = quoted_identity<1>});
  t.add("+CGMR", {.exec = quoted_identity<2>});
  t.add("+GMI", {.exec = quoted_identity<0>, .enabled = has_v250_identity});
  t.add("+GMM", {.exec = quoted_identity<1>, .enabled = has_v250_identity});
  t.add("+GMR", {.exec = quoted_identity<2>, .enabled = has_v250_identity});
  t.add("+CGSN", {.test = "+CGSN: (0-3)", .set = cgsn_set, .exec = cgsn});
  // AT+GSN -> bare IMEI; its other forms answer OK alone.
  t.add("+GSN", {.exec = cgsn, .absent = at::AbsentForms::all(Final::ok())});
  t.add("+CIMI", {.exec = cimi});
  t.add("+CCID", {.exec = iccid<false>});
  t.add("+ICCID", {.exec = iccid<true>});
}

}  // namespace cellemu::models::common
