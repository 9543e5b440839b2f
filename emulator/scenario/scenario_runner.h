#pragma once

#include <memory>
#include <vector>

#include "emulator/core/timer_service.h"
#include "emulator/scenario/scenario.h"
#include "emulator/session/modem_session.h"

namespace cellemu::scenario {

// Plays a scenario on one modem, on that modem's thread and clock: "at" events from start(),
// "after" events once the host sends a matching command line (each fires once).
class ScenarioRunner {
 public:
  ScenarioRunner(session::ModemSession& modem, core::TimerService& timers, Scenario scenario,
                 int modem_index);
  ~ScenarioRunner() { *alive_ = false; }
  ScenarioRunner(const ScenarioRunner&) = delete;
  ScenarioRunner& operator=(const ScenarioRunner&) = delete;
  void start();
  std::size_t fired() const { return fired_; }

 private:
  void on_line(std::string_view body);
  void fire(const Event& event);

  session::ModemSession& modem_;
  core::TimerService& timers_;
  std::vector<Event> events_;
  std::vector<bool> done_;
  std::vector<std::unique_ptr<core::Timer>> timers_held_;
  std::size_t fired_ = 0;
  // The interpreter keeps the line observer; it must not call into a destroyed runner.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace cellemu::scenario
