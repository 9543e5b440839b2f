// The SAPBR bearer TinyGSM's SIM800 driver sets up before CSTT (air780ep.md §11; LM
// IP/SAPBR.md). It is the module's default PDN, not the TCP/IP context of §3.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

// AT+SAPBR=3,<cid>,"<tag>","<value>": Contype / APN / USER / PWD ... stored.
Outcome set_parameter(Air780epModel& m, const at::AtArgs& args) {
  if (args.size() != 4 || args.text(2).empty()) return not_allowed();
  std::string tag(args.text(2));
  for (auto& c : tag) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (tag == "APN") m.bearer_apn = args.text(3);
  return Final::ok();
}

// AT+SAPBR=<cmd>,<cid>[,<tag>,<value>]: 0 close, 1 open, 2 query, 3 set a parameter.
// AT+SAPBR=2,1 -> +SAPBR: 1,<1 open|3 closed>,"<ip>" then OK (LM, S7, TG: must end OK)
Outcome sapbr(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return not_allowed();
  const auto cmd = args->int_in(0, 0, 3);
  const auto cid = args->int_in(1, 1, 3);
  if (!cmd || !cid) return not_allowed();
  if (*cmd == 3) return set_parameter(m, *args);
  if (args->size() != 2) return not_allowed();
  switch (*cmd) {
    case 0:
      m.bearer_open = false;
      return Final::ok();
    case 1:  // opening the bearer attaches, as on SIMCom parts
      if (m.radio().sim != SimState::Ready || !m.radio().registered()) return not_allowed();
      m.radio().attached = true;
      m.bearer_open = true;
      return Final::ok();
    default: {
      const bool up = m.bearer_open && m.radio().data_ready();
      ctx.info(fmt::format(R"(+SAPBR: {},{},"{}")", *cid, up ? 1 : 3,
                           up ? m.profile().network.local_ip : "0.0.0.0"));
      return Final::ok();
    }
  }
}

}  // namespace

void add_bearer_commands(at::CommandTable<Air780epModel>& t) {
  t.add("+SAPBR", {.test = R"(+SAPBR: (0-3),(1-3),"ConParamTag","ConParamValue")", .set = sapbr});
}

}  // namespace cellemu::models::air780ep
