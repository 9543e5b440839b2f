// A whole modem of each model on an in-memory serial line: arbitrary host bytes in arbitrary
// reads, with the clock moving between them, through every command handler, send window and
// transparent mode. Connects are refused (no real network is touched).
#include <cstdint>

#include <boost/asio/io_context.hpp>

#include "emulator/core/logging.h"
#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"
#include "emulator/session/modem_session.h"

using namespace cellemu;

// Logging off: writing every connection event to stderr would cost most of the run.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  core::configure_logging("off", core::LogFormat::Text);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  core::ManualTimerService timers;
  boost::asio::io_context io;
  auto channel = std::make_shared<core::MemoryChannel>();
  session::SessionConfig config;
  models::profile_by_name((data[0] & 1) ? "nm28" : "air780ep", config.profile);
  auto net = std::make_shared<net::NetConfig>();
  net->dns = net::NetConfig::DnsMode::Static;
  config.net = net;
  {
    auto modem = session::ModemSession::create(io, timers, channel, config);
    modem->sockets().conditions().connect_fault = net::ConnectFault::Refuse;
    modem->start();
    // Output is read at times, and at times left to pile up (a host that does not read).
    channel->hold_output((data[0] & 2) != 0);
    const std::string_view input(reinterpret_cast<const char*>(data) + 2, size - 2);
    const std::size_t step = 1 + data[1] % 31;
    for (std::size_t at = 0; at < input.size(); at += step) {
      channel->host_send(input.substr(at, step));
      io.poll();
      timers.advance(std::chrono::milliseconds((data[1] >> 3) * 40));
      if ((at / step) % 4 == 0) channel->take_output();
    }
    timers.advance(std::chrono::seconds(30));
    io.poll();
  }
  io.restart();
  io.poll();
  return 0;
}
