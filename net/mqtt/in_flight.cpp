#include "net/mqtt/in_flight.h"

#include <algorithm>

namespace cellemu::net::mqtt {

std::optional<std::uint16_t> InFlight::allocate(Awaiting what) {
  if (outgoing_.size() >= std::min<std::size_t>(max_, 65535)) return std::nullopt;
  while (outgoing_.count(next_) != 0) next_ = next_ == 65535 ? 1 : next_ + 1;
  const std::uint16_t id = next_;
  next_ = next_ == 65535 ? 1 : next_ + 1;
  outgoing_.emplace(id, what);
  return id;
}

bool InFlight::acknowledge(std::uint16_t id, Awaiting got) {
  auto it = outgoing_.find(id);
  if (it == outgoing_.end() || it->second != got) return false;
  if (got == Awaiting::PubRec) {
    it->second = Awaiting::PubComp;
  } else {
    outgoing_.erase(it);
  }
  return true;
}

void InFlight::reset() {
  next_ = 1;
  outgoing_.clear();
  incoming_.clear();
}

}  // namespace cellemu::net::mqtt
