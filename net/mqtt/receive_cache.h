#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "net/mqtt/client_types.h"

namespace cellemu::net::mqtt {

// The module's store for received messages in cache mode (AT+MQTTMSGSET=1): a few numbered
// slots. A message goes into the lowest free slot; with every slot taken it replaces the oldest
// message and takes its slot (app-protocols.md §3.4.9, OQ-A15). Reading takes every message,
// oldest first, and frees all slots. Bounded by its slot count.
class ReceiveCache {
 public:
  explicit ReceiveCache(std::size_t slots = 4);

  // Stores a message; returns the slot it went into.
  std::size_t store(Message message);
  // Every stored message, oldest first; the cache is empty afterwards.
  std::vector<Message> take_all();
  // Per slot: does it hold a message (AT+MQTTMSGGET? VALID/INVALID).
  std::vector<bool> occupied() const;
  std::size_t size() const;
  std::size_t slots() const { return slots_.size(); }
  void clear();

 private:
  struct Slot {
    bool used = false;
    std::uint64_t seq = 0;  // arrival order
    Message message;
  };
  std::vector<Slot> slots_;
  std::uint64_t next_seq_ = 1;
};

}  // namespace cellemu::net::mqtt
