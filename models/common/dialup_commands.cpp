// Dial-up (V.250 §6.3, 27.007 §10.2.1.1; services.md §6): D A H O &C &D.
#include <cctype>

#include "models/common/common_commands.h"
#include "models/common/dialup.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

// The cid of a packet-data dial string "*99[*[<called_address>][*[<L2P>][*[<cid>]]]]#" (27.007
// §10.2.1.1), spaces and a leading T/P modifier ignored (V.250); 0 for a packet dial with an
// unusable L2P or cid; nullopt for anything else (a voice dial).
std::optional<int> packet_dial_cid(std::string_view dial) {
  std::string s;
  for (char c : dial) {
    if (c != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (!s.empty() && (s[0] == 'T' || s[0] == 'P')) s.erase(0, 1);
  if (s.size() < 4 || s.compare(0, 3, "*99") != 0 || s.back() != '#') return std::nullopt;
  std::vector<std::string> fields;  // after "*99": called address, L2P, cid
  const std::string rest = s.substr(3, s.size() - 4);
  if (!rest.empty() && rest[0] != '*') return std::nullopt;
  for (std::size_t pos = 1; pos <= rest.size();) {
    const std::size_t star = std::min(rest.find('*', pos), rest.size());
    fields.push_back(rest.substr(pos, star - pos));
    pos = star + 1;
  }
  if (fields.size() > 3) return 0;
  if (fields.size() >= 2 && !fields[1].empty() && fields[1] != "PPP" && fields[1] != "1") return 0;
  if (fields.size() < 3 || fields[2].empty()) return 1;
  const std::string& cid = fields[2];
  if (cid.size() > 2 || !std::isdigit(static_cast<unsigned char>(cid[0])) ||
      (cid.size() == 2 && !std::isdigit(static_cast<unsigned char>(cid[1])))) {
    return 0;
  }
  return std::stoi(cid);
}

// ATD*99#, ATD*99***<cid>#, ATDT*99# -> CONNECT, then PPP (services.md §6.2); every other dial
// string is a voice call the module cannot make: NO CARRIER (§6.8, no VoLTE)
Outcome atd(ModemBase& m, CommandContext& ctx) {
  const auto cid = packet_dial_cid(ctx.cmd().args);
  if (!cid || *cid == 0) return Final::code(at::ResultCode::NoCarrier);
  return m.dialup().dial(ctx, *cid);
}

// ATA -> NO CARRIER: there is never an incoming call to answer (LM ATA.md)
Outcome ata(ModemBase&, CommandContext&) {
  return Final::code(at::ResultCode::NoCarrier);
}

// ATH -> OK; a held data call is released without LCP frames (LM ATH.md, +++.md; WH)
Outcome ath(ModemBase& m, CommandContext& ctx) {
  if (!ctx.cmd().args.empty() && ctx.cmd().args != "0") return Final::error();
  m.dialup().hang_up();
  return Final::ok();
}

// ATO -> CONNECT back into the held PPP call, or the model's transparent socket, else NO
// CARRIER (LM ATO.md)
Outcome ato(ModemBase& m, CommandContext& ctx) {
  if (auto resumed = m.dialup().resume(ctx)) return *resumed;
  return m.resume_data_mode(ctx);
}

// AT&C[<0|1>], AT&D[<0|1|2>] -> OK; no value = 0 (V.250; LM AT&C.md, AT&D.md)
template <int Max>
std::optional<int> basic_value(const CommandContext& ctx) {
  const std::string& v = ctx.cmd().args;
  if (v.empty()) return 0;
  if (v.size() != 1 || v[0] < '0' || v[0] > '0' + Max) return std::nullopt;
  return v[0] - '0';
}

Outcome at_c(ModemBase& m, CommandContext& ctx) {
  const auto v = basic_value<1>(ctx);
  if (!v) return Final::error();
  m.dcd_mode = *v;
  return Final::ok();
}

Outcome at_d(ModemBase& m, CommandContext& ctx) {
  const auto v = basic_value<2>(ctx);
  if (!v) return Final::error();
  m.dtr_mode = *v;
  return Final::ok();
}

}  // namespace

void add_dialup_commands(at::CommandTable<ModemBase>& t) {
  const auto basic = at::AbsentForms::all(Final::error());
  t.add("D", {.exec = atd, .absent = basic});
  t.add("A", {.exec = ata, .absent = basic});
  t.add("H", {.exec = ath, .absent = basic});
  t.add("O", {.exec = ato, .absent = basic});
  t.add("&C", {.exec = at_c, .absent = basic});
  t.add("&D", {.exec = at_d, .absent = basic});
}

}  // namespace cellemu::models::common
