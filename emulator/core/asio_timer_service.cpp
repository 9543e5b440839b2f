#include "emulator/core/asio_timer_service.h"

#include <algorithm>

namespace cellemu::core {

AsioTimerService::AsioTimerService(boost::asio::io_context& io, double scale)
    : timer_(io), start_(SteadyClock::now()), scale_(scale > 0 ? scale : 1.0) {}

TimePoint AsioTimerService::now() const {
  const auto real = SteadyClock::now() - start_;
  return TimePoint(Duration(static_cast<Duration::rep>(
      static_cast<double>(std::chrono::duration_cast<Duration>(real).count()) * scale_)));
}

AsioTimerService::SteadyClock::time_point AsioTimerService::to_real(TimePoint at) const {
  // Deadlines beyond about 127 years (AT+FSWRITE takes up to 2^32 s, more under a slow time
  // scale) are kept there instead of overflowing the real clock.
  constexpr double kFarthest = 4.0e18;
  const double ns =
      std::min(static_cast<double>(at.time_since_epoch().count()) / scale_, kFarthest);
  return start_ + std::chrono::nanoseconds(static_cast<std::int64_t>(ns));
}

TimerId AsioTimerService::schedule_at(TimePoint at, Callback cb) {
  TimerId id = queue_.add(at, std::move(cb));
  if (!armed_for_ || at < *armed_for_) rearm();
  return id;
}

void AsioTimerService::cancel(TimerId id) {
  queue_.remove(id);
}

void AsioTimerService::rearm() {
  auto next = queue_.earliest();
  armed_for_ = next;
  if (!next) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(to_real(*next));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec != boost::asio::error::operation_aborted) on_expiry();
  });
}

void AsioTimerService::on_expiry() {
  armed_for_.reset();
  const TimePoint limit = now();
  // Fire only what was due when we woke; callbacks scheduling zero-delay work run next round.
  while (auto due = queue_.pop_due(limit)) due->second();
  if (!armed_for_) rearm();
}

}  // namespace cellemu::core
