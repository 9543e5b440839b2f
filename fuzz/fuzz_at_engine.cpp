// A whole modem of each model on an in-memory serial line: arbitrary host bytes in arbitrary
// reads, with the clock moving between them, through every command handler, send window and
// transparent mode. Connects are refused (no real network is touched).
#include <cstdint>

#include "emulator/core/logging.h"
#include "fuzz/fuzz_modem.h"

using namespace cellemu;

// Logging off: writing every connection event to stderr would cost most of the run.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  core::configure_logging("off", core::LogFormat::Text);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  fuzzing::FuzzModem m((data[0] & 1) != 0);
  // Output is read at times, and at times left to pile up (a host that does not read).
  m.channel->hold_output((data[0] & 2) != 0);
  const std::string_view input(reinterpret_cast<const char*>(data) + 2, size - 2);
  const std::size_t step = 1 + data[1] % 31;
  for (std::size_t at = 0; at < input.size(); at += step) {
    m.channel->host_send(input.substr(at, step));
    m.io.poll();
    m.timers.advance(std::chrono::milliseconds((data[1] >> 3) * 40));
    if ((at / step) % 4 == 0) m.channel->take_output();
  }
  m.timers.advance(std::chrono::seconds(30));
  m.io.poll();
  return 0;
}
