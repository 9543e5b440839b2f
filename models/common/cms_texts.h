#pragma once

#include <array>

#include "emulator/at/result.h"

namespace cellemu::models {

// The +CMS ERROR texts AT+CMEE=2 shows (spec services §1.2: the LM CMS_ERROR.md texts of the
// codes the EC618 stack can emit, SDK cmicomm.h). The NM28 has no source of its own and uses the
// same 27.005 wording (OQ-S40).
inline constexpr std::array<at::CmsText, 19> kCmsTexts = {{
    {300, "ME failure"},
    {301, "SMS service of ME reserved"},
    {302, "operation not allowed"},
    {303, "operation not supported"},
    {304, "invalid PDU mode parameter"},
    {305, "invalid text mode parameter"},
    {310, "(U)SIM not inserted"},
    {311, "(U)SIM PIN required"},
    {313, "(U)SIM failure"},
    {314, "(U)SIM busy"},
    {316, "(U)SIM PUK required"},
    {320, "memory failure"},
    {321, "invalid memory index"},
    {322, "memory full"},
    {330, "SMSC address unknown"},
    {331, "no network service"},
    {332, "network timeout"},
    {340, "no +CNMA acknowledgement expected"},
    {500, "unknown error"},
}};

}  // namespace cellemu::models
