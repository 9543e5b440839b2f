#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::replay {

// Turns module output into comparable lines: split at CR/LF, trimmed, empty lines dropped (a text
// log cannot show CR/LF framing reliably), and what cannot match between two modules (times,
// addresses, serial numbers, firmware versions) replaced by "<...>" per the rules.
class OutputMatcher {
 public:
  // The default rules, with the model's firmware build pattern (models::Profile::build_pattern;
  // empty: none) in place of a build string.
  explicit OutputMatcher(std::string_view build_pattern = {});
  // Adds a rule (ECMAScript regex); false if it does not compile.
  bool ignore(const std::string& pattern);
  std::vector<std::string> lines(std::string_view output) const;

 private:
  std::vector<std::regex> rules_;
};

// A line-level diff: each row is an expected line, an actual line, or both when they match.
struct DiffRow {
  std::string expected;
  std::string actual;
  bool same = false;
};
std::vector<DiffRow> diff_lines(const std::vector<std::string>& expected,
                                const std::vector<std::string>& actual);
// "  = line" / "  - expected" / "  + actual", aligned, for a human.
std::string render_diff(const std::vector<DiffRow>& rows);

}  // namespace cellemu::replay
