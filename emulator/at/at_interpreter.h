#pragma once

#include <functional>
#include <string>
#include <vector>

#include "emulator/at/command_context.h"
#include "emulator/at/escape_detector.h"
#include "emulator/at/line_assembler.h"
#include "emulator/at/responder.h"
#include "emulator/core/byte_channel.h"
#include "emulator/core/timer_service.h"

namespace cellemu::at {

struct InterpreterOptions {
  // The session's name ("modem0"): models put it in their logs (core::ConnectionEvent::modem).
  std::string modem_name = "modem0";
  std::size_t max_line_body = 1024;  // OQ-4
  // "real" timing profile: module-like delay before every final result (air780ep.md §12).
  core::Duration response_delay{0};
  // URCs wait for a half-typed line at most this long after its last byte.
  core::Duration typing_hold = std::chrono::seconds(3);
  EscapeGuard escape;
  // Input that arrives while a command executes is kept; beyond this the port stops reading.
  std::size_t input_backlog_limit = 64 * 1024;
  // The model's +CME ERROR table: the texts AT+CMEE=2 shows (models::Profile::cme_texts).
  CmeTexts cme_texts;
  // The model's +CMS ERROR texts and style (models::Profile::cms).
  CmsStyle cms;
  // When URCs reach the host (urc_timing.h).
  UrcTiming urc_timing = UrcTiming::Held;
};

// The vendor-neutral AT engine of one modem: host bytes in, framed responses out. Runs command
// lines left to right through the dispatcher (V.250 concatenation rules), holds input while a
// command is pending, owns send windows and transparent data mode.
class AtInterpreter final : private LineAssembler::Listener {
 public:
  // kPauseOutput: the host is not reading its answers (the session's bound on queued output).
  enum InputPause : unsigned {
    kPauseBacklog = 1,
    kPauseUplink = 2,
    kPauseExternal = 4,
    kPauseOutput = 8
  };

  AtInterpreter(core::ByteChannel& channel, core::TimerService& timers, AtSettings& settings,
                InterpreterOptions options = {});

  void set_dispatcher(CommandDispatcher& dispatcher) { dispatcher_ = &dispatcher; }
  // Called for every command line the host sends (the text after "AT"), before it runs.
  void add_line_observer(std::function<void(std::string_view)> fn) {
    observers_.push_back(std::move(fn));
  }
  // Called with every command's final result (the command that opened a send window gets the
  // window's result); unknown commands are reported with their parsed name.
  using ResultObserver = std::function<void(const AtCommand&, const Final&)>;
  void add_result_observer(ResultObserver fn) { result_observers_.push_back(std::move(fn)); }

  void on_input(std::string_view bytes);

  Responder& responder() { return responder_; }
  AtSettings& settings() { return settings_; }
  core::TimerService& timers() { return timers_; }
  const InterpreterOptions& options() const { return options_; }

  // Ends the open send window (CommandContext::open_window) early, for an auto-send timer or a
  // write timeout: its handler sees Forced.
  void end_window();

  // Transparent data mode. `announce` ("CONNECT") is sent at once when data mode starts outside a
  // command (Air780EP CIPSTART with CIPMODE=1); `urgent_line` ("CLOSED") when it ends.
  void enter_data_mode(DataModeSink& sink, std::string_view announce = {});
  void leave_data_mode(std::string_view urgent_line = {});
  bool in_data_mode() const { return data_sink_ != nullptr; }
  // Leaves data mode as a "+++" escape does (OK, the sink's on_escape): a DTR drop with AT&D1.
  void escape_data_mode() { on_escape(); }

  void pause_input(InputPause reason);
  void resume_input(InputPause reason);
  bool busy() const { return state_ != State::Idle; }
  // Runs `fn` once the engine is idle again, right after the final result of the command now
  // running went out (at once when idle): data that must follow a CONNECT the engine still owes
  // (delayed by the "real" timing) waits for it. One waiter; nullptr withdraws it.
  void when_idle(std::function<void()> fn);

  // Back to power-up state (module reboot): pending work, held URCs and input are dropped.
  void reset();
  // An internal failure (an exception caught at the modem's boundary): the command in progress,
  // if any, ends with ERROR, as a module answers an internal error, and the engine takes the
  // next line; input kept meanwhile runs after it. The rest of the input the failure
  // interrupted is lost.
  void abort_command();

 private:
  friend class CommandContext;
  friend class Deferred;
  enum class State { Idle, Running, Pending, Window };

  // LineAssembler::Listener
  void on_echo(std::string_view bytes) override { responder_.echo(bytes); }
  void on_line(LineKind kind, std::string_view body) override;
  void on_window_done(WindowEnd end, std::string data) override;
  void on_data(std::string_view bytes) override;

  void process(std::string_view bytes) {
    feeding_ = true;
    const std::size_t used = assembler_.feed(bytes);
    feeding_ = false;
    if (used < bytes.size()) backlog_.append(bytes.substr(used));
    // Nothing to do unless a line is half typed or was until now (the common case: whole lines).
    if (assembler_.mid_line() || responder_.held_for(Responder::kTyping)) update_typing_hold();
  }
  void drain_backlog();
  void run_line(std::string_view body);
  void continue_line();
  bool apply(const Outcome& outcome);
  void finish(const Final& result);
  void emit_final(const Final& result);
  void update_typing_hold();
  void on_escape();

  // Used by CommandContext / Deferred.
  Deferred make_deferred();
  void deferred_finish(std::uint64_t ticket, const Final& result);
  bool deferred_active(std::uint64_t ticket) const;
  Outcome begin_window(const WindowSpec& spec, WindowHandler handler);
  Outcome connect_data_mode(DataModeSink& sink);

  core::ByteChannel& channel_;
  core::TimerService& timers_;
  AtSettings& settings_;
  InterpreterOptions options_;
  Responder responder_;
  LineAssembler assembler_;
  EscapeDetector escape_;
  CommandDispatcher* dispatcher_ = nullptr;
  std::vector<std::function<void(std::string_view)>> observers_;
  std::vector<ResultObserver> result_observers_;
  AtCommand current_;  // the command whose result is awaited

  State state_ = State::Idle;
  std::vector<AtCommand> line_;
  std::size_t next_cmd_ = 0;
  std::string last_body_;
  bool have_last_ = false;
  std::uint64_t ticket_ = 0;
  std::uint64_t pending_ticket_ = 0;
  std::optional<Final> early_final_;
  WindowHandler window_handler_;
  DataModeSink* data_sink_ = nullptr;
  std::function<void()> idle_waiter_;

  std::string backlog_;
  bool feeding_ = false;
  unsigned paused_ = 0;
  core::Timer typing_timer_;
  core::Timer delay_timer_;
};

}  // namespace cellemu::at
