// TCP/IP settings (air780ep.md §2, §4.10, §4.14, §4.16, §6, §7): +CIPMUX +CIPMODE +CIPQSEND
// +CIPSPRT +CIPHEAD +CIPSHOWTP +CIPSRIP +CIPRXF +CIPSSL +CIPATS +CIPCCFG +CLPORT.
#include <algorithm>

#include <fmt/format.h>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

// A one-value setting: set "=<v>" in 0..max, read "<key>: <v>", test "<key>: <range>" (LM; the
// range texts as LM prints them, OQ-7).
struct Flag {
  std::string_view key;
  int TcpipSettings::*field;
  int max;
  std::string_view range;
  bool ip_initial_only;  // LM CIPMUX.md, CIPMODE.md; OQ-12 for CIPQSEND
};

constexpr Flag kFlags[] = {
    {"+CIPMUX", &TcpipSettings::cipmux, 1, "(0,1)", true},
    {"+CIPMODE", &TcpipSettings::cipmode, 1, "(0-NORMAL MODE,1-TRANSPARENT MODE)", true},
    {"+CIPQSEND", &TcpipSettings::cipqsend, 2, "(0,1,2)", true},
    {"+CIPSPRT", &TcpipSettings::cipsprt, 2, "(0,1,2)", false},
    {"+CIPHEAD", &TcpipSettings::ciphead, 1, "(0,1)", false},
    {"+CIPSHOWTP", &TcpipSettings::cipshowtp, 1, "(0,1)", false},
    {"+CIPSRIP", &TcpipSettings::cipsrip, 1, "(0,1)", false},
    {"+CIPRXF", &TcpipSettings::ciprxf, 1, "(0,1)", false},  // any state, next chunk (OQ-13)
    // Module-wide TLS switch for links opened afterwards (LM CIPSSL.md, MH); stored here, the
    // handshake itself comes with the TLS stack.
    {"+CIPSSL", &TcpipSettings::cipssl, 1, "(0-1)", false},
};

// CIPMUX/CIPMODE/CIPQSEND change only in IP INITIAL with no link left in any state (MH: "the
// mode silently stays"), and transparent mode is single-link only (LM CIPMODE.md, C-023).
bool may_change_link_mode(const IpStack& s, const Flag& flag, int value) {
  if (legality(IpCommand::Config, s.state()) != Verdict::Allowed) return false;
  for (int id = 0; id < s.link_count(); ++id) {
    if (s.slot(id).state() != SlotState::Initial) return false;
  }
  const TcpipSettings& st = s.settings();
  if (flag.field == &TcpipSettings::cipmode && value == 1 && st.cipmux == 1) return false;
  if (flag.field == &TcpipSettings::cipmux && value == 1 && st.cipmode == 1) return false;
  return true;
}

template <std::size_t I>
Outcome flag_read(Air780epModel& m, CommandContext& ctx) {
  ctx.info(fmt::format("{}: {}", kFlags[I].key, m.stack().settings().*kFlags[I].field));
  return Final::ok();
}

template <std::size_t I>
Outcome flag_set(Air780epModel& m, CommandContext& ctx) {
  const Flag& f = kFlags[I];
  IpStack& s = m.stack();
  const auto& args = ctx.args();
  const auto v = args && args->size() == 1 ? args->int_in(0, 0, f.max) : std::nullopt;
  if (!v || (f.ip_initial_only && !may_change_link_mode(s, f, *v))) return not_allowed();
  s.settings().*f.field = *v;
  return Final::ok();
}

// AT+CIPATS=<mode>[,<time>] (time 1-100 s); read +CIPATS: <mode>,<time> (default 0,1, OQ-14)
Outcome cipats_read(Air780epModel& m, CommandContext& ctx) {
  const TcpipSettings& st = m.stack().settings();
  ctx.info(fmt::format("+CIPATS: {},{}", st.cipats_mode, st.cipats_time));
  return Final::ok();
}

Outcome cipats_set(Air780epModel& m, CommandContext& ctx) {
  TcpipSettings& st = m.stack().settings();
  const auto& args = ctx.args();
  const auto mode = args && args->size() <= 2 ? args->int_in(0, 0, 1) : std::nullopt;
  const auto time = args && args->has(1) ? args->int_in(1, 1, 100) : std::optional(st.cipats_time);
  if (!mode || !time) return not_allowed();
  st.cipats_mode = *mode;
  st.cipats_time = *time;
  return Final::ok();
}

// The CIPCCFG parameters in order, with their ranges (LM CIPCCFG.md).
struct CcfgField {
  int TransparentConfig::*field;
  int lo;
  int hi;
};
constexpr CcfgField kCcfgFields[] = {
    {&TransparentConfig::retries, 3, 8},      {&TransparentConfig::wait_tm, 2, 10},
    {&TransparentConfig::send_size, 1, 1460}, {&TransparentConfig::esc, 0, 1},
    {&TransparentConfig::rx_mode, 0, 1},      {&TransparentConfig::rx_size, 50, 1460},
    {&TransparentConfig::rx_timer, 20, 1000}, {&TransparentConfig::buf_clean, 0, 1},
};

// Applies the given values (omitted ones stay); nothing changes if one is out of range.
Outcome set_ccfg(TransparentConfig& c, const at::AtArgs& args) {
  if (args.size() > std::size(kCcfgFields)) return not_allowed();
  TransparentConfig next = c;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!args.has(i)) continue;
    const auto v = args.int_in(i, kCcfgFields[i].lo, kCcfgFields[i].hi);
    if (!v) return not_allowed();
    next.*kCcfgFields[i].field = *v;
  }
  c = next;
  return Final::ok();
}

// AT+CIPCCFG=<NmRetry>,<WaitTm>,<SendSz>,<esc>[,<Rxmode>,<RxSize>,<Rxtimer>[,<BufClean>]]
// single link with CIPMODE=1 only (LM CIPCCFG.md); read +CIPCCFG: 5,2,1024,0,0,1460,50,0 (OQ-15)
Outcome cipccfg_read(Air780epModel& m, CommandContext& ctx) {
  const TransparentConfig& c = m.stack().settings().ccfg;
  ctx.info(fmt::format("+CIPCCFG: {},{},{},{},{},{},{},{}", c.retries, c.wait_tm, c.send_size,
                       c.esc, c.rx_mode, c.rx_size, c.rx_timer, c.buf_clean));
  return Final::ok();
}

Outcome cipccfg_set(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  if (!ctx.args() || s.multi() || s.settings().cipmode != 1) return not_allowed();
  return set_ccfg(s.settings().ccfg, *ctx.args());
}

// AT+CLPORT? -> +CLPORT: <tcp>,<udp> (single) / one +CLPORT: <n>,<tcp>,<udp> line per link
Outcome clport_read(Air780epModel& m, CommandContext& ctx) {
  const IpStack& s = m.stack();
  const TcpipSettings& st = s.settings();
  if (!s.multi()) {
    ctx.info(fmt::format("+CLPORT: {},{}", st.clport.tcp, st.clport.udp));
    return Final::ok();
  }
  std::vector<std::string> lines;
  for (int id = 0; id < s.link_count(); ++id) {
    const LocalPorts& p = st.clport_link.at(static_cast<std::size_t>(id));
    lines.push_back(fmt::format("+CLPORT: {},{},{}", id, p.tcp, p.udp));
  }
  ctx.info_lines(lines);
  return Final::ok();
}

// AT+CLPORT="TCP"|"UDP",<port> (single) | =<n>,"TCP"|"UDP",<port> (multi): local port of the
// next links of that protocol (LM CLPORT.md)
Outcome clport_set(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  TcpipSettings& st = s.settings();
  const auto& args = ctx.args();
  const std::size_t base = s.multi() ? 1 : 0;
  if (!args || args->size() != base + 2) return not_allowed();
  const auto id = s.multi() ? link_id(*args, 0, s) : std::optional(0);
  std::string proto(args->text(base));
  std::transform(proto.begin(), proto.end(), proto.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  const auto port = args->int_in(base + 1, 1, 65535);
  if (!id || !port || (proto != "TCP" && proto != "UDP")) return not_allowed();
  LocalPorts& p = s.multi() ? st.clport_link.at(static_cast<std::size_t>(*id)) : st.clport;
  (proto == "TCP" ? p.tcp : p.udp) = static_cast<std::uint16_t>(*port);
  return Final::ok();
}

template <std::size_t I>
void add_flag(at::CommandTable<Air780epModel>& t) {
  const Flag& f = kFlags[I];
  t.add(std::string(f.key),
        {.test = fmt::format("{}: {}", f.key, f.range), .read = flag_read<I>, .set = flag_set<I>});
}

template <std::size_t... I>
void add_flags(at::CommandTable<Air780epModel>& t, std::index_sequence<I...>) {
  (add_flag<I>(t), ...);
}

}  // namespace

void add_setting_commands(at::CommandTable<Air780epModel>& t) {
  add_flags(t, std::make_index_sequence<std::size(kFlags)>());
  t.add("+CIPATS", {.test = "+CIPATS: (0,1),(1-100)", .read = cipats_read, .set = cipats_set});
  t.add("+CIPCCFG",
        {.test = "+CIPCCFG: (NmRetry:3-8),(WaitTm:2-10),(SendSz:1-1460),(esc:0,1),(Rxmode:0,1),"
                 "(RxSize:50-1460),(Rxtimer:20-1000),(BufClean:0,1)",
         .read = cipccfg_read,
         .set = cipccfg_set});
  t.add(
      "+CLPORT",
      {.test = R"(+CLPORT: {ids}("TCP","UDP"),(1-65535))", .read = clport_read, .set = clport_set});
}

}  // namespace cellemu::models::air780ep
