// NM28 data commands: access mode, sending, buffered reading (S3 §2.3, §2.5-§2.7; nm28.md §3).
#include <fmt/format.h>

#include "emulator/core/bytes.h"
#include "models/nm28/nm28_commands.h"
#include "models/nm28/nm28_model.h"

namespace cellemu::models::nm28 {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

constexpr int kMaxSend = kMaxSegment;  // AT+IPSEND <Length> (S3 §2.5)
constexpr int kMaxRead = 1500;         // AT+IPRD <Data_Len> (S3 §2.7)
constexpr std::size_t kMaxHex = 2048;  // AT+IPSENDEX: hex characters, not bytes (OQ-41)

// The socket named by parameter 0 of a two-parameter command.
Nm28Socket* target(Nm28Model& m, const std::optional<at::AtArgs>& args) {
  if (!args || args->size() != 2) return nullptr;
  return m.socket(args->int_in(0, 0, m.socket_count() - 1));
}

// OQ-50: empty, odd length, a non-hex digit or more than 2048 characters is an error.
std::optional<std::string> decode_hex(std::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0 || hex.size() > kMaxHex) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = core::hex_digit_value(hex[i]);
    const int lo = core::hex_digit_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

// AT+IPSWTMD=<Socket_ID>,<Access_Mode> -> OK for 0 (buffer) and 1 (direct); 2 (transparent) ->
// CONNECT and data mode, no OK (S3 §3.1). Socket not connected -> ERROR. A listener or UDP service
// takes 0/1 as the mode its data (or its accepted connections, QA analogy) starts in.
// AT+IPSWTMD? -> OK; AT+IPSWTMD=? -> +IPSWTMD: (0-7),(0-2)
Outcome ipswtmd(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  Nm28Socket* s = target(m, args);
  const auto mode = args ? args->int_in(1, 0, 2) : std::nullopt;
  if (!s || !mode) return Final::error();
  const bool connected = s->state() == SocketState::Connected;
  const bool listening = s->state() == SocketState::Listening;
  if (*mode == 2) {
    if (!connected) return Final::error();
    return s->enter_data_mode(ctx);
  }
  if (!connected && !listening) return Final::error();
  s->set_mode(static_cast<AccessMode>(*mode));
  return Final::ok();
}

// AT+IPSEND=<Socket_ID>,<Length> -> "NETWRITE: <id>,<len>" and "CONNECT"; exactly <Length> bytes
// follow, any values, not echoed (OQ-49); then SEND SUCCESS (or SEND FAIL) and OK (S3 §2.5).
// Length 0 (OQ-48), a socket that cannot send or one in transparent mode -> ERROR.
// AT+IPSEND? -> OK; AT+IPSEND=? -> +IPSEND:(0-7),(0-1460)
Outcome ipsend(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  Nm28Socket* s = target(m, args);
  const auto length = args ? args->int_in(1, 1, kMaxSend) : std::nullopt;
  if (!s || !length || !s->can_send()) return Final::error();
  ctx.info(fmt::format("{}: {},{}", s->words().netwrite, s->id(), *length));
  ctx.prompt_line("CONNECT");
  const at::Deferred done = ctx.defer();
  const int id = s->id();
  const at::WindowSpec spec{.length = static_cast<std::size_t>(*length),
                            .max_store = static_cast<std::size_t>(kMaxSend),
                            .echo = false};
  return ctx.open_window(spec, [&m, id, done](at::WindowEnd, std::string data) {
    return m.socket(id)->send(std::move(data), done);
  });
}

// AT+IPSENDEX=<Socket_ID>,"<hex_string>" -> SEND SUCCESS / OK, or SEND FAIL / OK (S3 §2.6).
// Quotes optional, hex digits in either case, spaces before '=' tolerated (OQ-50, OQ-51).
// AT+IPSENDEX? -> OK; AT+IPSENDEX=? -> +IPSENDEX:(0-7),(hexstring)
Outcome ipsendex(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  Nm28Socket* s = target(m, args);
  if (!s || !s->can_send()) return Final::error();
  auto bytes = decode_hex(args->text(1));
  if (!bytes) return Final::error();
  return s->send(std::move(*bytes), ctx.defer());
}

// AT+IPRD=<Socket_ID>,<Data_Len> -> "+IPRD: <id>,<n>\r\n<n bytes>\r\nOK" ("+SSLRECV:" for SSL;
// S3 §3.1, §3.2); nothing buffered -> "+IPRD: <id>,0" then OK (OQ-53). Socket not open -> ERROR.
// AT+IPRD? -> OK; AT+IPRD=? -> +IPRD: (0-7),(0-1500)
Outcome iprd(Nm28Model& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  Nm28Socket* s = target(m, args);
  const auto length = args ? args->int_in(1, 0, kMaxRead) : std::nullopt;
  if (!s || !length || s->state() == SocketState::Initial) return Final::error();
  const std::string data = s->read(static_cast<std::size_t>(*length));
  ctx.info(fmt::format("{}: {},{}", s->words().read_reply, s->id(), data.size()));
  ctx.raw(data);
  return Final::ok();
}

}  // namespace

void add_data_commands(at::CommandTable<Nm28Model>& t) {
  t.add("+IPSWTMD", {.test = "+IPSWTMD: {ids},(0-2)", .set = ipswtmd});
  t.add("+IPSEND", {.test = fmt::format("+IPSEND:{{ids}},(0-{})", kMaxSend), .set = ipsend});
  t.add("+IPSENDEX", {.test = "+IPSENDEX:{ids},(hexstring)", .set = ipsendex});
  t.add("+IPRD", {.test = fmt::format("+IPRD: {{ids}},(0-{})", kMaxRead), .set = iprd});
}

}  // namespace cellemu::models::nm28
