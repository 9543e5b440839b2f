// Identity (27.007 §5): +CGMI +CGMM +CGMR +CGSN +CIMI +CCID +ICCID. Strings come from the profile.
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::CommandKind;
using at::Final;
using at::Outcome;

// AT+CGMI / +CGMM / +CGMR -> +CGMI: "AirM2M" (LM Base/CGMI.md, CGMM.md, CGMR.md)
template <int Which>
Outcome quoted_identity(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() == CommandKind::Test) return Final::ok();
  if (ctx.kind() != CommandKind::Exec) return bad_parameter();
  const auto& id = m.profile().identity;
  static constexpr const char* kKeys[] = {"+CGMI", "+CGMM", "+CGMR"};
  const std::string& value = Which == 0 ? id.manufacturer : Which == 1 ? id.model : id.revision;
  ctx.info(fmt::format("{}: \"{}\"", kKeys[Which], value));
  return Final::ok();
}

// AT+CGSN -> bare IMEI; AT+CGSN=1 -> +CGSN: "<imei>" (LM CGSN.md, MH)
Outcome cgsn(ModemBase& m, CommandContext& ctx) {
  const std::string& imei = m.profile().identity.imei;
  switch (ctx.kind()) {
    case CommandKind::Exec:
      ctx.info(imei);
      return Final::ok();
    case CommandKind::Test:
      ctx.info("+CGSN: (0-3)");
      return Final::ok();
    case CommandKind::Set: {
      auto snt = ctx.args() ? ctx.args()->int_in(0, 0, 3) : std::nullopt;
      if (!snt) return bad_parameter();
      if (*snt == 0) {
        ctx.info(imei);
      } else {
        ctx.info(fmt::format("+CGSN: \"{}\"", imei));
      }
      return Final::ok();
    }
    case CommandKind::Read:
      return bad_parameter();
  }
  return Final::error();
}

Outcome gsn(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() != CommandKind::Exec) return Final::ok();
  ctx.info(m.profile().identity.imei);
  return Final::ok();
}

// AT+CIMI -> bare IMSI; needs the SIM
Outcome cimi(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() == CommandKind::Test) return Final::ok();
  if (ctx.kind() != CommandKind::Exec) return bad_parameter();
  if (m.radio().sim != SimState::Ready) return Final::cme(at::CmeError::SimNotInserted);
  ctx.info(m.profile().identity.imsi);
  return Final::ok();
}

// AT+CCID -> bare ICCID; AT+ICCID -> +ICCID: <iccid> (LM Base/ICCID.md, MH)
template <bool Keyed>
Outcome iccid(ModemBase& m, CommandContext& ctx) {
  if (ctx.kind() == CommandKind::Test) return Final::ok();
  if (ctx.kind() != CommandKind::Exec) return bad_parameter();
  if (m.radio().sim == SimState::Absent) return Final::cme(at::CmeError::SimNotInserted);
  const std::string& value = m.profile().identity.iccid;
  ctx.info(Keyed ? "+ICCID: " + value : value);
  return Final::ok();
}

}  // namespace

void add_identity_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CGMI", quoted_identity<0>);
  t.add("+CGMM", quoted_identity<1>);
  t.add("+CGMR", quoted_identity<2>);
  t.add("+GMI", quoted_identity<0>);
  t.add("+GMM", quoted_identity<1>);
  t.add("+GMR", quoted_identity<2>);
  t.add("+CGSN", cgsn);
  t.add("+GSN", gsn);
  t.add("+CIMI", cimi);
  t.add("+CCID", iccid<false>);
  t.add("+ICCID", iccid<true>);
}

}  // namespace cellemu::models::common
