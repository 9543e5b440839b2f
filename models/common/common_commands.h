#pragma once

#include "emulator/at/command_table.h"
#include "models/common/modem_base.h"

namespace cellemu::models::common {

// Handlers of the commands both modules share, grouped by file:
// basic_commands.cpp (V.250), identity_commands.cpp, network_commands.cpp (27.007).
void add_basic_commands(at::CommandTable<ModemBase>& table);
void add_identity_commands(at::CommandTable<ModemBase>& table);
void add_network_commands(at::CommandTable<ModemBase>& table);

// The usual answer to a malformed or out-of-range 27.007 parameter (spec v250 §3.1).
inline at::Final bad_parameter() {
  return at::Final::cme(at::CmeError::OperationNotAllowed);
}

}  // namespace cellemu::models::common
