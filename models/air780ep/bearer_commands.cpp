// AT+SAPBR, the bearers of the HTTP stack and of TinyGSM's SIM800 driver (app-protocols.md §2.2,
// refining air780ep.md §11; LM IP/SAPBR.md, LTF/LTH traces). Bearer 1 is the module's default
// PDN, not the TCP/IP context of air780ep.md §3.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace bearer_commands_detail {
using at::CommandContext;
using at::Final;
using at::Outcome;

constexpr std::size_t kMaxParameter = 50;  // APN, USER, PWD (LM)

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// AT+SAPBR=3,<cid>,<tag>,<value> -> OK. Tags case-insensitive (OQ-A33); CONTYPE "CSD" is taken
// and ignored, RATE 0-3.
Outcome set_parameter(SapbrBearers::Bearer& b, const at::AtArgs& args) {
  if (args.size() != 4 || args.text(2).empty()) return not_allowed();
  const std::string tag = upper(args.text(2));
  const std::string value(args.text(3));
  if (value.size() > kMaxParameter) return not_allowed();
  if (tag == "CONTYPE") {
    if (upper(value) != "GPRS" && upper(value) != "CSD") return not_allowed();
  } else if (tag == "APN") {
    b.apn = value;
  } else if (tag == "USER") {
    b.user = value;
  } else if (tag == "PWD") {
    b.pwd = value;
  } else if (tag == "PHONENUM") {
    b.phonenum = value;
  } else if (tag == "RATE") {
    if (!args.int_in(3, 0, 3)) return not_allowed();
    b.rate = value;
  } else {
    return not_allowed();
  }
  return Final::ok();
}

// AT+SAPBR=1,<cid> -> OK (100 ms in the real profile, §6); already open -> OK. Opening attaches,
// as on SIMCom parts (TinyGSM opens the bearer before anything else).
Outcome open_bearer(Air780epModel& m, CommandContext& ctx, int cid) {
  if (m.radio().sim != SimState::Ready || !m.radio().registered()) return not_allowed();
  m.radio().attached = true;
  SapbrBearers::Bearer& b = m.bearers().at(cid);
  b.open = true;
  b.dropped = false;
  b.opened_by_host = true;
  const auto delay =
      m.profile().timing.real ? std::chrono::milliseconds(100) : std::chrono::milliseconds(0);
  return answer_after(m, ctx, delay, [](const at::Deferred&) { return Final::ok(); });
}

// AT+SAPBR=0,<cid> -> OK; a bearer the network dropped -> Error 3 (LTH, OQ-A33).
Outcome close_bearer(SapbrBearers::Bearer& b) {
  if (b.dropped) return not_allowed();
  b.open = false;
  b.opened_by_host = false;
  return Final::ok();
}

// AT+SAPBR=2,<cid> -> +SAPBR: <cid>,<1 connected|3 closed>,"<ip>" (quoted, unpadded: LTF, LTH)
void query(Air780epModel& m, CommandContext& ctx, int cid) {
  const bool up = m.bearers().at(cid).open && m.radio().data_ready();
  ctx.info(fmt::format(R"(+SAPBR: {},{},"{}")", cid, up ? 1 : 3,
                       up ? m.profile().network.local_ip : "0.0.0.0"));
}

// AT+SAPBR=4,<cid> -> the parameter block (OQ-A33).
void read_back(const SapbrBearers::Bearer& b, CommandContext& ctx) {
  ctx.info_lines({"+SAPBR: ", "CONTYPE: " + b.contype, "APN: " + b.apn, "PHONENUM: " + b.phonenum,
                  "USER: " + b.user, "PWD: " + b.pwd, "RATE: " + b.rate});
}

// AT+SAPBR=<cmd>,<cid>[,<tag>,<value>]: 0 close, 1 open, 2 query, 3 set a parameter, 4 read
// the parameters; <cid> 1-3.
Outcome sapbr(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return not_allowed();
  const auto cmd = args->int_in(0, 0, 4);
  const auto cid = args->int_in(1, 1, SapbrBearers::kCount);
  if (!cmd || !cid) return not_allowed();
  SapbrBearers::Bearer& b = m.bearers().at(*cid);
  if (*cmd == 3) return set_parameter(b, *args);
  if (args->size() != 2) return not_allowed();
  switch (*cmd) {
    case 0:
      return close_bearer(b);
    case 1:
      return open_bearer(m, ctx, *cid);
    case 2:
      query(m, ctx, *cid);
      return Final::ok();
    default:
      read_back(b, ctx);
      return Final::ok();
  }
}

}  // namespace bearer_commands_detail

void add_bearer_commands(at::CommandTable<Air780epModel>& t) {
  t.add("+SAPBR", {.test = R"(+SAPBR: (0-4),(1-3),"ConParamTag","ConParamValue")",
                   .set = bearer_commands_detail::sapbr});
}

}  // namespace cellemu::models::air780ep
