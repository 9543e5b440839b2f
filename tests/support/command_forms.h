#pragma once

#include <string>
#include <vector>

namespace cellemu::testing {

// One line of tests/data/command-forms-<model>.txt: a command line the host sends (without its
// '\r') and the exact bytes the module answers, with ATE0 in effect.
struct FormProbe {
  std::string line;
  std::string answer;
};

// Every command of the model in every form (test, read, exec, a set where the command has none),
// under AT+CMEE=0, 1 and 2: the answers the handlers gave before the command tables declared
// their forms, kept as the reference. Empty with a failed assertion if the file cannot be read.
std::vector<FormProbe> load_command_forms(const std::string& model);

}  // namespace cellemu::testing
