#include "emulator/network/failure_cause.h"

#include <array>
#include <charconv>

namespace cellemu::network {
namespace {

struct NamedCause {
  std::string_view word;
  sms::CmsCause cause;
};

constexpr std::array<NamedCause, 3> kCauses = {{
    {"rejected", sms::CmsCause::Unknown},
    {"timeout", sms::CmsCause::NetworkTimeout},
    {"no-service", sms::CmsCause::NoNetworkService},
}};

}  // namespace

std::optional<sms::CmsCause> parse_failure_cause(std::string_view word) {
  for (const auto& named : kCauses) {
    if (named.word == word) return named.cause;
  }
  int value = 0;
  const auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || ptr != word.data() + word.size()) return std::nullopt;
  for (const auto cause : sms::kCmsCauses) {
    if (sms::code(cause) == value) return cause;
  }
  return std::nullopt;
}

std::string failure_cause_usage() {
  std::string out;
  for (const auto& named : kCauses) out += std::string(named.word) + "|";
  return out + "a +CMS ERROR code (300-500)";
}

}  // namespace cellemu::network
