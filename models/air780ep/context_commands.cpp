// The TCP/IP context (air780ep.md §3, §4.1-§4.4, §4.9): +CSTT +CIICR +CIFSR +CIPSHUT +CIPSTATUS.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

bool allowed(IpCommand command, const IpStack& s) {
  return legality(command, s.state()) == Verdict::Allowed;
}

// AT+CSTT[=<apn>[,<user>[,<pwd>]]] -> OK in IP INITIAL only (S0: a second AT+CSTT is
// +CME ERROR: 3); apn <= 128, user/pwd <= 32 characters (LM CSTT.md)
// AT+CSTT? -> +CSTT: "<apn>","<user>","<pwd>" (OQ-23); AT+CSTT=? -> +CSTT: "APN","USER","PWD"
Outcome cstt_read(Air780epModel& m, CommandContext& ctx) {
  const TcpipSettings& st = m.stack().settings();
  ctx.info(fmt::format(R"(+CSTT: "{}","{}","{}")", st.apn, st.user, st.password));
  return Final::ok();
}

// Keeps the credentials and moves to IP START; only from IP INITIAL.
Outcome start_context(IpStack& s, std::string_view apn, std::string_view user,
                      std::string_view password) {
  if (!allowed(IpCommand::Cstt, s)) return not_allowed();
  TcpipSettings& st = s.settings();
  st.apn = apn;
  st.user = user;
  st.password = password;
  s.set_context(Context::Start);
  return Final::ok();
}

Outcome cstt_set(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() > 3 || args->text(0).size() > 128 || args->text(1).size() > 32 ||
      args->text(2).size() > 32) {
    return not_allowed();
  }
  return start_context(m.stack(), args->text(0), args->text(1), args->text(2));
}

// The exec form takes the APN the network provisioned (LM CSTT.md).
Outcome cstt(Air780epModel& m, CommandContext&) {
  return start_context(m.stack(), {}, {}, {});
}

// AT+CIICR -> OK once active (IP START only; "real" profile ~100 ms, LS). Not attached:
// "+PDP: DEACT" then "+CME ERROR: 65535", state PDP DEACT (S0).
Outcome ciicr(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  if (!allowed(IpCommand::Ciicr, s)) return not_allowed();
  s.set_context(Context::Config);
  return answer_after(m, ctx, m.profile().timing.activate, [&m](const at::Deferred& d) {
    if (m.radio().data_ready()) {
      m.stack().set_context(Context::GprsAct);
      return Final::ok();
    }
    m.stack().set_context(Context::PdpDeact);
    d.info("+PDP: DEACT");  // precedes the error (S0; OQ-6 exception a)
    return Final::cme(kOtherError);
  });
}

// AT+CIFSR -> "\r\n<ip>\r\n" and no OK (S0 "10.17.70.180", LS; unpadded OQ-24); IP GPRSACT moves
// to IP STATUS. Without an address: Error 3 (LS:CafbbV8, OQ-R2).
Outcome cifsr(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  if (!allowed(IpCommand::Cifsr, s)) return not_allowed();
  if (s.context() == Context::GprsAct) s.set_context(Context::Status);
  ctx.info(s.local_ip());
  return Final::none();
}

// AT+CIPSHUT -> SHUT OK in any state: links closed silently, IP INITIAL, settings kept (MH);
// "real" profile answers after 100 ms (S0 shows 2 s, LS 105 ms).
Outcome cipshut(Air780epModel& m, CommandContext& ctx) {
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
Outcome cipstatus_set(Air780epModel& m, CommandContext& ctx) {
  const IpStack& s = m.stack();
  const auto& args = ctx.args();
  const auto id = s.multi() && args && args->size() == 1 ? link_id(*args, 0, s) : std::nullopt;
  if (!id) return not_allowed();
  ctx.info("+CIPSTATUS: " + status_row(s, *id));
  return Final::ok();
}

Outcome cipstatus(Air780epModel& m, CommandContext& ctx) {
  const IpStack& s = m.stack();
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
  t.add("+CSTT",
        {.test = R"(+CSTT: "APN","USER","PWD")", .read = cstt_read, .set = cstt_set, .exec = cstt});
  t.add("+CIICR", {.exec = ciicr});
  t.add("+CIFSR", {.exec = cifsr});
  t.add("+CIPSHUT", {.exec = cipshut});
  t.add("+CIPSTATUS", {.set = cipstatus_set, .exec = cipstatus});
}

}  // namespace cellemu::models::air780ep
