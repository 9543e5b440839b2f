#include "tests/support/command_forms.h"

#include <fstream>

#include <gtest/gtest.h>

#include "emulator/replay/serial_log.h"

namespace cellemu::testing {

// "<line>\t<answer>" per line, both with the escapes of serial logs ("\r", "\n", "\xHH").
std::vector<FormProbe> load_command_forms(const std::string& model) {
  const std::string path =
      std::string(CELLEMU_SOURCE_DIR) + "/tests/data/command-forms-" + model + ".txt";
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::vector<FormProbe> probes;
  std::string row;
  while (std::getline(in, row)) {
    if (row.empty() || row[0] == '#') continue;
    const auto tab = row.find('\t');
    EXPECT_NE(tab, std::string::npos) << path << ": " << row;
    if (tab == std::string::npos) continue;
    probes.push_back({replay::unescape(row.substr(0, tab)), replay::unescape(row.substr(tab + 1))});
  }
  return probes;
}

}  // namespace cellemu::testing
