#pragma once

#include <array>
#include <memory>
#include <string_view>

#include "emulator/at/at_interpreter.h"
#include "emulator/core/fault_boundary.h"
#include "emulator/port/cmux_multiplexer.h"
#include "emulator/port/routed_channel.h"
#include "models/common/modem_base.h"

namespace cellemu::session {

// A modem's port while it is multiplexed (AT+CMUX, services.md §7.4): the line's input goes to a
// 27.010 multiplexer; DLCI 1 carries the modem's own AT interpreter (the one URCs, pushes and a
// model's transparent data use), DLCIs 2..4 each an AT interpreter of their own on the same
// model, starting from the settings the port had when AT+CMUX was accepted. Any of them may
// carry the dial-up call. Leaving CMUX (CLD, DISC 0) makes the line plain AT again, with DLCI 1's
// settings. The interpreters of DLCIs 2..4 live as long as the session (reset when their DLCI
// opens or closes), so no late answer of a command can reach a destroyed one.
class CmuxPort final : private port::CmuxMultiplexer::Listener {
 public:
  struct Env {
    core::ByteChannel& line;
    port::RoutedChannel& primary_out;  // what the modem's own interpreter writes to
    at::AtInterpreter& primary;
    models::ModemBase& model;
    core::TimerService& timers;
    core::FaultBoundary& boundary;
    at::InterpreterOptions options;
  };

  explicit CmuxPort(Env env);
  ~CmuxPort();
  CmuxPort(const CmuxPort&) = delete;
  CmuxPort& operator=(const CmuxPort&) = delete;

  // The port is multiplexed from the next byte on, sending at most `n1` octets a frame.
  void begin(std::size_t n1);
  bool active() const { return mux_ != nullptr; }
  // The line's input; returns how much was used: less once CMUX is left (active() is then false
  // and the rest is plain AT).
  std::size_t on_input(std::string_view bytes);
  void on_output_drained();

 private:
  struct Terminal;
  void on_channel_opened(std::shared_ptr<port::CmuxChannel> channel) override;
  void on_channel_closed(std::uint8_t dlci) override;
  void on_mux_closed() override {}
  Terminal& terminal(std::uint8_t dlci);
  void end();

  Env env_;
  at::AtSettings start_settings_;
  std::unique_ptr<port::CmuxMultiplexer> mux_;
  std::array<std::unique_ptr<Terminal>, 5> terminals_;  // [1]: the modem's own interpreter
};

}  // namespace cellemu::session
