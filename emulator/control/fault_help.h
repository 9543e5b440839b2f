#pragma once

#include <string>
#include <string_view>

#include "emulator/control/fault_verb.h"

namespace cellemu::control {

// Texts made from the fault table, so that help, errors and the README (checked by a unit test)
// never list the verbs by hand.

// Every usage of one verb, joined: "net delay MS | net jitter MS | ... | net clear"; empty for
// an unknown verb.
std::string usage_of(std::string_view verb, FaultVerbs verbs);

// The verbs, once each, in table order: "status, pdp-deact, sim, ...".
std::string verb_names(FaultVerbs verbs);

// `cellemu ctl --help`: one line per row (usage and help), what each argument accepts beneath.
std::string verbs_help(FaultVerbs verbs);

// `cellemu --help`: the usages only, wrapped to `width` columns after `indent`.
std::string verbs_summary(FaultVerbs verbs, std::size_t indent = 2, std::size_t width = 100);

}  // namespace cellemu::control
