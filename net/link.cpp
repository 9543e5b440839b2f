#include "net/link.h"

#include <atomic>

namespace cellemu::net {
namespace {
std::atomic<std::uint64_t> next_id{1};
}

Link::Link(LinkSpec spec) : spec_(std::move(spec)), id_(next_id++) {}

void Link::pause_reading() {
  paused_ = true;
}

void Link::resume_reading() {
  if (!paused_) return;
  paused_ = false;
  if (state_ == LinkState::Connected || state_ == LinkState::Listening) start_reading();
}

void Link::deliver(std::string_view bytes, const std::string& from_ip, std::uint16_t from_port) {
  bytes_received_ += bytes.size();
  // A handler may close the link (or pause it) from inside on_data; stop handing out chunks then.
  auto self = shared_from_this();
  while (!bytes.empty() && handler_ && state_ != LinkState::Closed) {
    const std::size_t n = std::min(bytes.size(), chunk_);
    handler_->on_data(*this, bytes.substr(0, n), from_ip, from_port);
    bytes.remove_prefix(n);
  }
}

void Link::report_closed(NetError reason) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  if (handler_) handler_->on_closed(*this, reason);
}

void Link::report_connect_failed(NetError reason) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  if (handler_) handler_->on_connect_failed(*this, reason);
}

}  // namespace cellemu::net
