// AT+HTTPPARA (app-protocols.md §4.2; LM HTTPPARA.md; read-back layout OQ-A30).
#include <fmt/format.h>

#include <functional>

#include "models/air780ep/air780ep_commands.h"
#include "models/air780ep/http_service.h"

namespace cellemu::models::air780ep {
namespace http_para_detail {
using at::CommandContext;
using at::Final;
using at::Outcome;

constexpr std::size_t kMaxUrl = 500;         // LM
constexpr std::size_t kMaxValue = 1024;      // any other text value (the command line's bound)
constexpr std::size_t kMaxUserDefined = 32;  // USER_DEFINED lines kept: bounded host input
constexpr std::int64_t kMaxBreak = 0xFFFFFFFF;

// One tag: stores the value (false: out of range, Error 3).
using Setter = std::function<bool(HttpParams&, const at::AtArgs&)>;

bool set_int(const at::AtArgs& a, std::int64_t lo, std::int64_t hi, int& out) {
  const auto v = a.int_in(1, lo, hi);
  if (v) out = *v;
  return v.has_value();
}

bool set_u64(const at::AtArgs& a, std::uint64_t& out) {
  const auto v = a.integer(1);
  if (!v || *v < 0 || *v > kMaxBreak) return false;
  out = static_cast<std::uint64_t>(*v);
  return true;
}

bool set_text(const at::AtArgs& a, std::string& out, std::size_t max = kMaxValue) {
  if (a.text(1).size() > max) return false;
  out = a.text(1);
  return true;
}

const std::vector<std::pair<std::string_view, Setter>>& setters() {
  static const std::vector<std::pair<std::string_view, Setter>> table = {
      {"CID", [](HttpParams& p, const at::AtArgs& a) { return set_int(a, 1, 3, p.cid); }},
      {"URL", [](HttpParams& p, const at::AtArgs& a) { return set_text(a, p.url, kMaxUrl); }},
      {"UA", [](HttpParams& p, const at::AtArgs& a) { return set_text(a, p.ua); }},
      {"PROIP", [](HttpParams& p, const at::AtArgs& a) { return set_text(a, p.proip, 64); }},
      {"PROPORT",
       [](HttpParams& p, const at::AtArgs& a) { return set_int(a, 0, 65535, p.proport); }},
      {"REDIR",
       [](HttpParams& p, const at::AtArgs& a) {
         int v = 0;
         if (!set_int(a, 0, 1, v)) return false;
         p.redir = v == 1;
         return true;
       }},
      {"BREAK", [](HttpParams& p, const at::AtArgs& a) { return set_u64(a, p.brk); }},
      {"BREAKEND", [](HttpParams& p, const at::AtArgs& a) { return set_u64(a, p.brk_end); }},
      {"TIMEOUT",
       [](HttpParams& p, const at::AtArgs& a) { return set_int(a, 1, 65535, p.timeout_s); }},
      {"CONTENT", [](HttpParams& p, const at::AtArgs& a) { return set_text(a, p.content); }},
      {"USERDATA", [](HttpParams& p, const at::AtArgs& a) { return set_text(a, p.userdata); }},
      // Each USER_DEFINED adds a line ("后面输入的不会覆盖以前的", LM), kept until HTTPTERM.
      {"USER_DEFINED",
       [](HttpParams& p, const at::AtArgs& a) {
         if (p.user_defined.size() >= kMaxUserDefined || a.text(1).size() > kMaxValue) {
           return false;
         }
         p.user_defined.emplace_back(a.text(1));
         return true;
       }},
  };
  return table;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool in_session(Air780epModel& m) {
  return m.http().session().state() == net::http::SessionState::Ready;
}

// AT+HTTPPARA=<tag>,<value> -> OK; tag case-insensitive, quotes optional on both. Outside a
// READY session, an unknown tag or a value out of range -> Error 3 (OQ-A25).
Outcome httppara(Air780epModel& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() != 2 || !in_session(m)) return not_allowed();
  const std::string tag = upper(args->text(0));
  for (const auto& [name, set] : setters()) {
    if (name == tag) return set(m.http().params(), *args) ? Final::ok() : not_allowed();
  }
  return not_allowed();
}

// AT+HTTPPARA? -> "+HTTPPARA: " then one "TAG: value" line each (OQ-A30).
Outcome httppara_read(Air780epModel& m, CommandContext& ctx) {
  if (!in_session(m)) return not_allowed();
  const HttpParams& p = m.http().params();
  ctx.info_lines({"+HTTPPARA: ", fmt::format("CID: {}", p.cid), "URL: " + p.url, "UA: " + p.ua,
                  "PROIP: " + p.proip, fmt::format("PROPORT: {}", p.proport),
                  fmt::format("REDIR: {}", p.redir ? 1 : 0), fmt::format("BREAK: {}", p.brk),
                  fmt::format("BREAKEND: {}", p.brk_end), fmt::format("TIMEOUT: {}", p.timeout_s),
                  "CONTENT: " + p.content, "USERDATA: " + p.userdata});
  return Final::ok();
}

}  // namespace http_para_detail

void add_http_para_command(at::CommandTable<Air780epModel>& t) {
  t.add("+HTTPPARA", {.test = R"(+HTTPPARA: "HTTPParamTag","HTTPParamValue")",
                      .read = http_para_detail::httppara_read,
                      .set = http_para_detail::httppara});
}

}  // namespace cellemu::models::air780ep
