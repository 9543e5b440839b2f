#include "models/common/drop_log.h"

namespace cellemu::models {
namespace {
constexpr core::Duration kWindow = std::chrono::seconds(1);
}  // namespace

DropLog::DropLog(core::TimerService& timers, Report report)
    : window_(timers), report_(std::move(report)) {}

void DropLog::record(std::size_t bytes) {
  ++datagrams_;
  bytes_ += bytes;
  if (window_.armed()) return;
  report();
  window_.start(kWindow, [this] { tick(); });
}

void DropLog::tick() {
  if (datagrams_ == 0) return;  // a quiet second: the burst is over
  report();
  window_.start(kWindow, [this] { tick(); });
}

void DropLog::flush() {
  window_.cancel();
  report();
}

void DropLog::report() {
  if (datagrams_ > 0) report_(datagrams_, bytes_);
  datagrams_ = 0;
  bytes_ = 0;
}

}  // namespace cellemu::models
