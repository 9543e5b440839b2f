#pragma once

#include <cstddef>
#include <deque>
#include <functional>

#include "emulator/core/timer_service.h"

namespace cellemu::net {

// Hands an engine's events to the model in arrival order, each no earlier than its own delay
// after it arrived: the module's processing time of the "real" timing profile
// (app-protocols.md §6). With zero delays and nothing waiting an event runs at once, inside
// post(). Holding more than `soft_limit` events reports pressure (the engine stops reading its
// connection) until the queue is half drained again, so the queue stays bounded.
class PacedEvents {
 public:
  using Event = std::function<void()>;
  PacedEvents(core::TimerService& timers, std::size_t soft_limit,
              std::function<void(bool)> on_pressure);

  void post(core::Duration delay, Event event);
  // Drops every waiting event (the session they belonged to ended).
  void clear();
  std::size_t size() const { return queue_.size(); }

 private:
  struct Item {
    core::TimePoint at;
    Event event;
  };
  void release();
  void update_pressure();

  core::TimerService& timers_;
  core::Timer timer_;
  std::size_t soft_limit_;
  std::function<void(bool)> on_pressure_;
  std::deque<Item> queue_;
  core::TimePoint last_{};
  bool pressure_ = false;
  bool releasing_ = false;
};

}  // namespace cellemu::net
