// 27.005 settings commands both modules share (spec services §2.2-§2.9, §2.12): +CMGF +CSCS
// +CSMS +CPMS +CSCA +CSMP +CSDH +CMMS +CNMI +CNMA.
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;
using sms::CmsCause;

sms::SmsSettings& settings(ModemBase& m) {
  return m.sms().settings();
}

// AT+CMGF=[<mode>] (empty: 0, LM syntax) / ? -> +CMGF: <mode>
Outcome cmgf_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (!a || a->size() > 1) return sms_parameter_error(m);
  const auto mode = a->has(0) ? a->int_in(0, 0, 1) : std::optional<int>(0);
  if (!mode) return sms_parameter_error(m);
  settings(m).text_mode = *mode == 1;
  return Final::ok();
}

Outcome cmgf_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CMGF: {}", settings(m).text_mode ? 1 : 0));
  return Final::ok();
}

// AT+CSCS="GSM"|"IRA"|"UCS2" (any case, quotes optional); others CME 50 (spec §2.4, OQ-S31)
Outcome cscs_set(ModemBase& m, CommandContext& ctx) {
  const auto cs = ctx.args() && ctx.args()->size() == 1 ? sms::parse_charset(ctx.args()->text(0))
                                                        : std::nullopt;
  if (!cs) return Final::cme(kIncorrectParameters);
  settings(m).charset = *cs;
  return Final::ok();
}

Outcome cscs_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CSCS: \"{}\"", sms::charset_name(settings(m).charset)));
  return Final::ok();
}

// AT+CSMS=<service> -> +CSMS: <mt>,<mo>,<bm>; 128 "暂不支持" (LM) CMS 303 / ? -> +CSMS: <s>,1,1,1
Outcome csms_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  const auto value = a && a->size() == 1 ? a->integer(0) : std::nullopt;
  if (value == 128) return sms_error(CmsCause::NotSupported);
  if (!value || (*value != 0 && *value != 1)) return sms_parameter_error(m);
  settings(m).service = static_cast<int>(*value);
  ctx.info("+CSMS: 1,1,1");
  return Final::ok();
}

Outcome csms_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CSMS: {},1,1,1", settings(m).service));
  return Final::ok();
}

// AT+CPMS=<mem1>[,<mem2>[,<mem3>]] -> +CPMS: <used1>,<total1>,... (LM, WH)
Outcome cpms_set(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& a = ctx.args();
  if (!a || a->size() > 3 || !a->has(0)) return sms_parameter_error(m);
  auto mem = [&a](std::size_t i) {
    return a->has(i) ? std::optional<std::string_view>(a->text(i)) : std::nullopt;
  };
  const CmsCause invalid =
      settings(m).text_mode ? CmsCause::InvalidTextParameter : CmsCause::InvalidPduParameter;
  if (auto e = m.sms().storages().select(a->text(0), mem(1), mem(2), invalid)) {
    return sms_error(*e);
  }
  std::string line = "+CPMS: ";
  for (const auto& u : m.sms().storages().usage()) {
    line += fmt::format("{}{},{}", line.size() > 7 ? "," : "", u.used, u.total);
  }
  ctx.info(line);
  return Final::ok();
}

// AT+CPMS? -> +CPMS: "SM",<u>,<t>,"SM",<u>,<t>,"SM",<u>,<t>
Outcome cpms_read(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  std::string line = "+CPMS: ";
  for (const auto& u : m.sms().storages().usage()) {
    line += fmt::format("{}\"{}\",{},{}", line.size() > 7 ? "," : "", sms::storage_name(u.storage),
                        u.used, u.total);
  }
  ctx.info(line);
  return Final::ok();
}

// AT+CPMS=? -> +CPMS: ("ME","SM"),("ME","SM"),("ME","SM") (WH, OQ-S2)
std::string cpms_test(ModemBase& m) {
  std::string group = "(";
  for (const auto s : m.sms().storages().offered()) {
    group += fmt::format("{}\"{}\"", group.size() > 1 ? "," : "", sms::storage_name(s));
  }
  group += ")";
  return fmt::format("+CPMS: {},{},{}", group, group, group);
}

// AT+CSCA=<sca>[,<tosca>] (written to the SIM) / ? -> +CSCA: "<sca>",<tosca>; none: "",129
Outcome csca_set(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& a = ctx.args();
  if (!a || a->size() > 2 || !a->has(0)) return sms_parameter_error(m);
  std::optional<std::uint8_t> type;
  if (a->has(1)) {
    const auto t = a->int_in(1, 128, 255);
    if (!t) return sms_parameter_error(m);
    type = static_cast<std::uint8_t>(*t);
  }
  auto sca = sms::address_from_te(a->text(0), settings(m).charset, type);
  if (!sca) return sms_parameter_error(m);
  m.sms().set_smsc(std::move(sca));
  return Final::ok();
}

Outcome csca_read(ModemBase& m, CommandContext& ctx) {
  if (auto e = sms_sim_error(m)) return *e;
  const auto& sca = m.sms().smsc();
  if (!sca) {
    ctx.info("+CSCA: \"\",129");
  } else {
    ctx.info(
        fmt::format("+CSCA: \"{}\",{}", sms::address_to_te(*sca, settings(m).charset), sca->type));
  }
  return Final::ok();
}

// AT+CSMP=[<fo>[,<vp>[,<pid>[,<dcs>]]]], each 0-255; <vp> a quoted time when <fo> selects the
// absolute format (LM CSMP) / ? -> +CSMP: 17,167,0,0
Outcome csmp_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (!a || a->size() > 4) return sms_parameter_error(m);
  sms::TextModeParams p = settings(m).text;
  auto octet = [&a](std::size_t i, std::uint8_t& out) {
    if (!a->has(i)) return true;
    const auto v = a->int_in(i, 0, 255);
    if (v) out = static_cast<std::uint8_t>(*v);
    return v.has_value();
  };
  if (!octet(0, p.fo) || !octet(2, p.pid) || !octet(3, p.dcs)) return sms_parameter_error(m);
  const bool absolute = (p.fo & 0x18) == 0x18;
  if (absolute && a->has(1)) {
    p.vp_absolute = sms::Timestamp::parse(a->text(1));
    if (!p.vp_absolute) return sms_parameter_error(m);
  } else if (!octet(1, p.vp)) {
    return sms_parameter_error(m);
  }
  settings(m).text = p;
  return Final::ok();
}

Outcome csmp_read(ModemBase& m, CommandContext& ctx) {
  const auto& p = settings(m).text;
  const bool absolute = (p.fo & 0x18) == 0x18 && p.vp_absolute;
  const std::string vp =
      absolute ? fmt::format("\"{}\"", p.vp_absolute->text()) : std::to_string(p.vp);
  ctx.info(fmt::format("+CSMP: {},{},{},{}", p.fo, vp, p.pid, p.dcs));
  return Final::ok();
}

// A 27.005 setting of one small number: AT+X=[<n>] (empty: 0) / AT+X? -> +X: <n>.
template <int sms::SmsSettings::*Field, int Max>
Outcome small_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (!a || a->size() > 1) return sms_parameter_error(m);
  const auto n = a->has(0) ? a->int_in(0, 0, Max) : std::optional<int>(0);
  if (!n) return sms_parameter_error(m);
  settings(m).*Field = *n;
  return Final::ok();
}

// AT+CSDH=[<show>] / ? -> +CSDH: <show>
Outcome csdh_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (!a || a->size() > 1) return sms_parameter_error(m);
  const auto n = a->has(0) ? a->int_in(0, 0, 1) : std::optional<int>(0);
  if (!n) return sms_parameter_error(m);
  settings(m).show_header = *n == 1;
  return Final::ok();
}

Outcome csdh_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CSDH: {}", settings(m).show_header ? 1 : 0));
  return Final::ok();
}

Outcome cmms_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CMMS: {}", settings(m).more_messages));
  return Final::ok();
}

// AT+CNMI=[<mode>[,<mt>[,<bm>[,<ds>[,<bfr>]]]]]: omitted values kept; ranges of the LM test
// answer (0-3),(0-3),(0-3),(0-1),(0-1) (spec §2.9)
Outcome cnmi_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (!a || a->size() > 5) return sms_parameter_error(m);
  sms::CnmiSettings next = settings(m).cnmi;
  int* fields[] = {&next.mode, &next.mt, &next.bm, &next.ds, &next.bfr};
  static constexpr int kMax[] = {3, 3, 3, 1, 1};
  for (std::size_t i = 0; i < a->size(); ++i) {
    if (!a->has(i)) continue;
    const auto v = a->int_in(i, 0, kMax[i]);
    if (!v) return sms_parameter_error(m);
    *fields[i] = *v;
  }
  m.sms().set_cnmi(next);
  return Final::ok();
}

Outcome cnmi_read(ModemBase& m, CommandContext& ctx) {
  const auto& c = settings(m).cnmi;
  ctx.info(fmt::format("+CNMI: {},{},{},{},{}", c.mode, c.mt, c.bm, c.ds, c.bfr));
  return Final::ok();
}

Outcome acknowledged(std::optional<CmsCause> error) {
  return error ? sms_error(*error) : Final::ok();
}

// AT+CNMA (spec §2.12): nothing waiting -> CMS 340
Outcome cnma_exec(ModemBase& m, CommandContext&) {
  return acknowledged(m.sms().acknowledge());
}

// AT+CNMA=<n>[,<length>] (PDU mode only): 0/1 RP-ACK, 2 RP-ERROR; with <length> a prompt takes
// the RP PDU, which is accepted and discarded
Outcome cnma_set(ModemBase& m, CommandContext& ctx) {
  const auto& a = ctx.args();
  if (settings(m).text_mode || !a || a->size() > 2) return sms_parameter_error(m);
  const auto n = a->has(0) ? a->int_in(0, 0, 2) : std::optional<int>(0);
  const auto len = a->has(1) ? a->int_in(1, 0, 164) : std::optional<int>(0);
  if (!n || !len) return sms_parameter_error(m);
  if (!m.sms().ack_pending()) return sms_error(CmsCause::NoAckExpected);
  if (*len == 0) return acknowledged(m.sms().acknowledge(*n != 2));
  ctx.raw("\r\n> ");
  const int kind = *n;
  const at::WindowSpec spec{.max_store = kMaxSmsBody, .echo = m.settings().echo};
  return ctx.open_window(spec, [&m, kind](at::WindowEnd end, std::string) -> Outcome {
    if (end == at::WindowEnd::Escape) return Final::ok();
    return acknowledged(m.sms().acknowledge(kind != 2));
  });
}

}  // namespace

void add_sms_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CMGF", {.test = "+CMGF: (0-1)", .read = cmgf_read, .set = cmgf_set});  // OQ-S37
  t.add("+CSCS", {.test = "+CSCS: \"GSM\",\"IRA\",\"UCS2\"", .read = cscs_read, .set = cscs_set});
  t.add("+CSMS", {.test = "+CSMS: (0,1)", .read = csms_read, .set = csms_set});
  t.add("+CPMS", {.test = cpms_test, .read = cpms_read, .set = cpms_set});
  t.add("+CSCA", {.read = csca_read, .set = csca_set});
  t.add("+CSMP",
        {.test = "+CSMP: (0-255),(0-255),(0-255),(0-255)", .read = csmp_read, .set = csmp_set});
  t.add("+CSDH", {.test = "+CSDH: (0,1)", .read = csdh_read, .set = csdh_set});
  t.add("+CMMS", {.test = "+CMMS: (0-2)",
                  .read = cmms_read,
                  .set = small_set<&sms::SmsSettings::more_messages, 2>});
  t.add("+CNMI",
        {.test = "+CNMI: (0-3),(0-3),(0-3),(0-1),(0-1)", .read = cnmi_read, .set = cnmi_set});
  t.add("+CNMA", {.set = cnma_set, .exec = cnma_exec});
}

}  // namespace cellemu::models::common
