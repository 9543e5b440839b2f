#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>

#include "emulator/core/timer_service.h"
#include "net/network_conditions.h"

namespace cellemu::net::ppp {

// One direction of the radio bearer under a PPP call: IP packets are delayed, jittered, rate
// limited and lost per `net delay|jitter|loss|rate` (the same NetworkConditions and timing rules
// as the module's own sockets). Loss drops the packet: TCP at both ends retransmits for real.
// The queue is bounded; packets beyond it are dropped as a full radio buffer would.
class PacketShaper {
 public:
  using Deliver = std::function<void(std::string packet)>;

  PacketShaper(core::TimerService& timers, NetworkConditions& conditions, std::size_t max_queued,
               Deliver deliver);

  void push(std::string packet);
  std::size_t queued_bytes() const { return queued_bytes_; }
  std::uint64_t dropped() const { return dropped_; }
  void clear();

 private:
  struct Item {
    core::TimePoint at;
    std::string packet;
  };
  void release();

  core::TimerService& timers_;
  NetworkConditions& conditions_;
  std::size_t max_queued_;
  Deliver deliver_;
  std::deque<Item> queue_;
  std::size_t queued_bytes_ = 0;
  std::uint64_t dropped_ = 0;
  core::TimePoint last_{};
  core::Timer timer_;
};

}  // namespace cellemu::net::ppp
