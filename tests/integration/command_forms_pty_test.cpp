// The forms of every command through the real binary and its pty (the reference answers of
// tests/data/command-forms-*.txt, as tests/model/command_forms_test.cpp checks them in memory).
#include <gtest/gtest.h>

#include "emulator/core/bytes.h"
#include "tests/support/command_forms.h"
#include "tests/support/emulator_process.h"

namespace cellemu::testing {
namespace {

class CommandFormsPty : public ::testing::TestWithParam<const char*> {};

TEST_P(CommandFormsPty, EveryCommandInEveryForm) {
  const auto probes = load_command_forms(GetParam());
  ASSERT_FALSE(probes.empty());
  EmulatorProcess emu({"--model", GetParam(), "--log-level", "warn"});
  ASSERT_TRUE(emu.started());
  PtyClient host(emu.pty());
  host.discard_input();
  host.send("ATE0\r");
  ASSERT_NE(host.read_until("OK\r\n").find("OK\r\n"), std::string::npos);
  host.discard_input();  // power-up URCs that came late
  for (const auto& p : probes) {
    SCOPED_TRACE(core::escape_bytes(p.line));
    host.exchange(p.line + "\r", p.answer);
    if (::testing::Test::HasFailure()) break;  // one mismatch shifts every later answer
  }
  EXPECT_EQ(emu.terminate(), 0);
}

INSTANTIATE_TEST_SUITE_P(BothModels, CommandFormsPty, ::testing::Values("air780ep", "nm28"));

}  // namespace
}  // namespace cellemu::testing
