#include "net/mqtt/topic.h"

#include <cstdint>

namespace cellemu::net::mqtt {
namespace {

// Length of the sequence a lead byte starts, 0 for a byte that cannot start one.
int sequence_length(std::uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool continuation(std::uint8_t b) {
  return (b & 0xC0) == 0x80;
}

// The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
bool second_byte_ok(std::uint8_t lead, std::uint8_t second) {
  if (lead == 0xE0) return second >= 0xA0 && second <= 0xBF;
  if (lead == 0xED) return second >= 0x80 && second <= 0x9F;
  if (lead == 0xF0) return second >= 0x90 && second <= 0xBF;
  if (lead == 0xF4) return second >= 0x80 && second <= 0x8F;
  return continuation(second);
}

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<std::uint8_t>(s[i]);
    if (lead == 0) return false;
    const int n = sequence_length(lead);
    if (n == 0 || i + static_cast<std::size_t>(n) > s.size()) return false;
    if (n > 1 && !second_byte_ok(lead, static_cast<std::uint8_t>(s[i + 1]))) return false;
    for (int k = 2; k < n; ++k) {
      if (!continuation(static_cast<std::uint8_t>(s[i + static_cast<std::size_t>(k)]))) {
        return false;
      }
    }
    i += static_cast<std::size_t>(n);
  }
  return true;
}

bool valid_topic_name(std::string_view s) {
  return !s.empty() && s.find_first_of("+#") == std::string_view::npos && valid_utf8(s);
}

bool valid_topic_filter(std::string_view s) {
  if (s.empty() || !valid_utf8(s)) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = s.find('/', start);
    const std::string_view level =
        s.substr(start, end == std::string_view::npos ? s.npos : end - start);
    const bool last = end == std::string_view::npos;
    if (level.find('#') != std::string_view::npos && (level != "#" || !last)) return false;
    if (level.find('+') != std::string_view::npos && level != "+") return false;
    if (last) return true;
    start = end + 1;
  }
}

}  // namespace cellemu::net::mqtt
