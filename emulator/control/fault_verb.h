#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "emulator/control/fault_arg.h"

namespace cellemu::session {
class ModemSession;
}

namespace cellemu::control {

struct FaultCommand;

// Applies a parsed command to one modem, on that modem's thread; answers {"ok":true,...} or
// {"ok":false,"error":"..."}.
using FaultHandler = nlohmann::json (*)(session::ModemSession&, const FaultCommand&);

// The two answers of a handler: {"ok":true} and {"ok":false,"error":MESSAGE}.
nlohmann::json fault_ok();
nlohmann::json fault_error(std::string message);

// One row of the fault vocabulary: `verb [sub] ARGS...`. Rows sharing a verb are told apart by
// their sub-verb (`net delay MS`, `net clear`); at most one row of a verb has none, and it takes
// the words that name no sub-verb (`link ID close|reset|blackhole` beside a future
// `link mqtt close|reset|blackhole`). See fault_table.cpp for the rows.
struct FaultVerb {
  std::string verb;
  std::string sub;  // empty: none
  std::vector<FaultArg> args;
  std::string help;  // one line for `cellemu ctl --help`
  FaultHandler handler = nullptr;

  std::string usage() const;            // "signal RSSI [BER]"
  std::string usage_explained() const;  // "signal RSSI [BER] with RSSI 0-31 or 99, BER ..."
};

using FaultVerbs = std::span<const FaultVerb>;

}  // namespace cellemu::control
