// Sending (air780ep.md §4.6): +CIPSEND and its data prompt.
#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;
using at::WindowEnd;

constexpr std::size_t kMaxSend = kMaxSegment;  // <size> of AT+CIPSEND? (LM, S0 FAQ 12)

// The send result line (§4.6 rule 9): CIPQSEND 1 "DATA ACCEPT:[<n>,]<len>" (S0, OQ-R5),
// otherwise "[<n>, ]SEND OK"; CIPSPRT=2 shows none (LM CIPSPRT.md).
Final send_result(const IpStack& s, int id, std::size_t len) {
  if (s.settings().cipsprt == 2) return Final::none();
  if (s.settings().cipqsend == 1) {
    return Final::text(s.multi() ? fmt::format("DATA ACCEPT:{},{}", id, len)
                                 : fmt::format("DATA ACCEPT:{}", len));
  }
  return Final::text(s.line_prefix(id) + "SEND OK");
}

// Data handed over: CIPQSEND 0/1 report at once (LM CIPQSEND note 2), 2 once the peer ACKed.
// A socket whose queue is already long makes the host wait for the result (lossless
// backpressure instead of an unbounded queue).
void report_sent(Air780epModel& m, const at::Deferred& d, int id, std::size_t len) {
  IpStack& s = m.stack();
  const Final ok = send_result(s, id, len);
  const Final fail = Final::text(s.line_prefix(id) + "SEND FAIL");
  net::Link& link = *s.slot(id).link();
  if (s.settings().cipqsend == 2) {
    link.when_acked([d, ok, fail](bool acked) { d.finish(acked ? ok : fail); });
    return;
  }
  if (link.send_backlog() > IpStack::kSendBacklogLimit) {
    s.hold_send_result(s.slot(id), d, ok, fail);
    return;
  }
  const core::Duration delay = m.profile().timing.send_result;
  if (delay <= core::Duration::zero()) {
    d.finish(ok);
  } else {
    s.command_timer().start(delay, [d, ok] { d.finish(ok); });
  }
}

// The prompt ended: Ctrl-Z / the length / the CIPATS timer send, ESC cancels (§4.6 rules 5-8).
Outcome window_done(Air780epModel& m, const at::Deferred& d, int id, WindowEnd end,
                    std::string data) {
  IpStack& s = m.stack();
  s.autosend_timer().cancel();
  if (end == WindowEnd::Escape) {  // nothing goes to the peer (OQ-28)
    d.finish(m.profile().esc_reply_ok ? Final::ok() : Final::none());
    return Outcome::pending();
  }
  const std::size_t len = data.size();
  if (!s.send(id, std::move(data))) {
    d.finish(Final::text(s.line_prefix(id) + "SEND FAIL"));
    return Outcome::pending();
  }
  report_sent(m, d, id, len);
  return Outcome::pending();
}

// Opens the prompt on a connected link: "\r\n> " unless CIPSPRT is 0 or 2 (LM CIPSPRT.md);
// payload echoed under E1 except the terminating Ctrl-Z/ESC (S0, LS); at most 1460 bytes kept
// (OQ-29); a '\n' right after a bare-'\r' command line is dropped (LM CIPSEND.md note 6).
Outcome open_prompt(Air780epModel& m, CommandContext& ctx, int id, std::optional<std::size_t> len) {
  IpStack& s = m.stack();
  if (s.settings().cipmode == 1) return not_allowed();  // OQ-37
  if (legality(IpCommand::Cipsend, s.link_view(id)) != Verdict::Allowed) return not_allowed();
  const at::Deferred d = ctx.defer();
  if (s.settings().cipsprt == 1) ctx.prompt("\r\n> ");  // ST: 0d 0a 3e 20
  if (s.settings().cipats_mode == 1) {                  // counted from the prompt (OQ-R4)
    s.autosend_timer().start(std::chrono::seconds(s.settings().cipats_time),
                             [&m] { m.at().end_window(); });
  }
  const at::WindowSpec spec{.length = len, .max_store = kMaxSend, .echo = m.settings().echo};
  return ctx.open_window(spec, [&m, d, id](WindowEnd end, std::string data) {
    return window_done(m, d, id, end, std::move(data));
  });
}

// AT+CIPSEND? -> +CIPSEND: 1460 (single) / one +CIPSEND: <n>,1460 line per link (OQ-16)
Outcome cipsend_read(Air780epModel& m, CommandContext& ctx) {
  const IpStack& s = m.stack();
  if (!s.multi()) {
    ctx.info(fmt::format("+CIPSEND: {}", kMaxSend));
    return Final::ok();
  }
  std::vector<std::string> lines;
  for (int id = 0; id < s.link_count(); ++id) {
    lines.push_back(fmt::format("+CIPSEND: {},{}", id, kMaxSend));
  }
  ctx.info_lines(lines);
  return Final::ok();
}

// AT+CIPSEND (single, Ctrl-Z) | =<len> (single, fixed) | =<n> (multi, Ctrl-Z) | =<n>,<len>
// -> "\r\n> ", data, then SEND OK / DATA ACCEPT:<len> / SEND FAIL; <len> 1-1460 (OQ-27).
// Not connected, or transparent mode: Error 3 and no prompt (MH, EF, OQ-37).
Outcome cipsend(Air780epModel& m, CommandContext& ctx) {
  if (m.stack().multi()) return not_allowed();
  return open_prompt(m, ctx, 0, std::nullopt);
}

Outcome cipsend_set(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  const auto& args = ctx.args();
  if (!args || args->size() < 1 || args->size() > (s.multi() ? 2u : 1u)) return not_allowed();
  int id = 0;
  if (s.multi()) {
    const auto n = link_id(*args, 0, s);
    if (!n) return not_allowed();
    id = *n;
  }
  const std::size_t len_at = s.multi() ? 1 : 0;
  if (!args->has(len_at)) return open_prompt(m, ctx, id, std::nullopt);
  const auto len = args->int_in(len_at, 1, kMaxSend);
  if (!len) return not_allowed();
  return open_prompt(m, ctx, id, static_cast<std::size_t>(*len));
}

}  // namespace

void add_send_commands(at::CommandTable<Air780epModel>& t) {
  // AT+CIPSEND=? -> +CIPSEND: 1460 (single) / +CIPSEND: (0-5),1460 (OQ-16)
  t.add("+CIPSEND", {.test = "+CIPSEND: {ids}" + std::to_string(kMaxSend),
                     .read = cipsend_read,
                     .set = cipsend_set,
                     .exec = cipsend});
}

}  // namespace cellemu::models::air780ep
