// "+++" detection: arbitrary bytes arriving at arbitrary times never lose or reorder data.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "emulator/at/escape_detector.h"
#include "emulator/core/manual_timer_service.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cellemu;
  core::ManualTimerService timers;
  std::string out;
  std::string in;
  int escapes = 0;
  at::EscapeDetector detector(
      timers, [&](std::string_view b) { out += b; }, [&] { ++escapes; });
  detector.reset();
  // Each record: one byte of delay (x20 ms), one length byte, then that many payload bytes.
  std::size_t i = 0;
  while (i + 2 <= size) {
    timers.advance(std::chrono::milliseconds(data[i] * 20));
    const std::size_t n = std::min<std::size_t>(data[i + 1] % 8, size - i - 2);
    const std::string_view chunk(reinterpret_cast<const char*>(data) + i + 2, n);
    in += chunk;
    detector.feed(chunk);
    i += 2 + n;
  }
  timers.advance(std::chrono::seconds(2));
  detector.flush();
  // Every byte comes out, in order, except the "+++" of each escape.
  std::string expected_plus;
  std::size_t plus_in = 0;
  for (char c : in) plus_in += c == '+';
  std::size_t plus_out = 0;
  for (char c : out) plus_out += c == '+';
  if (plus_in != plus_out + 3 * static_cast<std::size_t>(escapes)) std::abort();
  std::string in_rest, out_rest;
  for (char c : in)
    if (c != '+') in_rest += c;
  for (char c : out)
    if (c != '+') out_rest += c;
  if (in_rest != out_rest) std::abort();
  return 0;
}
