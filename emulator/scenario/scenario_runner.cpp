#include "emulator/scenario/scenario_runner.h"

#include <cctype>

#include "emulator/control/fault_injector.h"
#include "emulator/core/logging.h"

namespace cellemu::scenario {
namespace {

// "AT+CIPSEND" matches the command line "AT+cipsend=0,5": the trigger without its "AT" prefix is
// compared case-insensitively with the start of the line's body.
bool matches(const std::string& trigger, std::string_view body) {
  std::string_view t = trigger;
  if (t.size() >= 2 && std::toupper(static_cast<unsigned char>(t[0])) == 'A' &&
      std::toupper(static_cast<unsigned char>(t[1])) == 'T') {
    t.remove_prefix(2);
  }
  if (body.size() < t.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(t[i])) !=
        std::toupper(static_cast<unsigned char>(body[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

ScenarioRunner::ScenarioRunner(session::ModemSession& modem, core::TimerService& timers,
                               Scenario scenario, int modem_index)
    : modem_(modem), timers_(timers) {
  for (auto& e : scenario.events) {
    if (!e.modem || *e.modem == modem_index) events_.push_back(std::move(e));
  }
  done_.assign(events_.size(), false);
}

void ScenarioRunner::start() {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (!events_[i].at) continue;
    auto timer = std::make_unique<core::Timer>(timers_);
    timer->start(*events_[i].at, [this, i] { fire(events_[i]); });
    timers_held_.push_back(std::move(timer));
  }
  modem_.at().add_line_observer([this, alive = alive_](std::string_view body) {
    if (*alive) on_line(body);
  });
}

void ScenarioRunner::on_line(std::string_view body) {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (events_[i].at || done_[i] || !matches(events_[i].after, body)) continue;
    done_[i] = true;
    auto timer = std::make_unique<core::Timer>(timers_);
    // Never inside the command that triggered it: its response goes out first.
    timer->start(events_[i].delay, [this, i] { fire(events_[i]); });
    timers_held_.push_back(std::move(timer));
  }
}

void ScenarioRunner::fire(const Event& event) {
  ++fired_;
  const auto result = control::apply_fault(modem_, event.command);
  auto log = core::logger("scenario");
  if (result.value("ok", false)) {
    log->info("{}: line {}: {}", modem_.name(), event.line, event.command.source);
  } else {
    log->warn("{}: line {}: {}: {}", modem_.name(), event.line, event.command.source,
              result.value("error", std::string()));
  }
}

}  // namespace cellemu::scenario
