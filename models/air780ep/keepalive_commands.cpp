// Keep-alive and heartbeat (air780ep.md §5): +CIPTKA ^HEARTCONFIG ^HEARTBEAT ^HEARTBEATHEX
// ^HEARTINQUIRE. Keep-alive applies to TCP links opened afterwards (IpStack::slot_connected); the
// heartbeat is sent on schedule by IpStack::heartbeat().
#include <fmt/format.h>

#include "emulator/core/bytes.h"

#include "models/air780ep/air780ep_commands.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

constexpr int kHeartbeatSockets = 5;        // LM HEARTCONFIG.md: socket 0-5
constexpr std::size_t kMaxHeartbeat = 256;  // LM HEARTBEAT.md

// An optional parameter in range; absent keeps `current`.
std::optional<int> optional_in(const at::AtArgs& args, std::size_t i, int lo, int hi, int current) {
  if (!args.has(i)) return current;
  return args.int_in(i, lo, hi);
}

// AT+CIPTKA=<mode>[,<idle>[,<intvl>[,<cnt>]]] (idle 30-7200 s, intvl 30-600 s, cnt 1-9)
// read +CIPTKA: <mode>,<idle>,<intvl>,<cnt>; test +CIPTKA: (0,1),(30-7200),(30-600),(1-9)
Outcome ciptka_read(Air780epModel& m, CommandContext& ctx) {
  const KeepAlive& k = m.stack().settings().keepalive;
  ctx.info(fmt::format("+CIPTKA: {},{},{},{}", k.mode, k.idle, k.interval, k.count));
  return Final::ok();
}

Outcome ciptka_set(Air780epModel& m, CommandContext& ctx) {
  KeepAlive& k = m.stack().settings().keepalive;
  const auto& args = ctx.args();
  if (!args || args->size() > 4) return not_allowed();
  const auto mode = args->int_in(0, 0, 1);
  const auto idle = optional_in(*args, 1, 30, 7200, k.idle);
  const auto interval = optional_in(*args, 2, 30, 600, k.interval);
  const auto count = optional_in(*args, 3, 1, 9, k.count);
  if (!mode || !idle || !interval || !count) return not_allowed();
  k = KeepAlive{*mode, *idle, *interval, *count};
  return Final::ok();
}

// AT^HEARTCONFIG=<option>,<socket_id>,<time> (time 5-600 s) | AT^HEARTCONFIG=0 (LM
// HEARTINQUIRE example); read ^HEARTCONFIG: <en>,<id>,<t> (default 0,0,120)
Outcome heartconfig_read(Air780epModel& m, CommandContext& ctx) {
  const Heartbeat& h = m.stack().settings().heartbeat;
  ctx.info(fmt::format("^HEARTCONFIG: {},{},{}", h.enabled, h.socket, h.period));
  return Final::ok();
}

Outcome heartconfig_set(Air780epModel& m, CommandContext& ctx) {
  Heartbeat& h = m.stack().settings().heartbeat;
  const auto& args = ctx.args();
  const auto option = args ? args->int_in(0, 0, 1) : std::nullopt;
  if (!option) return not_allowed();
  if (*option == 0 && args->size() == 1) {
    h.enabled = 0;
  } else {
    const auto socket = args->int_in(1, 0, kHeartbeatSockets);
    const auto period = args->int_in(2, 5, 600);
    if (args->size() != 3 || !socket || !period) return not_allowed();
    h.enabled = *option;
    h.socket = *socket;
    h.period = *period;
  }
  if (h.enabled == 1) {
    m.stack().heartbeat().start(std::chrono::seconds(h.period));
  } else {
    m.stack().heartbeat().stop();
  }
  return Final::ok();
}

// AT^HEARTBEAT=<socket_id>,<data> (data <= 256 bytes, the rest of the line with commas; one pair
// of surrounding quotes stripped, OQ-34); read ^HEARTBEAT: <id>,<data> (default the IMEI).
// The module keeps one payload (LM: only one link has a heartbeat): it goes to the link
// ^HEARTCONFIG names, whatever <socket_id> this command was given; that id is only reported back.
Outcome heartbeat_read(Air780epModel& m, CommandContext& ctx) {
  const Heartbeat& h = m.stack().settings().heartbeat;
  ctx.info(fmt::format("^HEARTBEAT: {},{}", h.data_socket,
                       h.data.empty() ? m.profile().identity.imei : h.data));
  return Final::ok();
}

Outcome heartbeat_set(Air780epModel& m, CommandContext& ctx) {
  Heartbeat& h = m.stack().settings().heartbeat;
  const std::string_view raw = ctx.cmd().args;
  const auto comma = raw.find(',');
  const auto id = at::AtArgs::parse(raw.substr(0, comma));
  const auto socket = id ? id->int_in(0, 0, kHeartbeatSockets) : std::nullopt;
  if (!socket || comma == std::string_view::npos) return not_allowed();
  std::string_view data = raw.substr(comma + 1);
  if (data.size() >= 2 && data.front() == '"' && data.back() == '"') {
    data = data.substr(1, data.size() - 2);
  }
  if (data.empty() || data.size() > kMaxHeartbeat) return not_allowed();
  h.data_socket = *socket;
  h.data = std::string(data);
  return Final::ok();
}

// AT^HEARTBEATHEX=<len>,<hex> (single) | =<socket_id>,<len>,<hex> (multi) -> OK, and the new
// payload goes out once right away on that link when it is connected (LM HEARTBEATHEX.md:
// "返回后，设置的心跳包内容会自动发送出去"; its loopback example then shows +RECEIVE,5,6:ABCDEF).
// <len> must match the hex (1-256 bytes). Read ^HEARTBEATHEX: [<socket_id>,]<len>,<hex> (LM; the
// space after the colon as in every other read form).
Outcome heartbeathex_read(Air780epModel& m, CommandContext& ctx) {
  const IpStack& s = m.stack();
  const Heartbeat& h = s.settings().heartbeat;
  const std::string& data = h.data.empty() ? m.profile().identity.imei : h.data;
  const std::string id = s.multi() ? fmt::format("{},", h.data_socket) : std::string();
  ctx.info(fmt::format("^HEARTBEATHEX: {}{},{}", id, data.size(), core::to_hex(data)));
  return Final::ok();
}

Outcome heartbeathex_set(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  Heartbeat& h = s.settings().heartbeat;
  const auto& args = ctx.args();
  const std::size_t base = s.multi() ? 1 : 0;
  if (!args || args->size() != base + 2) return not_allowed();
  const auto socket = s.multi() ? args->int_in(0, 0, kHeartbeatSockets) : std::optional<int>(0);
  const auto len = args->int_in(base, 1, static_cast<int>(kMaxHeartbeat));
  std::string bytes;
  if (!socket || !len || !core::from_hex(args->text(base + 1), bytes) ||
      bytes.size() != static_cast<std::size_t>(*len)) {
    return not_allowed();
  }
  h.data_socket = *socket;
  h.data = std::move(bytes);
  if (*socket < s.link_count() && s.send_heartbeat(*socket) && h.enabled == 1 &&
      h.socket == *socket) {
    s.heartbeat().record_sent();
  }
  return Final::ok();
}

// AT^HEARTINQUIRE? -> ^HEARTINQUIRE: <secs since last>,<secs to next>,<count> (LM
// HEARTINQUIRE.md: "115,5,8" with a 120 s period; all 0 while disabled)
Outcome heartinquire(Air780epModel& m, CommandContext& ctx) {
  const HeartbeatTimer::Stats st = m.stack().heartbeat().stats();
  ctx.info(fmt::format("^HEARTINQUIRE: {},{},{}", st.since_last, st.to_next, st.count));
  return Final::ok();
}

}  // namespace

void add_keepalive_commands(at::CommandTable<Air780epModel>& t) {
  t.add(
      "+CIPTKA",
      {.test = "+CIPTKA: (0,1),(30-7200),(30-600),(1-9)", .read = ciptka_read, .set = ciptka_set});
  t.add("^HEARTCONFIG", {.read = heartconfig_read, .set = heartconfig_set});
  t.add("^HEARTBEAT", {.read = heartbeat_read, .set = heartbeat_set});
  t.add("^HEARTBEATHEX", {.read = heartbeathex_read, .set = heartbeathex_set});
  t.add("^HEARTINQUIRE", {.read = heartinquire});
}

}  // namespace cellemu::models::air780ep
