// Links (air780ep.md §4.5, §4.7, §4.8): +CIPSTART +CIPCLOSE +CIPACK.
#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

constexpr std::string_view kOpenQuote = "\xE2\x80\x9C";   // U+201C
constexpr std::string_view kCloseQuote = "\xE2\x80\x9D";  // U+201D

// S0's trace shows `AT+CIPSTART=“TCP”,“112.125.89.8”,37076` connecting and
// `AT+CIPSTART=“TCP”,”112.125.89.8“,37076` failing in DNS (LT, the clean copy, has ASCII quotes
// on the first and the reversed pair on the host of the second). A correctly ordered pair of
// Chinese quotes therefore reads as quotes; a reversed pair stays part of the text.
std::string_view strip_chinese_quotes(std::string_view text) {
  if (text.size() >= 6 && text.starts_with(kOpenQuote) && text.ends_with(kCloseQuote)) {
    return text.substr(3, text.size() - 6);
  }
  return text;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  if (value < 1 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

struct Target {
  int id = 0;
  net::Protocol protocol = net::Protocol::Tcp;
  std::string host;
  std::uint16_t port = 0;
};

// <mode>,<host>,<port> after the link id in multi mode; quotes optional everywhere, mode
// case-insensitive (OQ-26), host <= 128 bytes, port 1-65535 and may be quoted (LM, ST).
std::optional<Target> parse_target(const at::AtArgs& args, const IpStack& s) {
  const std::size_t base = s.multi() ? 1 : 0;
  if (args.size() != base + 3) return std::nullopt;  // S0: multi syntax in single mode
  Target t;
  if (s.multi()) {
    const auto id = link_id(args, 0, s);
    if (!id) return std::nullopt;
    t.id = *id;
  }
  std::string mode(strip_chinese_quotes(args.text(base)));
  std::transform(mode.begin(), mode.end(), mode.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (mode != "TCP" && mode != "UDP") return std::nullopt;
  t.protocol = mode == "UDP" ? net::Protocol::Udp : net::Protocol::Tcp;
  t.host = std::string(strip_chinese_quotes(args.text(base + 1)));
  const auto port = parse_port(strip_chinese_quotes(args.text(base + 2)));
  if (t.host.empty() || t.host.size() > 128 || !port) return std::nullopt;
  t.port = *port;
  return t;
}

// AT+CIPSTART=<mode>,<host>,<port> (single) | =<n>,<mode>,<host>,<port> (multi)
// -> OK, then CONNECT OK / CONNECT (CIPMODE=1) / STATE: IP STATUS + CONNECT FAIL (single),
//    <n>, CONNECT OK / <n>, CONNECT FAIL (multi)
// On a held link: +CME ERROR: 65535 then [<n>, ]ALREADY CONNECT (MH; OQ-20).
Outcome cipstart(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  if (!ctx.args()) return not_allowed();
  auto target = parse_target(*ctx.args(), s);
  if (!target) return not_allowed();
  const IpState view = s.link_view(target->id);
  Verdict verdict = legality(IpCommand::Cipstart, view);
  if (s.multi() && view == IpState::Connecting) verdict = Verdict::AlreadyConnected;  // MH
  if (verdict == Verdict::AlreadyConnected) {
    m.urc(s.line_prefix(target->id) + "ALREADY CONNECT");  // held until after the error
    return Final::cme(kOtherError);
  }
  if (verdict != Verdict::Allowed) return not_allowed();
  if (s.multi() && s.context() == Context::Initial && m.profile().strict_multi_bringup) {
    return not_allowed();  // OQ-18 knob: CSTT/CIICR/CIFSR first, as LM note 5 demands
  }
  s.open(target->id, target->protocol, std::move(target->host), target->port);
  return Final::ok();
}

// AT+CIPCLOSE[=<id>] (single; id 0 slow, 1 quick) -> CLOSE OK
// AT+CIPCLOSE=<n>[,<id>] (multi) -> <n>, CLOSE OK (MH; TG sends AT+CIPCLOSE=<mux>,1)
// Only on a CONNECTING or connected link (LM CIPCLOSE note 2, MH); no OK follows.
Outcome close_link(IpStack& s, CommandContext& ctx, int id) {
  if (legality(IpCommand::Cipclose, s.link_view(id)) != Verdict::Allowed) return not_allowed();
  return s.close(ctx, id, s.line_prefix(id) + "CLOSE OK");
}

Outcome cipclose(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  if (s.multi()) return not_allowed();  // LM: the exec form answers an error in multi mode
  return close_link(s, ctx, 0);
}

Outcome cipclose_set(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  const auto& args = ctx.args();
  if (!s.multi()) {
    if (!args || args->size() != 1 || !args->int_in(0, 0, 1)) return not_allowed();
    return close_link(s, ctx, 0);
  }
  if (!args || args->size() > 2) return not_allowed();
  const auto n = link_id(*args, 0, s);
  if (!n || (args->has(1) && !args->int_in(1, 0, 1))) return not_allowed();
  return close_link(s, ctx, *n);
}

// AT+CIPACK (single) | AT+CIPACK=<n> (multi) -> +CIPACK: <txlen>,<acklen>,<nacklen> (LS:QVl6b8)
Outcome report_acks(IpStack& s, CommandContext& ctx, int id) {
  if (legality(IpCommand::Cipack, s.link_view(id)) != Verdict::Allowed) return not_allowed();
  const ModuleSocket& slot = s.slot(id);
  const std::uint64_t tx = slot.tx_bytes();
  const std::uint64_t acked = slot.acked_bytes();
  ctx.info(fmt::format("+CIPACK: {},{},{}", tx, acked, tx - acked));
  return Final::ok();
}

Outcome cipack(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  return s.multi() ? not_allowed() : report_acks(s, ctx, 0);
}

Outcome cipack_set(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  const auto& args = ctx.args();
  const bool one = s.multi() && args && args->size() == 1;
  const auto n = one ? link_id(*args, 0, s) : std::nullopt;
  return n ? report_acks(s, ctx, *n) : not_allowed();
}

}  // namespace

void add_connection_commands(at::CommandTable<Air780epModel>& t) {
  // AT+CIPSTART=? -> the SIM900-family lines, prefixed by the id range in multi mode (OQ-16).
  t.add("+CIPSTART",
        {.test = R"x(+CIPSTART: {ids}("TCP","UDP"),("(0,255).(0,255).(0,255).(0,255)"),(1,65535))x"
                 "\r\n"
                 R"x(+CIPSTART: {ids}("TCP","UDP"),("DOMAIN NAME"),(1,65535))x",
         .set = cipstart});
  t.add("+CIPCLOSE", {.set = cipclose_set, .exec = cipclose});
  t.add("+CIPACK", {.set = cipack_set, .exec = cipack});
}

}  // namespace cellemu::models::air780ep
