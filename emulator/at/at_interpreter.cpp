#include "emulator/at/at_interpreter.h"

#include <utility>

#include "emulator/at/v250_parser.h"

namespace cellemu::at {
namespace {
const Final kOk = Final::ok();  // built once: every line that ends well ends with it
}  // namespace

AtInterpreter::AtInterpreter(core::ByteChannel& channel, core::TimerService& timers,
                             AtSettings& settings, InterpreterOptions options)
    : channel_(channel),
      timers_(timers),
      settings_(settings),
      options_(options),
      responder_(channel, settings, options.cme_texts, options.cms, options.urc_timing),
      assembler_(*this, settings, options.max_line_body),
      escape_(
          timers,
          [this](std::string_view bytes) {
            if (data_sink_) data_sink_->on_uplink(bytes);
          },
          [this] { on_escape(); }, options.escape),
      typing_timer_(timers),
      delay_timer_(timers) {}

void AtInterpreter::on_input(std::string_view bytes) {
  if (backlog_.empty() && state_ != State::Pending && !feeding_) return process(bytes);
  backlog_.append(bytes);
  if (backlog_.size() > options_.input_backlog_limit) pause_input(kPauseBacklog);
}

void AtInterpreter::drain_backlog() {
  while (!backlog_.empty() && state_ != State::Pending && !feeding_) {
    std::string chunk;
    chunk.swap(backlog_);
    process(chunk);
  }
  if (backlog_.size() <= options_.input_backlog_limit / 2) resume_input(kPauseBacklog);
}

void AtInterpreter::update_typing_hold() {
  if (assembler_.mode() == LineAssembler::Mode::Command && assembler_.mid_line()) {
    responder_.set_hold(Responder::kTyping, true);
    typing_timer_.start(options_.typing_hold,
                        [this] { responder_.set_hold(Responder::kTyping, false); });
  } else if (responder_.held_for(Responder::kTyping)) {
    typing_timer_.cancel();
    responder_.set_hold(Responder::kTyping, false);
  }
}

void AtInterpreter::on_line(LineKind kind, std::string_view body) {
  responder_.set_hold(Responder::kExecuting, true);
  typing_timer_.cancel();
  responder_.set_hold(Responder::kTyping, false);
  switch (kind) {
    case LineKind::NotAt:
    case LineKind::TooLong:
      finish(Final::error());
      return;
    case LineKind::Repeat:
      if (!have_last_) {
        finish(Final::ok());
        return;
      }
      run_line(std::string(last_body_));
      return;
    case LineKind::Command:
      // `body` lives in the assembler, which handlers may reset: it is copied before they run.
      have_last_ = true;
      if (body.empty() && observers_.empty()) {  // a bare "AT", the commonest line of all
        last_body_.clear();
        finish(kOk);
        return;
      }
      last_body_.assign(body);
      run_line(last_body_);
      return;
  }
}

void AtInterpreter::run_line(std::string_view body) {
  for (const auto& observe : observers_) observe(body);
  if (body.empty()) {  // a bare "AT"
    finish(kOk);
    return;
  }
  if (!parse_command_line(body, line_)) {
    finish(Final::error());
    return;
  }
  next_cmd_ = 0;
  continue_line();
}

void AtInterpreter::continue_line() {
  while (next_cmd_ < line_.size()) {
    // Taken, not copied: a command is dispatched once ("A/" parses the line again).
    const AtCommand cmd = std::move(line_[next_cmd_++]);
    state_ = State::Running;
    if (!result_observers_.empty()) current_ = cmd;
    CommandContext ctx(*this, cmd);
    std::optional<Outcome> outcome;
    if (dispatcher_) outcome = dispatcher_->dispatch(ctx);
    if (!outcome) {
      for (const auto& observe : result_observers_) observe(cmd, Final::error());
      finish(Final::error());
      return;
    }
    if (!apply(*outcome)) return;
  }
  finish(kOk);
}

// Returns true when the line should go on with its next command.
bool AtInterpreter::apply(const Outcome& outcome) {
  switch (outcome.kind()) {
    case Outcome::Kind::Final: {
      const Final& f = outcome.final();
      for (const auto& observe : result_observers_) observe(current_, f);
      const bool last = next_cmd_ >= line_.size() || in_data_mode();
      if (f.is_error() || last) {
        finish(f);
        return false;
      }
      if (f.kind() == Final::Kind::Text) responder_.final(f);
      return true;
    }
    case Outcome::Kind::Pending:
      if (early_final_) {
        const Final f = std::move(*early_final_);
        early_final_.reset();
        pending_ticket_ = 0;
        return apply(Outcome(f));
      }
      state_ = State::Pending;
      assembler_.stop();
      return false;
    case Outcome::Kind::Window:
      // A command that opens a data window ends the line; the rest is discarded (OQ-3).
      line_.clear();
      next_cmd_ = 0;
      state_ = State::Window;
      responder_.set_hold(Responder::kWindow, true);
      return false;
  }
  return false;
}

void AtInterpreter::finish(const Final& result) {
  line_.clear();
  next_cmd_ = 0;
  if (options_.response_delay > core::Duration::zero() && result.kind() != Final::Kind::None) {
    state_ = State::Pending;
    assembler_.stop();
    delay_timer_.start(options_.response_delay, [this, result] {
      emit_final(result);
      drain_backlog();
    });
    return;
  }
  emit_final(result);
}

void AtInterpreter::emit_final(const Final& result) {
  responder_.final(result);
  state_ = State::Idle;
  responder_.set_hold(Responder::kWindow, false);
  responder_.set_hold(Responder::kExecuting, false);
  if (idle_waiter_) std::exchange(idle_waiter_, nullptr)();
}

void AtInterpreter::when_idle(std::function<void()> fn) {
  if (fn && state_ == State::Idle) return fn();
  idle_waiter_ = std::move(fn);
}

Deferred AtInterpreter::make_deferred() {
  pending_ticket_ = ++ticket_;
  return Deferred(this, pending_ticket_);
}

bool AtInterpreter::deferred_active(std::uint64_t ticket) const {
  return ticket != 0 && ticket == pending_ticket_;
}

void AtInterpreter::deferred_finish(std::uint64_t ticket, const Final& result) {
  if (!deferred_active(ticket)) return;
  if (state_ == State::Running) {  // finished before the handler even returned
    early_final_ = result;
    return;
  }
  pending_ticket_ = 0;
  if (apply(Outcome(result))) continue_line();
  drain_backlog();
}

Outcome AtInterpreter::begin_window(const WindowSpec& spec, WindowHandler handler) {
  window_handler_ = std::move(handler);
  assembler_.begin_window(spec);
  return Outcome::window();
}

void AtInterpreter::on_window_done(WindowEnd end, std::string data) {
  responder_.set_hold(Responder::kWindow, false);
  auto handler = std::move(window_handler_);
  window_handler_ = nullptr;
  state_ = State::Running;
  const Outcome outcome = handler ? handler(end, std::move(data)) : Outcome(Final::ok());
  line_.clear();
  next_cmd_ = 0;
  apply(outcome);
}

void AtInterpreter::end_window() {
  if (state_ != State::Window) return;
  std::string data = assembler_.force_end_window();
  feeding_ = true;  // the handler may finish synchronously; drain once it returns
  on_window_done(WindowEnd::Forced, std::move(data));
  feeding_ = false;
  drain_backlog();
}

Outcome AtInterpreter::connect_data_mode(DataModeSink& sink) {
  enter_data_mode(sink);
  return Final::code(ResultCode::Connect);
}

void AtInterpreter::enter_data_mode(DataModeSink& sink, std::string_view announce) {
  data_sink_ = &sink;
  assembler_.enter_transparent();
  escape_.reset();
  responder_.set_hold(Responder::kDataMode, true);
  if (!announce.empty()) responder_.urgent(announce);
}

void AtInterpreter::leave_data_mode(std::string_view urgent_line) {
  if (!data_sink_) return;
  data_sink_ = nullptr;
  escape_.reset();
  assembler_.enter_command();
  resume_input(kPauseUplink);
  if (!urgent_line.empty()) responder_.urgent(urgent_line);
  responder_.set_hold(Responder::kDataMode, false);
}

void AtInterpreter::on_data(std::string_view bytes) {
  escape_.feed(bytes);
}

void AtInterpreter::on_escape() {
  DataModeSink* sink = data_sink_;
  if (!sink) return;
  data_sink_ = nullptr;
  assembler_.enter_command();
  resume_input(kPauseUplink);
  responder_.final(Final::ok());
  responder_.set_hold(Responder::kDataMode, false);
  sink->on_escape();
}

void AtInterpreter::pause_input(InputPause reason) {
  const bool was = paused_ != 0;
  paused_ |= reason;
  if (!was) channel_.pause_input();
}

void AtInterpreter::resume_input(InputPause reason) {
  if ((paused_ & reason) == 0) return;
  paused_ &= ~static_cast<unsigned>(reason);
  if (paused_ == 0) channel_.resume_input();
}

void AtInterpreter::reset() {
  typing_timer_.cancel();
  delay_timer_.cancel();
  escape_.reset();
  assembler_.reset();
  data_sink_ = nullptr;
  window_handler_ = nullptr;
  idle_waiter_ = nullptr;
  line_.clear();
  next_cmd_ = 0;
  have_last_ = false;
  pending_ticket_ = 0;
  early_final_.reset();
  backlog_.clear();
  state_ = State::Idle;
  responder_.discard_held();
  for (auto h :
       {Responder::kTyping, Responder::kExecuting, Responder::kWindow, Responder::kDataMode}) {
    responder_.set_hold(h, false);
  }
  resume_input(kPauseBacklog);
  resume_input(kPauseUplink);
}

void AtInterpreter::abort_command() {
  feeding_ = false;
  typing_timer_.cancel();
  delay_timer_.cancel();
  responder_.set_hold(Responder::kTyping, false);
  // A command line was being executed (kExecuting is set from its last byte to its result).
  const bool in_command = state_ != State::Idle || responder_.held_for(Responder::kExecuting);
  line_.clear();
  next_cmd_ = 0;
  pending_ticket_ = 0;
  early_final_.reset();
  window_handler_ = nullptr;
  if (in_command) {
    if (!data_sink_) assembler_.reset();  // the line or window it failed in is gone
    emit_final(Final::error());
  }
  // Not now: the failure's caller may be anywhere; the kept input runs as a fresh event.
  delay_timer_.start(core::Duration::zero(), [this] { drain_backlog(); });
}

// --- CommandContext / Deferred ---

const std::optional<AtArgs>& CommandContext::args() {
  if (!args_parsed_) {
    args_ = AtArgs::parse(cmd_.args);
    args_parsed_ = true;
  }
  return args_;
}

void CommandContext::info(std::string_view line) {
  interp_.responder().info(line);
}
void CommandContext::info_lines(const std::vector<std::string>& lines) {
  interp_.responder().info_lines(lines);
}
void CommandContext::raw(std::string_view bytes) {
  interp_.responder().raw(bytes);
}
void CommandContext::prompt(std::string_view bytes) {
  interp_.responder().prompt(bytes);
}
void CommandContext::prompt_line(std::string_view line) {
  interp_.responder().prompt_line(line);
}
void CommandContext::emit_final(const Final& result) {
  interp_.responder().final(result);
}
Deferred CommandContext::defer() {
  return interp_.make_deferred();
}
Outcome CommandContext::open_window(const WindowSpec& spec, WindowHandler handler) {
  return interp_.begin_window(spec, std::move(handler));
}
Outcome CommandContext::connect_data_mode(DataModeSink& sink) {
  return interp_.connect_data_mode(sink);
}
AtSettings& CommandContext::settings() {
  return interp_.settings();
}

void Deferred::info(std::string_view line) const {
  if (active()) interp_->responder().info(line);
}
void Deferred::info_lines(const std::vector<std::string>& lines) const {
  if (active()) interp_->responder().info_lines(lines);
}
void Deferred::raw(std::string_view bytes) const {
  if (active()) interp_->responder().raw(bytes);
}
void Deferred::finish(const Final& result) const {
  if (interp_) interp_->deferred_finish(ticket_, result);
}
bool Deferred::active() const {
  return interp_ && interp_->deferred_active(ticket_);
}

}  // namespace cellemu::at
