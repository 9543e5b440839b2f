#include "net/ppp/packet_shaper.h"

namespace cellemu::net::ppp {

PacketShaper::PacketShaper(core::TimerService& timers, NetworkConditions& conditions,
                           std::size_t max_queued, Deliver deliver)
    : timers_(timers),
      conditions_(conditions),
      max_queued_(max_queued),
      deliver_(std::move(deliver)),
      timer_(timers) {}

void PacketShaper::push(std::string packet) {
  if (!conditions_.shaping.active() && queue_.empty()) return deliver_(std::move(packet));
  if (shaping_loses(conditions_) || queued_bytes_ + packet.size() > max_queued_) {
    ++dropped_;
    return;
  }
  const core::TimePoint at =
      shaping_release_time(conditions_, timers_.now(), packet.size(), false, last_);
  queued_bytes_ += packet.size();
  queue_.push_back({at, std::move(packet)});
  if (!timer_.armed()) timer_.start(at - timers_.now(), [this] { release(); });
}

void PacketShaper::release() {
  const core::TimePoint now = timers_.now();
  while (!queue_.empty() && queue_.front().at <= now) {
    std::string packet = std::move(queue_.front().packet);
    queue_.pop_front();
    queued_bytes_ -= packet.size();
    deliver_(std::move(packet));
  }
  if (!queue_.empty()) timer_.start(queue_.front().at - now, [this] { release(); });
}

void PacketShaper::clear() {
  queue_.clear();
  queued_bytes_ = 0;
  timer_.cancel();
}

}  // namespace cellemu::net::ppp
