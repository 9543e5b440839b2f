// The TCP/IP context (air780ep.md §3, §4.1-§4.4, §4.9): +CSTT +CIICR +CIFSR +CIPSHUT +CIPSTATUS.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::CommandKind;
using at::Final;
using at::Outcome;

bool allowed(IpCommand command, const IpStack& s) {
  return legality(command, s.state()) == Verdict::Allowed;
}

// AT+CSTT[=<apn>[,<user>[,<pwd>]]] -> OK in IP INITIAL only (S0: a second AT+CSTT is
// +CME ERROR: 3); apn <= 128, user/pwd <= 32 characters (LM CSTT.md)
// AT+CSTT? -> +CSTT: "<apn>","<user>","<pwd>" (OQ-23); AT+CSTT=? -> +CSTT: "APN","USER","PWD"
Outcome cstt(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  TcpipSettings& st = s.settings();
  if (ctx.kind() == CommandKind::Test) {
    ctx.info(R"(+CSTT: "APN","USER","PWD")");
    return Final::ok();
  }
  if (ctx.kind() == CommandKind::Read) {
    ctx.info(fmt::format(R"(+CSTT: "{}","{}","{}")", st.apn, st.user, st.password));
    return Final::ok();
  }
  if (!allowed(IpCommand::Cstt, s)) return not_allowed();
  if (ctx.kind() == CommandKind::Set) {
    const auto& args = ctx.args();
    if (!args || args->size() > 3 || args->text(0).size() > 128 || args->text(1).size() > 32 ||
        args->text(2).size() > 32) {
      return not_allowed();
    }
    st.apn = args->text(0);
    st.user = args->text(1);
    st.password = args->text(2);
  } else {  // the exec form takes the APN the network provisioned (LM CSTT.md)
    st.apn.clear();
    st.user.clear();
    st.password.clear();
  }
  s.set_context(Context::Start);
  return Final::ok();
}

// AT+CIICR -> OK once active (IP START only; "real" profile ~100 ms, LS). Not attached:
// "+PDP: DEACT" then "+CME ERROR: 65535", state PDP DEACT (S0).
Outcome ciicr(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  if (ctx.kind() == CommandKind::Test) return Final::ok();
  if (ctx.kind() != CommandKind::Exec || !allowed(IpCommand::Ciicr, s)) return not_allowed();
  s.set_context(Context::Config);
  return answer_after(m, ctx, m.profile().timing.activate, [&m](const at::Deferred& d) {
    if (m.radio().data_ready()) {
      m.stack().set_context(Context::GprsAct);
      return Final::ok();
    }
    m.stack().set_context(Context::PdpDeact);
    d.info("+PDP: DEACT");  // precedes the error (S0; OQ-6 exception a)
    return Final::cme(at::CmeError::OtherError);
  });
}

// AT+CIFSR -> "\r\n<ip>\r\n" and no OK (S0 "10.17.70.180", LS; unpadded OQ-24); IP GPRSACT moves
// to IP STATUS. Without an address: Error 3 (LS:CafbbV8, OQ-R2).
Outcome cifsr(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  if (ctx.kind() == CommandKind::Test) return Final::ok();
  if (ctx.kind() != CommandKind::Exec || !allowed(IpCommand::Cifsr, s)) return not_allowed();
  if (s.context() == Context::GprsAct) s.set_context(Context::Status);
  ctx.info(s.local_ip());
  return Final::none();
}

// AT+CIPSHUT -> SHUT OK in any state: links closed silently, IP INITIAL, settings kept (MH);
// "real" profile answers after 100 ms (S0 shows 2 s, LS 105 ms).
Outcome cipshut(Air780epModel& m, CommandContext& ctx) {
  if (ctx.kind() == CommandKind::Test) return Final::ok();
  if (ctx.kind() != CommandKind::Exec) return not_allowed();
  m.stack().shut();
  return answer_after(m, ctx, m.profile().timing.shut,
                      [](const at::Deferred&) { return Final::text("SHUT OK"); });
}

// One link as a "C:" row / +CIPSTATUS: <n>,<bearer>,"<TCP|UDP>","<ip>","<port>","<state>";
// an unused id is <n>,,"","","","INITIAL" (ST dump, LM 使用方法举例).
std::string status_row(const IpStack& s, int id) {
  const ModuleSocket& slot = s.slot(id);
  if (slot.state() == SlotState::Initial) return fmt::format(R"({},,"","","","INITIAL")", id);
  return fmt::format(R"({},0,"{}","{}","{}","{}")", id,
                     slot.protocol() == net::Protocol::Udp ? "UDP" : "TCP", slot.reported_ip(),
                     slot.port(), slot_state_name(slot.state()));
}

// AT+CIPSTATUS -> OK first, then STATE: <state> (S0, LS); multi link adds one C: row per id.
// AT+CIPSTATUS=<n> (multi) -> +CIPSTATUS: <row> then OK (SM, S7, TG; OQ-25)
Outcome cipstatus(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  switch (ctx.kind()) {
    case CommandKind::Test:
      return Final::ok();
    case CommandKind::Read:
      return not_allowed();
    case CommandKind::Set: {
      const auto& args = ctx.args();
      const auto id = s.multi() && args && args->size() == 1 ? link_id(*args, 0, s) : std::nullopt;
      if (!id) return not_allowed();
      ctx.info("+CIPSTATUS: " + status_row(s, *id));
      return Final::ok();
    }
    case CommandKind::Exec:
      break;
  }
  ctx.emit_final(Final::ok());
  ctx.info(fmt::format("STATE: {}", state_name(s.state(), s.slot(0).protocol())));
  if (s.multi()) {
    std::vector<std::string> rows;
    for (int id = 0; id < s.link_count(); ++id) rows.push_back("C: " + status_row(s, id));
    ctx.info_lines(rows);
  }
  return Final::none();
}

}  // namespace

void add_context_commands(at::CommandTable<Air780epModel>& t) {
  t.add("+CSTT", cstt);
  t.add("+CIICR", ciicr);
  t.add("+CIFSR", cifsr);
  t.add("+CIPSHUT", cipshut);
  t.add("+CIPSTATUS", cipstatus);
}

}  // namespace cellemu::models::air780ep
