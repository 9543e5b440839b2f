// 27.005 sending and storage commands both modules share (spec services §1.4, §2.10, §2.11):
// +CMGS +CMGW +CMSS +CMGR +CMGL +CMGD.
#include <fmt/format.h>

#include "models/common/common_commands.h"
#include "models/common/sms_lines.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;
using at::WindowEnd;
using sms::CmsCause;

bool text_mode(ModemBase& m) {
  return m.sms().settings().text_mode;
}

// The prompt of §1.4: "\r\n> ", body echoed under E1 (not its Ctrl-Z/ESC), a '\n' after a bare
// '\r' dropped, no timeout. ESC cancels: nothing sent or stored, OK (OQ-S4, knob esc_reply_ok).
// The body handler answers through `d`.
using BodyHandler = std::function<void(const at::Deferred& d, std::string body)>;
Outcome prompt(ModemBase& m, CommandContext& ctx, BodyHandler on_body) {
  const at::Deferred d = ctx.defer();
  ctx.raw("\r\n> ");
  const at::WindowSpec spec{.max_store = kMaxSmsBody, .echo = m.settings().echo};
  return ctx.open_window(spec,
                         [&m, d, on_body = std::move(on_body)](WindowEnd end, std::string body) {
                           if (end == WindowEnd::Escape) {
                             d.finish(m.profile().esc_reply_ok ? Final::ok() : Final::none());
                           } else {
                             on_body(d, std::move(body));
                           }
                           return Outcome::pending();
                         });
}

// <da>[,<toda>] in the TE character set (text mode); nullopt: CMS 305.
std::optional<sms::Address> destination(ModemBase& m, const at::AtArgs& a, std::size_t i) {
  std::optional<std::uint8_t> type;
  if (a.has(i + 1)) {
    const auto t = a.int_in(i + 1, 128, 255);
    if (!t) return std::nullopt;
    type = static_cast<std::uint8_t>(*t);
  }
  return sms::address_from_te(a.text(i), m.sms().settings().charset, type);
}

// AT+CMGS=<length> (PDU, 1-164) | ="<da>"[,<toda>] (text) -> "\r\n> ", body, Ctrl-Z ->
// +CMGS: <mr> OK (LM CMGS). SIM errors and bad parameters answer at once, without a prompt;
// the rest is checked after Ctrl-Z in the order of §2.10 (OQ-S42).
Outcome cmgs(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& a = ctx.args();
  if (!a || a->size() > 2 || !a->has(0)) return sms_parameter_error(m);
  if (!text_mode(m)) {
    const auto len = a->size() == 1 ? a->integer(0) : std::nullopt;
    if (!len || !sms::SmsService::valid_pdu_length(*len)) return sms_parameter_error(m);
    const auto length = static_cast<std::size_t>(*len);
    return prompt(m, ctx, [&m, length](const at::Deferred& d, std::string body) {
      m.sms_host().answer(d, "+CMGS", m.sms().send_pdu(body, length));
    });
  }
  auto da = destination(m, *a, 0);
  if (!da) return sms_parameter_error(m);
  return prompt(m, ctx, [&m, da = *da](const at::Deferred& d, std::string body) {
    m.sms_host().answer(d, "+CMGS", m.sms().send_text(da, body));
  });
}

void written(const at::Deferred& d, const sms::CmsResult<int>& index) {
  if (!index) {
    d.finish(sms_error(index.error()));
    return;
  }
  d.info(fmt::format("+CMGW: {}", *index));
  d.finish(Final::ok());
}

// AT+CMGW=<length>[,<stat>] (PDU) | AT+CMGW[=<da>[,<toda>[,<stat>]]] (text) -> prompt, body,
// Ctrl-Z -> +CMGW: <index> OK into <mem2>; default <stat> STO UNSENT; full: CMS 322 before the
// prompt (LM CMGW, OQ-S42)
Outcome cmgw_pdu(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  const auto len = a && a->size() <= 2 ? a->integer(0) : std::nullopt;
  if (!len || !sms::SmsService::valid_pdu_length(*len)) return sms_parameter_error(m);
  auto status = std::optional(sms::MessageStatus::StoUnsent);
  if (a->has(1)) status = a->integer(1) ? sms::status_from_number(*a->integer(1)) : std::nullopt;
  if (!status) return sms_parameter_error(m);
  if (m.sms().storages().mem2().full()) return sms_error(CmsCause::MemoryFull);
  const auto length = static_cast<std::size_t>(*len);
  return prompt(m, ctx, [&m, length, st = *status](const at::Deferred& d, std::string body) {
    written(d, m.sms().write_pdu(body, length, st));
  });
}

Outcome cmgw_text(ModemBase& m, CommandContext& ctx, const at::AtArgs* a) {
  sms::Address da{"", sms::Address::kUnknown};
  auto status = std::optional(sms::MessageStatus::StoUnsent);
  if (a) {
    if (a->size() > 3) return sms_parameter_error(m);
    if (a->has(0)) {
      const auto parsed = destination(m, *a, 0);
      if (!parsed) return sms_parameter_error(m);
      da = *parsed;
    }
    if (a->has(2)) status = sms::status_from_text(a->text(2));
    if (!status) return sms_parameter_error(m);
  }
  if (m.sms().storages().mem2().full()) return sms_error(CmsCause::MemoryFull);
  return prompt(m, ctx, [&m, da, st = *status](const at::Deferred& d, std::string body) {
    written(d, m.sms().write_text(da, body, st));
  });
}

Outcome cmgw_set(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  if (!ctx.args()) return sms_parameter_error(m);
  return text_mode(m) ? cmgw_text(m, ctx, &*ctx.args()) : cmgw_pdu(m, ctx);
}

Outcome cmgw_exec(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  if (!text_mode(m)) return sms_parameter_error(m);
  return cmgw_text(m, ctx, nullptr);
}

// AT+CMSS=<index>[,<da>[,<toda>]] -> +CMSS: <mr> OK; empty index CMS 321, a received message
// CMS 302 (LM CMSS, OQ-S32)
Outcome cmss(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& a = ctx.args();
  const auto index = a && a->size() <= 3 ? a->integer(0) : std::nullopt;
  if (!index || *index < 0 || *index > 0xFFFF) return sms_parameter_error(m);
  std::optional<sms::Address> da;
  if (a->has(1)) {
    da = destination(m, *a, 1);
    if (!da) return sms_parameter_error(m);
  }
  const at::Deferred d = ctx.defer();
  m.sms_host().answer(d, "+CMSS", m.sms().send_stored(static_cast<int>(*index), da));
  return Outcome::pending();
}

// AT+CMGR=<index> -> +CMGR: ... + data OK; reading marks REC UNREAD read; empty or 0: CMS 321
Outcome cmgr(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& a = ctx.args();
  const auto index = a && a->size() == 1 ? a->integer(0) : std::nullopt;
  if (!index || *index < 0 || *index > 0xFFFF) return sms_parameter_error(m);
  const auto message = m.sms().storages().mem1().read(static_cast<int>(*index));
  if (!message) return sms_error(CmsCause::InvalidIndex);
  const auto lines = sms_lines::cmgr(m.sms(), *message);
  if (lines.has_data) {
    ctx.info_lines({lines.header, lines.data});
  } else {
    ctx.info(lines.header);
  }
  return Final::ok();
}

Outcome list(ModemBase& m, CommandContext& ctx, sms::ListFilter filter) {
  std::vector<std::string> out;
  for (const auto& entry : m.sms().storages().mem1().list(filter)) {
    const auto lines = sms_lines::cmgl(m.sms(), entry.index, entry.message);
    out.push_back(lines.header);
    if (lines.has_data) out.push_back(lines.data);
  }
  if (!out.empty()) ctx.info_lines(out);
  return Final::ok();
}

// AT+CMGL[=<stat>]: PDU 0-4, text "REC UNREAD" ... "ALL" (upper case, quotes optional); without
// one REC UNREAD (SDK). Entries in index order, listed REC UNREAD become REC READ (LM CMGL)
Outcome cmgl_set(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& a = ctx.args();
  if (!a || a->size() != 1) return sms_parameter_error(m);
  std::optional<sms::ListFilter> filter;
  if (text_mode(m)) {
    filter = sms::list_filter_from_text(a->text(0));
  } else if (const auto n = a->integer(0)) {
    filter = sms::list_filter_from_number(*n);
  }
  if (!filter) return sms_parameter_error(m);
  return list(m, ctx, *filter);
}

Outcome cmgl_exec(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  return list(m, ctx, sms::ListFilter::RecUnread);
}

// AT+CMGL=? -> PDU +CMGL: (0-4); text the LM stat literals
std::string cmgl_test(ModemBase& m) {
  if (!text_mode(m)) return "+CMGL: (0-4)";
  return "+CMGL: \"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO SENT\",\"ALL\"";
}

// AT+CMGD=<index>[,<delflag>]: 0 the index (empty: CMS 321, OQ-S8), 1-4 by status with the
// index ignored (LM CMGD)
Outcome cmgd(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& a = ctx.args();
  const auto index = a && a->size() <= 2 ? a->integer(0) : std::nullopt;
  if (!index || *index < 0 || *index > 0xFFFF) return sms_parameter_error(m);
  auto flag = std::optional(sms::DeleteFlag::Index);
  if (a->has(1)) flag = a->integer(1) ? sms::delete_flag_from_number(*a->integer(1)) : std::nullopt;
  if (!flag) return sms_parameter_error(m);
  auto& store = m.sms().storages().mem1();
  if (*flag != sms::DeleteFlag::Index) {
    store.remove_all(*flag);
    return Final::ok();
  }
  return store.remove(static_cast<int>(*index)) ? Final::ok() : sms_error(CmsCause::InvalidIndex);
}

// AT+CMGD=? -> +CMGD: (<used indexes>),(0-4) (OQ-S41)
std::string cmgd_test(ModemBase& m) {
  return fmt::format("+CMGD: ({}),(0-4)", fmt::join(m.sms().storages().mem1().used_indexes(), ","));
}

}  // namespace

void add_sms_message_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CMGS", {.set = cmgs});
  t.add("+CMGW", {.set = cmgw_set, .exec = cmgw_exec});
  t.add("+CMSS", {.set = cmss});
  t.add("+CMGR", {.set = cmgr});
  t.add("+CMGL", {.test = cmgl_test, .set = cmgl_set, .exec = cmgl_exec});
  t.add("+CMGD", {.test = cmgd_test, .set = cmgd});
}

}  // namespace cellemu::models::common
