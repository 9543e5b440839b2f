#include "emulator/session/network_options.h"

#include <chrono>

namespace cellemu::session {

network::NetworkOptions network_options_for(const models::Profile& profile) {
  network::NetworkOptions o;
  if (auto smsc = sms::Address::from_number(profile.sms.smsc)) o.smsc = *smsc;
  o.zone = profile.network.time_zone;
  if (const auto start = network::NetworkClock::parse_nitz(profile.nitz)) {
    o.utc_at_zero = start->utc;
    o.zone = start->zone;
  } else {
    o.utc_at_zero = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  return o;
}

}  // namespace cellemu::session
