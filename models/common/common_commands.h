#pragma once

#include "emulator/at/command_table.h"
#include "models/common/modem_base.h"

namespace cellemu::models::common {

// Handlers of the commands both modules share, grouped by file:
// basic_commands.cpp (V.250), identity_commands.cpp, network_commands.cpp (27.007).
void add_basic_commands(at::CommandTable<ModemBase>& table);
void add_identity_commands(at::CommandTable<ModemBase>& table);
void add_network_commands(at::CommandTable<ModemBase>& table);
// pdp_commands.cpp (+CGDCONT +CGAUTH +CGACT +CGPADDR +CGDATA), dialup_commands.cpp (D A H O &C &D).
void add_pdp_commands(at::CommandTable<ModemBase>& table);
void add_dialup_commands(at::CommandTable<ModemBase>& table);
// cmux_commands.cpp (+CMUX).
void add_cmux_commands(at::CommandTable<ModemBase>& table);

// 27.007 numbers beyond the engine's (services.md §1.2): a recognised command or value the
// module does not offer; a parameter value it does not accept.
inline constexpr at::CmeError kOperationNotSupported{4};
inline constexpr at::CmeError kIncorrectParameters{50};

// The usual answer to a malformed or out-of-range 27.007 parameter (spec v250 §3.1).
inline at::Final bad_parameter() {
  return at::Final::cme(at::CmeError::OperationNotAllowed);
}

}  // namespace cellemu::models::common
