// The CMUX multiplexer as the host drives it: arbitrary bytes (27.010 frames, control
// messages, data for DLCIs that echo it back) at arbitrary read boundaries, with the line
// sometimes not draining and DLCIs pausing.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "emulator/core/memory_channel.h"
#include "emulator/port/cmux_multiplexer.h"

namespace {
using namespace cellemu;

struct Host final : port::CmuxMultiplexer::Listener {
  struct Echo final : core::ByteChannel::Listener {
    std::shared_ptr<port::CmuxChannel> channel;
    void on_input(std::string_view bytes) override { channel->write(bytes); }
    void on_output_drained() override {}
  };
  std::map<std::uint8_t, std::unique_ptr<Echo>> echoes;
  void on_channel_opened(std::shared_ptr<port::CmuxChannel> channel) override {
    auto echo = std::make_unique<Echo>();
    echo->channel = channel;
    channel->start(*echo);
    echoes[channel->dlci()] = std::move(echo);
  }
  void on_channel_closed(std::uint8_t dlci) override {
    if (!echoes.count(dlci) || echoes[dlci]->channel->open()) std::abort();
  }
  void on_mux_closed() override {}
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  core::MemoryChannel line;
  Host host;
  port::CmuxConfig config;
  config.n1 = 1 + data[0] % 200;
  config.input_limit = 512;
  port::CmuxMultiplexer mux(line, config, host);
  // Records: one control byte (line held? a DLCI paused?), one length byte, then the bytes.
  std::size_t i = 1;
  while (i + 2 <= size && !mux.closed()) {
    const std::uint8_t control = data[i];
    line.hold_output((control & 1) != 0);
    if (auto channel = mux.channel(1 + (control >> 1) % 4)) {
      if (control & 0x80)
        channel->pause_input();
      else
        channel->resume_input();
    }
    const std::size_t n = std::min<std::size_t>(data[i + 1], size - i - 2);
    const std::size_t used =
        mux.on_input(std::string_view(reinterpret_cast<const char*>(data) + i + 2, n));
    if (used > n || (used < n && !mux.closed())) std::abort();
    if (line.output().size() > (1u << 20)) line.take_output();
    mux.on_output_drained();
    i += 2 + n;
  }
  return 0;
}
