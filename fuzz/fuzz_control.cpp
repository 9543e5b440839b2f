// The control protocol: JSON lines through ControlServer::handle to a live modem (either model),
// as `cellemu ctl` or any local client would send them, each reply serialised as the socket
// does. Several lines per input, so that faults can build on each other (net delay, then status,
// then reboot ...); the clock moves and the serial line is read between them. Connects are
// refused and DNS is static: no real network is touched.
#include <cstdint>
#include <string_view>

#include "emulator/control/control_server.h"
#include "emulator/core/logging.h"
#include "fuzz/fuzz_modem.h"

using namespace cellemu;

namespace {
constexpr std::size_t kMaxLines = 16;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  core::configure_logging("off", core::LogFormat::Text);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  fuzzing::FuzzModem m((data[0] & 1) != 0);
  control::LocalDirectory directory({m.session.get()});
  control::ControlServer server(m.io, directory);
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  for (std::size_t n = 0; n < kMaxLines && !input.empty(); ++n) {
    const auto nl = input.find('\n');
    const std::string line(input.substr(0, nl));
    input = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
    server.handle(line, [](nlohmann::json reply) {
      if (control::ControlServer::reply_line(reply).back() != '\n') __builtin_trap();
    });
    m.io.poll();
    m.timers.advance(std::chrono::seconds(1 + (data[0] >> 4)));
    m.channel->take_output();
  }
  m.timers.advance(std::chrono::minutes(5));
  m.io.poll();
  return 0;
}
