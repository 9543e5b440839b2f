#pragma once

// Modems for the S- cases of services-cases.md: an Air780EP (or NM28) on the spec's frozen
// network time, its own network, ATE0 applied, CMEE=1.
#include <memory>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "emulator/network/network.h"
#include "emulator/session/network_options.h"
#include "tests/support/transcript.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::testing {

inline constexpr const char* kSpecNitz = "24/07/23,08:35:01+32,0";

struct SmsModemOptions {
  std::string model = "air780ep";
  bool echo = false;
  std::function<void(models::Profile&)> profile;
  // Delay between an SMSC's receipt and its delivery (S-038's report times).
  core::Duration delivery_delay{0};
};

// The network of one S- case, shared with `t.session`.
inline std::shared_ptr<network::Network> spec_network(const models::Profile& profile,
                                                      core::Duration delivery_delay) {
  auto options = session::network_options_for(profile);
  options.delivery_delay = delivery_delay;
  return network::Network::create(options);
}

inline Transcript sms_modem(SmsModemOptions o = {}) {
  models::Profile base;
  models::profile_by_name(o.model, base);
  base.nitz = kSpecNitz;
  if (o.profile) o.profile(base);
  auto network = spec_network(base, o.delivery_delay);
  TranscriptOptions t;
  t.model = o.model;
  t.echo = o.echo;
  t.profile = [extra = o.profile](models::Profile& p) {
    p.nitz = kSpecNitz;
    if (extra) extra(p);
  };
  t.session = [network](session::SessionConfig& c) { c.network = network; };
  return Transcript(t);
}

// The network delivers `hex` (an SMS-DELIVER with its SCA) to the modem.
inline void deliver(Transcript& t, std::string_view hex) {
  const auto before = t.model().sms().counters().received + t.model().sms().counters().refused;
  ASSERT_TRUE(t.session->registration().deliver_pdu(hex).ok());
  ASSERT_TRUE(t.poll_until([&] {
    const auto& c = t.model().sms().counters();
    return c.received + c.refused > before;
  }));
}

}  // namespace cellemu::testing
