#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "emulator/control/fault_command.h"
#include "emulator/session/modem_session.h"

namespace cellemu::control {

// Applies one verb of the fault vocabulary to one modem, on that modem's thread. Returns the
// result as JSON ({"ok":true,...} or {"ok":false,"error":"..."}), for the control socket, the
// scenario log and tests alike.
nlohmann::json apply_fault(session::ModemSession& modem, const FaultCommand& command);

// The state `status` reports.
nlohmann::json modem_status(session::ModemSession& modem);

}  // namespace cellemu::control
