// Module DNS (air780ep.md §4.15): +CDNSGIP +CDNSCFG.
#include <fmt/format.h>

#include <boost/asio/ip/address_v4.hpp>

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

bool ipv4(std::string_view text) {
  boost::system::error_code ec;
  boost::asio::ip::make_address_v4(std::string(text), ec);
  return !ec;
}

// The answer to one lookup: +CDNSGIP: 1,"<name>","<ip>"[,"<ip2>"] (LM, SM) or, for every
// failure, +CDNSGIP: 0,10 (GENERAL ERROR).
std::string lookup_line(const std::string& name, std::optional<net::NetError> error,
                        const net::Resolver::Addresses& addresses) {
  if (error || addresses.empty()) return "+CDNSGIP: 0,10";
  std::string line = fmt::format(R"(+CDNSGIP: 1,"{}","{}")", name, addresses[0].to_string());
  if (addresses.size() > 1) line += fmt::format(R"(,"{}")", addresses[1].to_string());
  return line;
}

// AT+CDNSGIP=<name> -> OK, then +CDNSGIP: ... Syntax error: plain ERROR whatever CMEE says (LM
// CDNSGIP.md); outside an active context: Error 3 (OQ-33).
Outcome cdnsgip(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() != 1 || args->text(0).empty()) return Final::error();
  const Context c = m.stack().context();
  if (c != Context::GprsAct && c != Context::Status) return not_allowed();
  std::string name(args->text(0));
  m.sockets().lookup(
      name, [&m, name](std::optional<net::NetError> error, net::Resolver::Addresses addresses) {
        m.urc(lookup_line(name, error, addresses));
      });
  return Final::ok();
}

// AT+CDNSCFG=<primary>[,<secondary>[,<cid>]] -> OK (TG needs OK)
// AT+CDNSCFG? -> PrimaryDns: <ip> / SecondaryDns: <ip> then OK (LM CDNSCFG.md)
Outcome cdnscfg_read(Air780epModel& m, CommandContext& ctx) {
  const TcpipSettings& st = m.stack().settings();
  ctx.info_lines({"PrimaryDns: " + st.primary_dns, "SecondaryDns: " + st.secondary_dns});
  return Final::ok();
}

Outcome cdnscfg_set(Air780epModel& m, CommandContext& ctx) {
  TcpipSettings& st = m.stack().settings();
  const auto& args = ctx.args();
  if (!args || args->size() > 3 || !ipv4(args->text(0))) return not_allowed();
  if (args->has(1) && !ipv4(args->text(1))) return not_allowed();
  st.primary_dns = args->text(0);
  if (args->has(1)) st.secondary_dns = args->text(1);
  return Final::ok();
}

}  // namespace

void add_dns_commands(at::CommandTable<Air780epModel>& t) {
  // Every other form of AT+CDNSGIP is a syntax error too: plain ERROR (LM CDNSGIP.md).
  t.add("+CDNSGIP", {.set = cdnsgip, .absent = at::AbsentForms::all(Final::error())});
  t.add("+CDNSCFG", {.test = R"(+CDNSCFG: ("Primary DNS"),("Secondary DNS"))",
                     .read = cdnscfg_read,
                     .set = cdnscfg_set});
}

}  // namespace cellemu::models::air780ep
