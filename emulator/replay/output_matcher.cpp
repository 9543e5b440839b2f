#include "emulator/replay/output_matcher.h"

#include <algorithm>

namespace cellemu::replay {

OutputMatcher::OutputMatcher(std::string_view build_pattern) {
  for (const char* pattern : {
           R"(\b\d{1,3}(\.\d{1,3}){3}\b)",  // IPv4 addresses
           R"(\+NITZ: .*)",                 // network time
           R"(\b\d{15}\b)",                 // IMEI / IMSI
           R"(\b89\d{17,18}\b)",            // ICCID (ITU-T E.118: 89 is telecom)
       }) {
    rules_.emplace_back(pattern);
  }
  if (!build_pattern.empty()) rules_.emplace_back(std::string(build_pattern));
  rules_.emplace_back(R"(\b\d{1,2}:\d{2}:\d{2}(\.\d+)?\b)");  // clock times
}

bool OutputMatcher::ignore(const std::string& pattern) {
  try {
    rules_.emplace_back(pattern);
    return true;
  } catch (const std::regex_error&) {
    return false;
  }
}

std::vector<std::string> OutputMatcher::lines(std::string_view output) const {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < output.size()) {
    const auto end = output.find_first_of("\r\n", pos);
    std::string line(output.substr(pos, end == std::string_view::npos ? output.npos : end - pos));
    pos = end == std::string_view::npos ? output.size() : end + 1;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t") - first + 1);
    for (const auto& rule : rules_) line = std::regex_replace(line, rule, "<...>");
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<DiffRow> diff_lines(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  // Longest common subsequence; logs are short, quadratic is fine.
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<DiffRow> rows;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      rows.push_back({a[i], b[j], true});
      ++i;
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      rows.push_back({{}, b[j++], false});
    } else {
      rows.push_back({a[i++], {}, false});
    }
  }
  return rows;
}

std::string render_diff(const std::vector<DiffRow>& rows) {
  std::size_t width = 8;
  for (const auto& r : rows) width = std::max(width, r.expected.size());
  width = std::min<std::size_t>(width, 48);
  std::string out;
  out += "      " + std::string("expected (log)") + std::string(width > 14 ? width - 14 : 0, ' ') +
         " | actual (cellemu)\n";
  for (const auto& r : rows) {
    std::string left = r.expected;
    if (left.size() > width) left = left.substr(0, width - 3) + "...";
    const char* mark = r.same ? "   " : r.actual.empty() ? " - " : " + ";
    out += "   " + std::string(mark) + left + std::string(width - left.size(), ' ') + " | " +
           r.actual + "\n";
  }
  return out;
}

}  // namespace cellemu::replay
