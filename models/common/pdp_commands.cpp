// PDP contexts (27.007 §10; services.md §6.6): +CGDCONT +CGAUTH +CGACT +CGPADDR, and +CGDATA
// (a dial-up call on a context, §6.2).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "models/common/common_commands.h"
#include "models/common/dialup.h"

namespace cellemu::models::common {
namespace {
using at::CmeError;
using at::CommandContext;
using at::Final;
using at::Outcome;

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool active(ModemBase& m, const PdpContext& c) {
  return c.active && m.radio().attached;
}

// The PDN address of an active context, as +CGDCONT? and +CGPADDR show it (LT).
std::string address(ModemBase& m, const PdpContext& c) {
  return active(m, c) ? m.profile().network.local_ip : "0.0.0.0";
}

// AT+CGDCONT=<cid>[,"<type>"[,"<apn>"]] -> OK; <cid> alone undefines an inactive context
// (LM CGDCONT.md). Stored even while the context is active: used at its next activation.
Outcome cgdcont_set(ModemBase& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  const auto cid = args ? args->int_in(0, 1, PdpContexts::kMaxCid) : std::nullopt;
  if (!cid) return bad_parameter();
  PdpContext& c = *m.pdp().find(*cid);
  if (!args->has(1) && !args->has(2)) {
    if (active(m, c)) return bad_parameter();
    c = PdpContext{};
    return Final::ok();
  }
  static constexpr std::string_view kTypes[] = {"IP", "IPV6", "IPV4V6", "NON-IP"};
  const std::string type = args->has(1) ? upper(args->text(1)) : "IP";
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
    return bad_parameter();
  }
  c.defined = true;
  c.type = type == "NON-IP" ? "Non-IP" : type;
  c.apn = std::string(args->text(2));
  return Final::ok();
}

// AT+CGDCONT? -> +CGDCONT: <cid>,"<type>","<apn>","<addr>" per defined context (LT form)
Outcome cgdcont_read(ModemBase& m, CommandContext& ctx) {
  m.pdp().for_each_defined([&](int cid, const PdpContext& c) {
    ctx.info(fmt::format("+CGDCONT: {},\"{}\",\"{}\",\"{}\"", cid, c.type, c.apn, address(m, c)));
  });
  return Final::ok();
}

// AT+CGAUTH=<cid>[,<auth_prot>[,"<user>"[,"<pwd>"]]] -> OK (LM CGAUTH.md; MH)
Outcome cgauth_set(ModemBase& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  const auto cid = args ? args->int_in(0, 1, PdpContexts::kMaxCid) : std::nullopt;
  if (!cid || args->size() > 4) return bad_parameter();
  const auto prot = args->has(1) ? args->int_in(1, 0, 2) : std::optional<int>(0);
  if (!prot || args->text(2).size() > 64 || args->text(3).size() > 64) return bad_parameter();
  PdpContext& c = *m.pdp().find(*cid);
  c.auth = *prot;
  c.user = std::string(args->text(2));
  c.password = std::string(args->text(3));
  return Final::ok();
}

// AT+CGAUTH? -> +CGAUTH: <cid>,<auth_prot>,"<user>","<pwd>" per defined context, OK added [I]
Outcome cgauth_read(ModemBase& m, CommandContext& ctx) {
  m.pdp().for_each_defined([&](int cid, const PdpContext& c) {
    ctx.info(fmt::format("+CGAUTH: {},{},\"{}\",\"{}\"", cid, c.auth, c.user, c.password));
  });
  return Final::ok();
}

// AT+CGACT? -> +CGACT: <cid>,<state> per defined context
Outcome cgact_read(ModemBase& m, CommandContext& ctx) {
  m.pdp().for_each_defined([&](int cid, const PdpContext& c) {
    ctx.info(fmt::format("+CGACT: {},{}", cid, active(m, c) ? 1 : 0));
  });
  return Final::ok();
}

// The host takes a context down: a dial-up call on it ends (NO CARRIER), then the model's
// "+CGEV: ME PDN DEACT <cid>" (services.md §6.5, P-012).
void deactivate(ModemBase& m, int cid, PdpContext& c) {
  if (!active(m, c)) return;
  c.active = false;
  const std::string& urc = m.profile().pdn_deact_urc;
  if (m.dialup().cid() == cid) return m.dialup().pdn_lost(cid, urc);
  if (!urc.empty()) m.urc(pdn_line(urc, cid));
}

// AT+CGACT=<state>[,<cid>[,<cid>...]] -> OK; no cid: every defined context
Outcome cgact_set(ModemBase& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  const auto state = args ? args->int_in(0, 0, 1) : std::nullopt;
  if (!state) return bad_parameter();
  std::vector<int> cids;
  for (std::size_t i = 1; i < args->size(); ++i) {
    const auto cid = args->int_in(i, 1, PdpContexts::kMaxCid);
    if (!cid || !m.pdp().defined(*cid)) return bad_parameter();
    cids.push_back(*cid);
  }
  if (cids.empty())
    m.pdp().for_each_defined([&](int cid, const PdpContext&) { cids.push_back(cid); });
  if (*state == 1 && !m.radio().attached) {
    // 27.007 §10.1.10: a detached MT attaches first (TinyGSM sends AT+CGATT=0 then AT+CGACT=1,1).
    const auto& radio = m.radio();
    if (radio.sim != SimState::Ready || !radio.registered() || radio.cfun != 1) {
      return Final::cme(CmeError::NoNetworkService);
    }
    m.data_attached();
  }
  for (int cid : cids) {
    PdpContext& c = *m.pdp().find(cid);
    if (*state == 1) c.active = true;
    if (*state == 0) deactivate(m, cid, c);
  }
  return Final::ok();
}

// AT+CGPADDR[=<cid>[,<cid>...]] -> +CGPADDR: <cid>,"<addr>" (LM GPRS/CGPADDR.md); no cid: every
// defined context
Outcome cgpaddr(ModemBase& m, CommandContext& ctx) {
  std::vector<int> cids;
  if (ctx.kind() == at::CommandKind::Set) {
    const auto& args = ctx.args();
    for (std::size_t i = 0; args && i < args->size(); ++i) {
      const auto cid = args->int_in(i, 1, PdpContexts::kMaxCid);
      if (!cid || !m.pdp().defined(*cid)) return bad_parameter();
      cids.push_back(*cid);
    }
    if (!args || cids.empty()) return bad_parameter();
  } else {
    m.pdp().for_each_defined([&](int cid, const PdpContext&) { cids.push_back(cid); });
  }
  for (int cid : cids) {
    ctx.info(fmt::format("+CGPADDR: {},\"{}\"", cid, address(m, *m.pdp().find(cid))));
  }
  return Final::ok();
}

std::string cgpaddr_test(ModemBase& m) {
  std::vector<std::string> cids;
  m.pdp().for_each_defined(
      [&](int cid, const PdpContext&) { cids.push_back(std::to_string(cid)); });
  return fmt::format("+CGPADDR: ({})", fmt::join(cids, ","));
}

// AT+CGDATA[=["<L2P>"][,<cid>]] -> CONNECT and PPP; an L2P other than "PPP" -> CME 4 (SDK
// psCGDATA; services.md §6.2, OQ-S30)
Outcome cgdata_set(ModemBase& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() > 2) return bad_parameter();
  if (args->has(0) && upper(args->text(0)) != "PPP") return Final::cme(kOperationNotSupported);
  const auto cid = args->has(1) ? args->int_in(1, 1, PdpContexts::kMaxCid) : std::optional<int>(1);
  if (!cid) return bad_parameter();
  return m.dialup().dial(ctx, *cid);
}

Outcome cgdata_exec(ModemBase& m, CommandContext& ctx) {
  return m.dialup().dial(ctx, 1);
}

}  // namespace

void add_pdp_commands(at::CommandTable<ModemBase>& t) {
  // LM CGDCONT.md, the test answer as printed there.
  t.add("+CGDCONT",
        {.test = "+CGDCONT: (1-15),\"IP\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0,1),(0)\r\n"
                 "+CGDCONT: (1-15),\"IPV6\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0),(0)\r\n"
                 "+CGDCONT: (1-15),\"IPV4V6\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0,1),(0)\r\n"
                 "+CGDCONT: (1-15),\"Non-IP\",,,,,(0),(0,2),(0),(0),(0,1),(0),(0),(0),(0,1)",
         .read = cgdcont_read,
         .set = cgdcont_set});
  t.add("+CGAUTH", {.test = "+CGAUTH: (1-15),(0-2),64,64", .read = cgauth_read, .set = cgauth_set});
  t.add("+CGACT", {.test = "+CGACT: (0,1)", .read = cgact_read, .set = cgact_set});
  t.add("+CGPADDR", {.test = cgpaddr_test, .set = cgpaddr, .exec = cgpaddr});
  t.add("+CGDATA", {.test = "+CGDATA: (\"PPP\")", .set = cgdata_set, .exec = cgdata_exec});
}

}  // namespace cellemu::models::common
