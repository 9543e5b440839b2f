#pragma once

#include "emulator/at/result.h"

namespace cellemu::models::nm28 {

// What the NM28 shows under AT+CMEE=2. Only the shared 27.007 commands report +CME ERROR (its
// TCP/IP commands answer plain ERROR, OQ-8) and S3 shows none: the 27.007 texts, in the lower
// case the Air780EP prints them (spec v250 §3.1, §6: "NM28 uses the same").
inline constexpr at::CmeText kCmeTexts[] = {
    {at::CmeError::OperationNotAllowed, "operation not allowed"},
    {at::CmeError::SimNotInserted, "SIM not inserted"},
    {at::CmeError::SimPinRequired, "SIM PIN required"},
    {at::CmeError::SimPukRequired, "SIM PUK required"},
    {at::CmeError::IncorrectPassword, "incorrect password"},
    {at::CmeError::NoNetworkService, "no network service"},
};

}  // namespace cellemu::models::nm28
