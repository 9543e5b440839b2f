// NM28 socket lifetime and status commands (S3 §2.1, §2.2, §2.8, §2.9; nm28.md §3).
#include <fmt/format.h>

#include "models/nm28/nm28_commands.h"
#include "models/nm28/nm28_model.h"

namespace cellemu::models::nm28 {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

std::optional<OpenRequest> parse_open(const at::AtArgs& args) {
  // Ssl_Enable may be left out ("0 关（默认）", S3 §2.1); the first five parameters may not.
  if (args.size() < 5 || args.size() > 6) return std::nullopt;
  const auto type = parse_service_type(args.text(1));
  const auto remote_port = args.int_in(3, 0, 65535);
  const auto local_port = args.int_in(4, 0, 65535);
  const auto ssl = args.size() == 6 ? args.int_in(5, 0, 1) : std::optional<int>(0);
  if (!type || !remote_port || !local_port || !ssl) return std::nullopt;
  OpenRequest request{*type, std::string(args.text(2)), static_cast<std::uint16_t>(*remote_port),
                      static_cast<std::uint16_t>(*local_port), *ssl == 1};
  // A client needs a peer; listeners and services only bind and ignore the remote address.
  if (!is_server(request.type) && request.host.empty()) return std::nullopt;
  // SSL runs over TCP client sockets (S3 §3.2); there is no TLS listener or DTLS.
  if (request.ssl && request.type != ServiceType::Tcp) return std::nullopt;
  return request;
}

// AT+IPOPEN=<Socket_ID>,<ServiceType>,<Remote_IP>,<Remote_Port>,<Local_Port>[,<Ssl_Enable>]
//   -> OK, then "+IPOPEN: <id>,<status>" ("+SSLOPEN:" for SSL; OQ-43; statuses OQ-44)
// AT+IPOPEN? -> OK
// AT+IPOPEN=? -> +IPOPEN: (0-7),"TCP/UDP/TCP LISTENER/UDP SERVICE","IP_address/domain_name",...
Outcome ipopen(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args) return Final::error();
  const auto request = parse_open(*args);
  Nm28Socket* s = m.socket(args->int_in(0, 0, m.socket_count() - 1));
  if (!request || !s || s->state() != SocketState::Initial) return Final::error();
  // OQ-42: without network service the open fails asynchronously, unless the knob says ERROR.
  if (!m.radio().data_ready() && m.profile().ipopen_sync_error_without_network) {
    return Final::error();
  }
  if (m.radio().data_ready()) m.context_used();
  s->open(*request);
  return Final::ok();
}

// AT+IPCLOSE=<Socket_ID> -> +IPCLOSE: <id> / OK (S3 §2.2 example spacing); not open -> ERROR
// (OQ-45). AT+IPCLOSE? -> OK; AT+IPCLOSE=? -> +IPCLOSE: (0-7)
Outcome ipclose(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() != 1) return Final::error();
  Nm28Socket* s = m.socket(args->int_in(0, 0, m.socket_count() - 1));
  if (!s || s->state() == SocketState::Initial) return Final::error();
  s->log("close", fmt::format("+IPCLOSE: {}", s->id()), "by the host");
  s->close();
  ctx.info(fmt::format("+IPCLOSE: {}", s->id()));
  return Final::ok();
}

// AT+IPSTATE=1,<Socket_ID> -> one row; AT+IPSTATE=2[,<any id>] and AT+IPSTATE? -> every socket
// in id order (OQ-56), rows separated by single CRLFs, then OK. AT+IPSTATE=? ->
// +IPSTATE:(1-2),(0-7)
Outcome state_rows(Nm28Model& m, CommandContext& ctx, std::optional<int> only) {
  std::vector<std::string> rows;
  for (int id = 0; id < m.socket_count(); ++id) {
    if (!only || id == *only) rows.push_back(m.socket(id)->state_row());
  }
  ctx.info_lines(rows);
  return Final::ok();
}

Outcome ipstate_read(Nm28Model& m, CommandContext& ctx) {
  return state_rows(m, ctx, std::nullopt);
}

Outcome ipstate(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  const auto type = args ? args->int_in(0, 1, 2) : std::nullopt;
  if (!type || args->size() > 2) return Final::error();
  const auto id = args->int_in(1, 0, m.socket_count() - 1);
  if (args->has(1) ? !id : *type == 1) return Final::error();
  return state_rows(m, ctx, *type == 1 ? id : std::nullopt);
}

// AT+IPDNSR="<name>" -> +IPDNSR:"<address>" for every address the module's DNS returns (IPv4 and
// IPv6), then OK; failure ERROR. Example form, no space after the colon (OQ-58).
// AT+IPDNSR? -> OK; AT+IPDNSR=? -> +IPDNSR:<Address>
Outcome ipdnsr(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() != 1 || args->text(0).empty()) return Final::error();
  if (!m.radio().data_ready()) return Final::error();
  const at::Deferred done = ctx.defer();
  m.sockets().lookup(std::string(args->text(0)),
                     [done](std::optional<net::NetError> err, net::Resolver::Addresses addrs) {
                       if (err) return done.finish(Final::error());
                       std::vector<std::string> lines;
                       for (const auto& a : addrs) {
                         lines.push_back(fmt::format("+IPDNSR:\"{}\"", a.to_string()));
                       }
                       done.info_lines(lines);
                       done.finish(Final::ok());
                     });
  return Outcome::pending();
}

}  // namespace

void add_socket_commands(at::CommandTable<Nm28Model>& t) {
  // S3 breaks the test line after "+IPOPEN:"; joined with one space (nm28.md §3.1).
  t.add("+IPOPEN", {.test = R"(+IPOPEN: {ids},"TCP/UDP/TCP LISTENER/UDP SERVICE",)"
                            R"("IP_address/domain_name",<remote_port>,<local_port>,(0-1))",
                    .set = ipopen});
  t.add("+IPCLOSE", {.test = "+IPCLOSE: {ids}", .set = ipclose});
  t.add("+IPSTATE", {.test = "+IPSTATE:(1-2),{ids}", .read = ipstate_read, .set = ipstate});
  t.add("+IPDNSR", {.test = "+IPDNSR:<Address>", .set = ipdnsr});
}

}  // namespace cellemu::models::nm28
