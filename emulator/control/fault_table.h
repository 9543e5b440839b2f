#pragma once

#include <chrono>

#include "emulator/control/fault_verb.h"

namespace cellemu::control {

// Carrier NAT idle timeouts (`nat-idle`, and --nat-idle on the command line): up to a month,
// 0 = never dropped; a bare number counts seconds.
inline constexpr core::DurationRange kNatIdleRange{.max = std::chrono::hours(30 * 24),
                                                   .bare_unit = std::chrono::seconds(1)};

// The fault vocabulary of `cellemu ctl`, scenario files (`do:`) and replay directives (`#!`):
// one row per verb (and sub-verb), in the order help lists them. The parser, `cellemu ctl
// --help`, the fault section of `cellemu --help`, scenario validation and the README's verb
// table (checked by FaultTable.ReadmeListsEveryVerb) all come from it.
FaultVerbs fault_verbs();

}  // namespace cellemu::control
