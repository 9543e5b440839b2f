// Pull mode (air780ep.md §4.12): +CIPRXGET.
#include <fmt/format.h>

#include "emulator/core/bytes.h"
#include "models/air780ep/air780ep_commands.h"
#include "models/air780ep/receive_framing.h"

namespace cellemu::models::air780ep {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

constexpr int kMaxRaw = kMaxSegment;
constexpr int kMaxHex = 730;  // LM (1-730); MH: 750 refused with Error 3

// The link a read or query names: "<n>," in multi mode only; `rest` parameters follow it.
std::optional<int> addressed_link(const at::AtArgs& args, const IpStack& s, std::size_t rest) {
  const std::size_t expected = 1 + (s.multi() ? 1 : 0) + rest;
  if (args.size() != expected) return std::nullopt;
  if (!s.multi()) return 0;
  return link_id(args, 1, s);
}

// AT+CIPRXGET=2,[<n>,]<len> / =3,[<n>,]<len>
// -> +CIPRXGET: 2[,<n>],<cnlen>,<rlen> "\r\n" <data> "\r\nOK\r\n" (LM; S7; TG); hex for 3.
// Nothing buffered on an open link: the header with 0,0 and no data line (MH). Nothing left on a
// closed link: Error 3 (MH).
Outcome read(Air780epModel& m, CommandContext& ctx, bool hex) {
  IpStack& s = m.stack();
  const at::AtArgs& args = *ctx.args();
  const auto id = addressed_link(args, s, 1);
  const auto len = args.int_in(args.size() - 1, 1, hex ? kMaxHex : kMaxRaw);
  if (!id || !len) return not_allowed();
  ModuleSocket& slot = s.slot(*id);
  const bool open = slot.state() == SlotState::Connected && s.settings().ciprxget != 0;
  if (slot.buffered() == 0 && !open) return not_allowed();
  const std::string data = slot.take(static_cast<std::size_t>(*len));
  const std::string ip = slot.reported_ip();
  const ChunkSource from{*id, s.multi(), slot.protocol(), ip, slot.port()};
  ctx.info(fmt::format("+CIPRXGET: {}{},{},{}{}", hex ? 3 : 2,
                       s.multi() ? fmt::format(",{}", *id) : "", data.size(), slot.buffered(),
                       pull_sender_suffix(m.profile().ciprxget_sender, s.settings(), from)));
  if (!data.empty()) ctx.raw(hex ? core::to_hex(data) : data);
  s.after_read(slot);
  return Final::ok();
}

// AT+CIPRXGET=4[,<n>] -> +CIPRXGET: 4[,<n>],<rlen>; a closed or empty link reports 0 (MH).
Outcome query(IpStack& s, CommandContext& ctx) {
  const auto id = addressed_link(*ctx.args(), s, 0);
  if (!id) return not_allowed();
  const std::string link = s.multi() ? fmt::format(",{}", *id) : "";
  ctx.info(fmt::format("+CIPRXGET: 4{},{}", link, s.slot(*id).buffered()));
  return Final::ok();
}

// AT+CIPRXGET=<0|1|5> -> OK: push, pull announcing once, pull announcing every arrival
// AT+CIPRXGET? -> +CIPRXGET: <mode>; =? -> OK (LM CIPRXGET.md)
Outcome ciprxget_read(Air780epModel& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CIPRXGET: {}", m.stack().settings().ciprxget));
  return Final::ok();
}

Outcome ciprxget_set(Air780epModel& m, CommandContext& ctx) {
  IpStack& s = m.stack();
  const auto& args = ctx.args();
  const auto mode = args ? args->int_in(0, 0, 5) : std::nullopt;
  if (!mode) return not_allowed();
  if (*mode == 2 || *mode == 3) return read(m, ctx, *mode == 3);
  if (*mode == 4) return query(s, ctx);
  if (args->size() != 1) return not_allowed();
  s.settings().ciprxget = *mode;
  return Final::ok();
}

}  // namespace

void add_receive_commands(at::CommandTable<Air780epModel>& t) {
  t.add("+CIPRXGET", {.read = ciprxget_read, .set = ciprxget_set});
}

}  // namespace cellemu::models::air780ep
