// Applying one verb of the fault vocabulary (emulator/control) to a transcript's modem, as
// `cellemu ctl` and scenario files do.
#pragma once

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "emulator/control/fault_command.h"
#include "emulator/control/fault_injector.h"
#include "tests/support/transcript.h"

namespace cellemu::testing {

// The verb's JSON reply ({"ok":true,...}); fails the test when the words do not parse.
inline nlohmann::json fault(Transcript& t, const std::string& line) {
  std::string error;
  auto c = control::parse_fault(line, error);
  EXPECT_TRUE(c) << line << ": " << error;
  return c ? control::apply_fault(*t.session, *c) : nlohmann::json{};
}

// The verb must be accepted.
inline void inject(Transcript& t, const std::string& line) {
  const auto reply = fault(t, line);
  EXPECT_EQ(reply.value("ok", false), true) << line << ": " << reply.dump();
}

inline nlohmann::json status(Transcript& t) {
  return fault(t, "status")["status"];
}

}  // namespace cellemu::testing
