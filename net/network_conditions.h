#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>

#include "emulator/core/clock.h"

namespace cellemu::net {

// What the radio link does to traffic, in user space (the kernel here has no netem).
struct Shaping {
  core::Duration delay{0};
  core::Duration jitter{0};
  double loss = 0.0;       // 0..1: UDP datagrams are dropped; on TCP a loss costs one retransmit
  std::uint64_t rate = 0;  // bytes per second each way; 0 = unlimited
  bool active() const { return delay.count() > 0 || jitter.count() > 0 || loss > 0 || rate > 0; }
};

// Carrier NAT: a mapping idle this long is dropped (S0 FAQ 3: ten minutes). Zero = never.
struct NatPolicy {
  core::Duration tcp_idle = std::chrono::minutes(10);
  core::Duration udp_idle = std::chrono::minutes(2);
};

enum class ConnectFault { None, Refuse, Timeout };

// The network as one modem sees it; shared by all its links and changed live by faults.
struct NetworkConditions {
  Shaping shaping;
  NatPolicy nat;
  ConnectFault connect_fault = ConnectFault::None;
  // Links are reset by the "peer" once this many bytes crossed them (both ways).
  std::optional<std::uint64_t> reset_after_bytes;
  std::mt19937 rng{12345};
  // Retransmission timeout charged to a TCP chunk that "was lost".
  core::Duration tcp_retransmit = std::chrono::seconds(1);
};

// The radio link's verdict on one chunk or packet: lost (with the configured probability).
bool shaping_loses(NetworkConditions& conditions);

// When a chunk of `bytes` entering one direction of the radio link `now` leaves it: after the
// delay (with jitter), after the chunk before it (`last`, updated: order is kept), after its
// own serialisation at the rate limit. `retransmit_if_lost`: a byte stream's chunk that "was
// lost" also waits for its retransmission (Links; PPP drops real packets instead).
core::TimePoint shaping_release_time(NetworkConditions& conditions, core::TimePoint now,
                                     std::size_t bytes, bool retransmit_if_lost,
                                     core::TimePoint& last);

}  // namespace cellemu::net
