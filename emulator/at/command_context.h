#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/at/at_args.h"
#include "emulator/at/at_settings.h"
#include "emulator/at/command.h"
#include "emulator/at/line_assembler.h"
#include "emulator/at/outcome.h"

namespace cellemu::at {

class AtInterpreter;

// Finishes a command that returned Outcome::pending(). Stale or repeated calls are ignored, so a
// late socket callback can never answer the wrong command.
class Deferred {
 public:
  Deferred() = default;
  void info(std::string_view line) const;
  void info_lines(const std::vector<std::string>& lines) const;
  void raw(std::string_view bytes) const;
  void finish(const Final& result) const;
  bool active() const;

 private:
  friend class AtInterpreter;
  Deferred(AtInterpreter* interp, std::uint64_t ticket) : interp_(interp), ticket_(ticket) {}
  AtInterpreter* interp_ = nullptr;
  std::uint64_t ticket_ = 0;
};

using WindowHandler = std::function<Outcome(WindowEnd end, std::string data)>;

// Receives transparent-mode uplink bytes and the "+++" escape.
class DataModeSink {
 public:
  virtual void on_uplink(std::string_view bytes) = 0;
  virtual void on_escape() = 0;

 protected:
  ~DataModeSink() = default;
};

// What a handler sees of the AT engine while it runs.
class CommandContext {
 public:
  CommandContext(AtInterpreter& interp, const AtCommand& cmd) : interp_(interp), cmd_(cmd) {}

  const AtCommand& cmd() const { return cmd_; }
  CommandKind kind() const { return cmd_.kind; }
  // Parameters of a Set command; nullopt when its quotes do not balance.
  const std::optional<AtArgs>& args();

  void info(std::string_view line);
  void info_lines(const std::vector<std::string>& lines);
  void raw(std::string_view bytes);
  // A data prompt written before open_window ("\r\n> "): where a racing URC lands (urc_timing.h).
  void prompt(std::string_view bytes);
  // A prompt that is a framed line, like info() (NM28 "CONNECT").
  void prompt_line(std::string_view line);
  // Emits a result code ahead of information text (AT+CIPSTATUS prints OK before STATE:).
  void emit_final(const Final& result);

  Deferred defer();
  Outcome open_window(const WindowSpec& spec, WindowHandler handler);
  // Puts the port into transparent data mode and answers CONNECT.
  Outcome connect_data_mode(DataModeSink& sink);

  AtSettings& settings();
  AtInterpreter& interpreter() { return interp_; }

 private:
  AtInterpreter& interp_;
  const AtCommand& cmd_;
  std::optional<AtArgs> args_;
  bool args_parsed_ = false;
};

// The model behind the engine: maps a command to its handler.
class CommandDispatcher {
 public:
  // nullopt: the command is not recognised (answered with plain ERROR whatever CMEE says).
  virtual std::optional<Outcome> dispatch(CommandContext& ctx) = 0;

 protected:
  ~CommandDispatcher() = default;
};

}  // namespace cellemu::at
