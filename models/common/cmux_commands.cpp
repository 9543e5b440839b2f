// AT+CMUX, 3GPP TS 27.010 basic option (services.md §7.2; SDK gcCMUX; SM page-96 defaults).
#include <fmt/format.h>

#include "models/common/common_commands.h"

namespace cellemu::models::common {
namespace {
using at::CommandContext;
using at::Final;
using at::Outcome;

struct Range {
  int lo;
  int hi;
};
// <mode>,<subset>,<port_speed>,<N1>,<T1>,<N2>,<T2>,<T3>,<k> as AT+CMUX=? gives them.
constexpr Range kRanges[] = {{0, 2},   {0, 2},   {1, 8},   {1, 1509}, {1, 255},
                             {0, 100}, {2, 255}, {1, 255}, {1, 7}};
constexpr std::array<int, 9> kDefaults{0, 0, 5, 127, 10, 3, 30, 10, 2};

// AT+CMUX=<mode>[,<subset>[,<port_speed>[,<N1>[,<T1>[,<N2>[,<T2>[,<T3>[,<k>]]]]]]]] -> OK, then
// 27.010 frames from the next byte; the advanced option or a subset other than UIH -> CME 4; a
// value out of range -> CME 50 [I, OQ-S29]; asked again inside CMUX -> CME 3
Outcome cmux_set(ModemBase& m, CommandContext& ctx) {
  const auto& args = ctx.args();
  if (!args || args->size() > kDefaults.size()) return Final::cme(kIncorrectParameters);
  std::array<int, 9> values = kDefaults;
  for (std::size_t i = 0; i < args->size(); ++i) {
    if (!args->has(i)) continue;
    const auto v = args->int_in(i, kRanges[i].lo, kRanges[i].hi);
    if (!v) return Final::cme(kIncorrectParameters);
    values[i] = *v;
  }
  if (values[0] != 0 || values[1] != 0) return Final::cme(kOperationNotSupported);
  if (!m.start_cmux(ctx.interpreter(), static_cast<std::size_t>(values[3]))) {
    return Final::cme(at::CmeError::OperationNotAllowed);
  }
  m.cmux_params = values;
  return Final::ok();
}

// AT+CMUX? -> +CMUX: 0,0,5,127,10,3,30,10,2 (the last values)
Outcome cmux_read(ModemBase& m, CommandContext& ctx) {
  ctx.info(fmt::format("+CMUX: {}", fmt::join(m.cmux_params, ",")));
  return Final::ok();
}

bool cmux_supported(ModemBase& m) {
  return m.profile().cmux_supported;
}

}  // namespace

void add_cmux_commands(at::CommandTable<ModemBase>& t) {
  t.add("+CMUX", {.test = "+CMUX: (0),(0),(1-8),(1-1509),(1-255),(0-100),(2-255),(1-255),(1-7)",
                  .read = cmux_read,
                  .set = cmux_set,
                  .enabled = cmux_supported});
}

}  // namespace cellemu::models::common
