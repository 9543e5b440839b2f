// The Air780EP's HTTP(S) commands (app-protocols.md §4; LM HTTP/*.md, LTA/LTH traces): session,
// TLS switch, POST data window, actions and reads. HTTPPARA is in http_para_commands.cpp, the
// client in http_service.cpp.
#include <fmt/format.h>

#include <limits>

#include "models/air780ep/air780ep_commands.h"
#include "models/air780ep/http_service.h"

namespace cellemu::models::air780ep {
namespace http_commands_detail {
using at::CommandContext;
using at::Final;
using at::Outcome;
using at::WindowEnd;
using net::http::SessionState;

constexpr int kMaxPostData = 3356;  // LM HTTPDATA.md "AT版本 最大长度为3356"
constexpr int kMinInputMs = 1000;
constexpr int kMaxInputMs = 120000;

Outcome result(const std::optional<net::http::Refusal>& refusal) {
  return refusal ? Outcome(not_allowed()) : Outcome(Final::ok());
}

// AT+HTTPINIT -> OK; a session already open -> Error 3 (§4.3, OQ-A25). No bearer needed yet.
Outcome httpinit(Air780epModel& m, CommandContext&) {
  return result(m.http().session().init());
}

// AT+HTTPTERM -> OK, HTTPPARA back to defaults, a running request abandoned without a URC.
Outcome httpterm(Air780epModel& m, CommandContext&) {
  return result(m.http().term());
}

// AT+HTTPSSL=<0|1> -> OK (any state but BUSY); a URL without scheme then means https (OQ-A22).
Outcome httpssl(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  const auto on = args && args->size() == 1 ? args->int_in(0, 0, 1) : std::nullopt;
  if (!on || m.http().session().state() == SessionState::Busy) return not_allowed();
  m.http().ssl() = *on == 1;
  return Final::ok();
}

// AT+HTTPSSL? -> +HTTPSSL: <n> (LM's "+ HTTPSSL:" is a typo).
Outcome httpssl_read(Air780epModel& m, CommandContext& ctx) {
  ctx.info(fmt::format("+HTTPSSL: {}", m.http().ssl() ? 1 : 0));
  return Final::ok();
}

// AT+HTTPDATA=<size>,<time> -> "\r\nDOWNLOAD\r\n", exactly <size> bytes (not echoed, LTA) ->
// OK. <time> ms from DOWNLOAD without all of them: OK, the bytes so far are the POST data
// (OQ-A27). Size 0 clears the data at once without DOWNLOAD (LM).
Outcome httpdata(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() != 2) return not_allowed();
  const auto size = args->int_in(0, 0, kMaxPostData);
  const auto time = args->integer(1);
  if (!size || !time || m.http().session().state() != SessionState::Ready) return not_allowed();
  if (*size == 0) return result(m.http().session().set_post_data({}));
  if (*time < kMinInputMs || *time > kMaxInputMs) return not_allowed();
  ctx.prompt_line("DOWNLOAD");
  m.http().data_timer().start(std::chrono::milliseconds(*time), [&m] { m.at().end_window(); });
  const auto length = static_cast<std::size_t>(*size);
  const at::WindowSpec spec{.length = length, .max_store = length, .echo = false};
  return ctx.open_window(spec, [&m](WindowEnd, std::string data) -> Outcome {
    m.http().data_timer().cancel();
    return result(m.http().session().set_post_data(std::move(data)));
  });
}

// AT+HTTPACTION=<0 GET|1 POST|2 HEAD> -> OK, later +HTTPACTION: <method>,<status>,<datalen>.
// No session, no URL, a request running or another method -> Error 3, and no URC (OQ-A25).
Outcome httpaction(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  const auto method = args && args->size() == 1 ? args->int_in(0, 0, 2) : std::nullopt;
  if (!method) return not_allowed();
  static constexpr net::http::Method kMethods[] = {net::http::Method::Get, net::http::Method::Post,
                                                   net::http::Method::Head};
  return result(m.http().action(kMethods[*method]));
}

// "\r\n<prefix>: <n>\r\n<n bytes>" then OK: the data is followed directly by the OK line (§1.1,
// LTA); nothing held gives "<prefix>: 0" and an empty line.
Outcome data_frame(CommandContext& ctx, std::string_view prefix,
                   const net::http::ReadResult& read) {
  if (!read) return not_allowed();
  ctx.raw(fmt::format("\r\n{}: {}\r\n", prefix, read.data.size()));
  ctx.raw(read.data);
  return Final::ok();
}

// AT+HTTPREAD -> everything held (the last response's kept body, or the staged POST data before
// an action); not consumed.
Outcome httpread(Air780epModel& m, CommandContext& ctx) {
  return data_frame(ctx, "+HTTPREAD", m.http().session().read());
}

// AT+HTTPREAD=<start>,<size>: start 0-4095, size 1-4096 (OQ-A21), clipped to what is held.
Outcome httpread_range(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() != 2) return not_allowed();
  // Any value a size_t holds parses; the session checks the ranges.
  const auto start = args->int_in(0, 0, std::numeric_limits<std::int32_t>::max());
  const auto size = args->int_in(1, 0, std::numeric_limits<std::int32_t>::max());
  if (!start || !size) return not_allowed();
  return data_frame(
      ctx, "+HTTPREAD",
      m.http().session().read(static_cast<std::size_t>(*start), static_cast<std::size_t>(*size)));
}

// AT+HTTPHEAD -> +HTTPHEAD: <n>, the last response's header fields without the status line
// (LTH, LDH: the counts match, OQ-A26).
Outcome httphead(Air780epModel& m, CommandContext& ctx) {
  return data_frame(ctx, "+HTTPHEAD", m.http().session().head());
}

}  // namespace http_commands_detail

void add_http_commands(at::CommandTable<Air780epModel>& t) {
  namespace d = http_commands_detail;
  t.add("+HTTPINIT", {.exec = d::httpinit});
  t.add("+HTTPTERM", {.exec = d::httpterm});
  t.add("+HTTPSSL", {.test = "+HTTPSSL: (0-1)", .read = d::httpssl_read, .set = d::httpssl});
  t.add("+HTTPDATA", {.test = "+HTTPDATA: (0-3356),(1000-120000)", .set = d::httpdata});
  t.add("+HTTPACTION", {.test = "+HTTPACTION: (0-2)", .set = d::httpaction});
  t.add("+HTTPREAD",
        {.test = "+HTTPREAD: (0-4095),(1-4096)", .set = d::httpread_range, .exec = d::httpread});
  t.add("+HTTPHEAD", {.exec = d::httphead});
  add_http_para_command(t);
}

}  // namespace cellemu::models::air780ep
