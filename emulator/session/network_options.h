#pragma once

#include "emulator/network/network.h"
#include "models/profile.h"

namespace cellemu::session {

// The emulated network a profile implies: its SMSC, and network time starting at the profile's
// fixed +NITZ time if it has one, else at the host's clock now (read once, here), in the
// profile's zone. A fleet builds one from its base profile and shares it; a session without one
// builds its own.
network::NetworkOptions network_options_for(const models::Profile& profile);

}  // namespace cellemu::session
