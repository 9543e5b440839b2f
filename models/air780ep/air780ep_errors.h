#pragma once

#include "emulator/at/result.h"

namespace cellemu::models::air780ep {

// Luat's vendor number: AT+CIICR that cannot activate, AT+CIPSTART on a link id still held
// (spec v250 §3.1; S0, MH).
inline constexpr at::CmeError kOtherError{65535};

// The MQTT client's two numbers (app-protocols.md §1.3, OQ-A3; LM CME_ERROR.md texts): a
// parameter count, range or length the command does not take, and a command the client's state
// does not allow.
inline constexpr at::CmeError kInvalidInput{765};
inline constexpr at::CmeError kOperationFailed{767};

// What the Luat firmware shows under AT+CMEE=2 for every number the Air780EP reports: the
// lower-case 27.007 texts in the standard range, its own in the vendor range (LM
// Configuration/CME_ERROR.md; spec v250 §3.1).
inline constexpr at::CmeText kCmeTexts[] = {
    {at::CmeError::OperationNotAllowed, "operation not allowed"},
    {at::CmeError::SimNotInserted, "SIM not inserted"},
    {at::CmeError::SimPinRequired, "SIM PIN required"},
    {at::CmeError::SimPukRequired, "SIM PUK required"},
    {at::CmeError::IncorrectPassword, "incorrect password"},
    {at::CmeError::NoNetworkService, "no network service"},
    {kInvalidInput, "Invalid input value"},
    {kOperationFailed, "Operation failed"},
    {kOtherError, "Other Error"},
};

}  // namespace cellemu::models::air780ep
