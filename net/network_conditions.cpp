#include "net/network_conditions.h"

#include <algorithm>

namespace cellemu::net {

bool shaping_loses(NetworkConditions& conditions) {
  const double loss = conditions.shaping.loss;
  if (loss <= 0) return false;
  return std::uniform_real_distribution<double>(0.0, 1.0)(conditions.rng) < loss;
}

core::TimePoint shaping_release_time(NetworkConditions& conditions, core::TimePoint now,
                                     std::size_t bytes, bool retransmit_if_lost,
                                     core::TimePoint& last) {
  const auto& s = conditions.shaping;
  core::Duration d = s.delay;
  if (s.jitter.count() > 0) {
    std::uniform_int_distribution<core::Duration::rep> j(-s.jitter.count(), s.jitter.count());
    d += core::Duration(j(conditions.rng));
    if (d.count() < 0) d = core::Duration::zero();
  }
  if (retransmit_if_lost && shaping_loses(conditions)) d += conditions.tcp_retransmit;
  core::TimePoint at = std::max(now + d, last);
  if (s.rate > 0) {
    at += std::chrono::duration_cast<core::Duration>(
        std::chrono::duration<double>(static_cast<double>(bytes) / static_cast<double>(s.rate)));
  }
  last = at;
  return at;
}

}  // namespace cellemu::net
