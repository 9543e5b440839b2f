// Every command of both models in every form, against the answers its handler gave before the
// command tables declared the forms (tests/data/command-forms-*.txt): test texts, read forms,
// exec forms, absent forms with the error each module gives them, under AT+CMEE=0, 1 and 2.
#include <gtest/gtest.h>

#include "emulator/core/bytes.h"
#include "tests/support/command_forms.h"
#include "tests/support/transcript.h"

namespace cellemu::testing {
namespace {

class CommandForms : public ::testing::TestWithParam<const char*> {};

TEST_P(CommandForms, EveryCommandInEveryForm) {
  const auto probes = load_command_forms(GetParam());
  ASSERT_FALSE(probes.empty());
  Transcript t(TranscriptOptions{.model = GetParam()});
  for (const auto& p : probes) {
    SCOPED_TRACE(core::escape_bytes(p.line));
    t.exchange(p.line + "\r", p.answer);
  }
}

INSTANTIATE_TEST_SUITE_P(BothModels, CommandForms, ::testing::Values("air780ep", "nm28"));

}  // namespace
}  // namespace cellemu::testing
