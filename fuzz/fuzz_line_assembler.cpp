// The line framer and the V.250 parser on arbitrary bytes, split at arbitrary read boundaries.
#include <cstdint>
#include <string>

#include "emulator/at/at_args.h"
#include "emulator/at/line_assembler.h"
#include "emulator/at/v250_parser.h"

namespace {
using namespace cellemu::at;

class Sink : public LineAssembler::Listener {
 public:
  explicit Sink(LineAssembler*& self) : self_(self) {}
  void on_echo(std::string_view) override {}
  void on_line(LineKind kind, std::string_view body) override {
    if (kind != LineKind::Command) return;
    if (auto cmds = parse_command_line(body)) {
      for (const auto& c : *cmds) {
        if (auto args = AtArgs::parse(c.args)) {
          for (std::size_t i = 0; i < args->size(); ++i) {
            (void)args->int_in(i, 0, 65535);
            (void)args->raw_from(i);
          }
        }
      }
    }
    // Some lines open windows, as send commands do.
    if (body.size() > 2 && body[0] == '+' && body[1] == 'W') {
      self_->begin_window(WindowSpec{
          .length = body.size() % 3 == 0 ? std::nullopt : std::optional<std::size_t>(body.size()),
          .max_store = 64,
          .echo = body.size() % 2 == 0});
    }
    if (body == "+T") self_->enter_transparent();
  }
  void on_window_done(WindowEnd, std::string) override {}
  void on_data(std::string_view) override {}

 private:
  LineAssembler*& self_;
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  AtSettings settings;
  settings.echo = data[0] & 1;
  LineAssembler* self = nullptr;
  Sink sink(self);
  LineAssembler assembler(sink, settings, 64);
  self = &assembler;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t step = 1 + data[0] % 17;
  for (std::size_t at = 0; at < input.size();) {
    const auto chunk = input.substr(at, step);
    std::size_t used = 0;
    while (used < chunk.size()) used += assembler.feed(chunk.substr(used));
    at += chunk.size();
  }
  return 0;
}
