// In-process micro-benchmarks of the engine's hot parts (Google Benchmark): no pty, no sockets,
// no clock; what one command or one chunk costs in the code itself. bench/run.sh runs them.
#include <benchmark/benchmark.h>

#include <boost/asio/io_context.hpp>

#include "emulator/at/line_assembler.h"
#include "emulator/at/responder.h"
#include "emulator/at/v250_parser.h"
#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"
#include "emulator/session/modem_session.h"
#include "models/air780ep/receive_framing.h"
#include "models/nm28/push_framing.h"

namespace cellemu::bench {
namespace {

// A serial line that counts and forgets what the module writes.
class NullChannel final : public core::ByteChannel {
 public:
  void start(Listener&) override {}
  void write(std::string_view bytes) override { written_ += bytes.size(); }
  std::size_t queued_output() const override { return 0; }
  void pause_input() override {}
  void resume_input() override {}
  void close() override {}
  std::string describe() const override { return "null"; }
  std::size_t written() const { return written_; }

 private:
  std::size_t written_ = 0;
};

class CountingListener final : public at::LineAssembler::Listener {
 public:
  void on_echo(std::string_view bytes) override { echoed += bytes.size(); }
  void on_line(at::LineKind, std::string_view body) override { lines += body.size() + 1; }
  void on_window_done(at::WindowEnd, std::string data) override { lines += data.size(); }
  void on_data(std::string_view bytes) override { data += bytes.size(); }
  std::size_t echoed = 0, lines = 0, data = 0;
};

// One command line per iteration, in turn: the bare AT, a query, a long extended command, a
// concatenated line.
void LineAssemblerCommandLines(benchmark::State& state) {
  static const std::string_view kLines[] = {
      "AT\r", "AT+CSQ\r", "AT+CIPSTART=\"TCP\",\"112.125.89.8\",37076\r", "ATE0&W+CMEE=2;+CREG?\r"};
  at::AtSettings settings;
  settings.echo = state.range(0) != 0;
  CountingListener listener;
  at::LineAssembler assembler(listener, settings);
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    std::string_view rest = kLines[i++ % 4];
    bytes += static_cast<std::int64_t>(rest.size());
    while (!rest.empty()) rest.remove_prefix(assembler.feed(rest));
  }
  benchmark::DoNotOptimize(listener.lines);
  state.SetBytesProcessed(bytes);
}
BENCHMARK(LineAssemblerCommandLines)->Arg(0)->Arg(1)->ArgName("echo");

void LineAssemblerTransparent(benchmark::State& state) {
  at::AtSettings settings;
  CountingListener listener;
  at::LineAssembler assembler(listener, settings);
  assembler.enter_transparent();
  const std::string block(4096, 'x');
  for (auto _ : state) assembler.feed(block);
  benchmark::DoNotOptimize(listener.data);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * block.size()));
}
BENCHMARK(LineAssemblerTransparent);

// AT+CIPSEND=1460 payloads arriving in 4 KiB reads.
void LineAssemblerSendWindow(benchmark::State& state) {
  at::AtSettings settings;
  settings.echo = false;
  CountingListener listener;
  at::LineAssembler assembler(listener, settings);
  const std::string block(4096, 'x');
  std::size_t fed = 0;
  for (auto _ : state) {
    std::string_view rest = block;
    while (!rest.empty()) {
      if (assembler.mode() != at::LineAssembler::Mode::Window) {
        assembler.begin_window(at::WindowSpec{.length = 1460});
      }
      rest.remove_prefix(assembler.feed(rest));
    }
    fed += block.size();
  }
  benchmark::DoNotOptimize(listener.lines);
  state.SetBytesProcessed(static_cast<std::int64_t>(fed));
}
BENCHMARK(LineAssemblerSendWindow);

// Into one reused vector, as the interpreter does.
void V250Parse(benchmark::State& state) {
  static const std::string_view kLines[] = {"", "+CSQ", "+CIPSTART=\"TCP\",\"112.125.89.8\",37076",
                                            "E0&W+CMEE=2;+CREG?"};
  static const char* const kLabels[] = {"AT", "AT+CSQ", "AT+CIPSTART=...", "ATE0&W+CMEE=2;+CREG?"};
  const std::string_view line = kLines[state.range(0)];
  std::vector<at::AtCommand> commands;
  for (auto _ : state) benchmark::DoNotOptimize(at::parse_command_line(line, commands));
  state.SetLabel(kLabels[state.range(0)]);
}
BENCHMARK(V250Parse)->DenseRange(0, 3);

void ResponderFinalOk(benchmark::State& state) {
  NullChannel out;
  at::AtSettings settings;
  at::Responder responder(out, settings);
  for (auto _ : state) responder.final(at::Final::ok());
  benchmark::DoNotOptimize(out.written());
}
BENCHMARK(ResponderFinalOk);

void ResponderInfoLine(benchmark::State& state) {
  NullChannel out;
  at::AtSettings settings;
  at::Responder responder(out, settings);
  for (auto _ : state) responder.info("+CSQ: 23,0");
  benchmark::DoNotOptimize(out.written());
}
BENCHMARK(ResponderInfoLine);

// "+RECEIVE,0,1460:\r\n<payload>\r\n" (Air780EP, CIPMUX=1) from building to the channel.
void Air780epPushFrame(benchmark::State& state) {
  NullChannel out;
  at::AtSettings settings;
  at::Responder responder(out, settings);
  const models::air780ep::TcpipSettings tcpip;
  const models::air780ep::ChunkSource from{0, true, net::Protocol::Tcp, "127.0.0.1", 7000};
  const std::string chunk(1460, 'x');
  for (auto _ : state) {
    const auto frame = models::air780ep::push_frame(tcpip, from, chunk.size());
    responder.urc_raw(frame.header(), chunk, frame.tail);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * chunk.size()));
}
BENCHMARK(Air780epPushFrame);

// "+IPURC: \"recv\",1,1460\r\n<payload>" (NM28 access mode 1) from building to the channel.
void Nm28PushFrame(benchmark::State& state) {
  NullChannel out;
  at::AtSettings settings;
  at::Responder responder(out, settings);
  const std::string chunk(1460, 'x');
  for (auto _ : state) models::nm28::push_frame(responder, "+IPURC", 1, chunk);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * chunk.size()));
}
BENCHMARK(Nm28PushFrame);

// A whole command through a real session (engine + model), on an in-memory line.
void SessionCommand(benchmark::State& state) {
  static const std::string_view kCommands[] = {"AT\r", "AT+CSQ\r", "ATI\r"};
  const std::string_view command = kCommands[state.range(0)];
  boost::asio::io_context io;
  core::ManualTimerService timers;
  auto channel = std::make_shared<core::MemoryChannel>();
  session::SessionConfig config;
  models::profile_by_name("air780ep", config.profile);
  auto session = session::ModemSession::create(io, timers, channel, std::move(config));
  session->start();
  channel->host_send("ATE0\r");
  channel->take_output();
  for (auto _ : state) {
    channel->host_send(command);
    benchmark::DoNotOptimize(channel->take_output());
  }
  state.SetLabel(std::string(command.substr(0, command.size() - 1)));
}
BENCHMARK(SessionCommand)->DenseRange(0, 2);

}  // namespace
}  // namespace cellemu::bench

BENCHMARK_MAIN();
