#include "net/link.h"

#include <atomic>

#include "emulator/core/logging.h"

namespace cellemu::net {
namespace {
std::atomic<std::uint64_t> next_id{1};
// Downlink bytes held by shaping before the socket stops being read (backpressure).
constexpr std::size_t kShapedDownLimit = 256 * 1024;
}  // namespace

Link::Link(LinkSpec spec, LinkContext context)
    : spec_(std::move(spec)),
      ctx_(context),
      id_(next_id++),
      nat_timer_(context.timers),
      up_timer_(context.timers),
      down_timer_(context.timers) {}

Link::~Link() {
  if (!ctx_.journal || (bytes_sent_ == 0 && bytes_received_ == 0 && remote_ip_.empty())) return;
  const char* proto = spec_.protocol == Protocol::Tcp ? "TCP" : "UDP";
  const std::string& peer = remote_ip_.empty() ? spec_.host : remote_ip_;
  ctx_.journal->record(std::string(proto) + " " + peer + ":" + std::to_string(spec_.port),
                       bytes_sent_, bytes_received_);
}

void Link::release() {
  close(true);
  nat_timer_.cancel();
  up_timer_.cancel();
  down_timer_.cancel();
  up_q_.clear();
  down_q_.clear();
  handler_ = nullptr;
}

void Link::pause_reading() {
  paused_ = true;
}

void Link::resume_reading() {
  if (!paused_) return;
  paused_ = false;
  if (reading_allowed() && (state_ == LinkState::Connected || state_ == LinkState::Listening)) {
    start_reading();
  }
}

bool Link::send(std::string data) {
  if (!can_send()) return false;
  if (data.empty()) return true;
  if (nat_lost_) {  // accepted by the module, gone in the carrier network
    bytes_sent_ += data.size();
    writable_soon();
    return true;
  }
  touch();
  count_for_reset(data.size());
  if (!ctx_.conditions.shaping.active() && up_q_.empty()) return transmit(std::move(data));
  if (lost_to_shaping() && spec_.protocol == Protocol::Udp) {
    bytes_sent_ += data.size();
    writable_soon();
    return true;
  }
  const core::TimePoint at = release_time(data.size(), up_last_);
  shaped_up_bytes_ += data.size();
  up_q_.push_back({at, std::move(data), {}, 0, false});
  if (!up_timer_.armed()) up_timer_.start(at - ctx_.timers.now(), [this] { release_up(); });
  return true;
}

bool Link::send_to(std::string data, const std::string& ip, std::uint16_t port) {
  if (state_ == LinkState::Closed) return false;
  if (!ctx_.conditions.shaping.active() && up_q_.empty()) {
    return transmit_to(std::move(data), ip, port);
  }
  if (lost_to_shaping()) {
    writable_soon();
    return true;
  }
  const core::TimePoint at = release_time(data.size(), up_last_);
  shaped_up_bytes_ += data.size();
  up_q_.push_back({at, std::move(data), ip, port, true});
  if (!up_timer_.armed()) up_timer_.start(at - ctx_.timers.now(), [this] { release_up(); });
  return true;
}

void Link::release_up() {
  const core::TimePoint now = ctx_.timers.now();
  auto self = shared_from_this();
  while (!up_q_.empty() && up_q_.front().at <= now && state_ != LinkState::Closed) {
    Shaped item = std::move(up_q_.front());
    up_q_.pop_front();
    shaped_up_bytes_ -= item.data.size();
    if (item.addressed) {
      transmit_to(std::move(item.data), item.ip, item.port);
    } else {
      transmit(std::move(item.data));
    }
  }
  if (state_ == LinkState::Closed) {
    up_q_.clear();
    shaped_up_bytes_ = 0;
    return;
  }
  if (!up_q_.empty()) {
    up_timer_.start(up_q_.front().at - now, [this] { release_up(); });
  } else if (handler_) {
    notify([&] { handler_->on_writable(*this); });
  }
}

void Link::writable_soon() {
  ctx_.timers.schedule(core::Duration::zero(), [weak = weak_from_this()] {
    auto self = weak.lock();
    if (self && self->handler_ && self->state_ != LinkState::Closed) {
      self->notify([&] { self->handler_->on_writable(*self); });
    }
  });
}

void Link::deliver(std::string_view bytes, const std::string& from_ip, std::uint16_t from_port) {
  bytes_received_ += bytes.size();
  if (nat_lost_) return;  // the carrier drops what comes for a mapping it no longer has
  touch();
  count_for_reset(bytes.size());
  if (!ctx_.conditions.shaping.active() && down_q_.empty()) {
    hand_out(bytes, from_ip, from_port);
    return;
  }
  if (lost_to_shaping() && spec_.protocol == Protocol::Udp) return;
  const core::TimePoint at = release_time(bytes.size(), down_last_);
  shaped_down_bytes_ += bytes.size();
  down_q_.push_back({at, std::string(bytes), from_ip, from_port, true});
  if (shaped_down_bytes_ > kShapedDownLimit) shaping_paused_ = true;
  if (!down_timer_.armed()) down_timer_.start(at - ctx_.timers.now(), [this] { release_down(); });
}

void Link::release_down() {
  const core::TimePoint now = ctx_.timers.now();
  auto self = shared_from_this();
  while (!down_q_.empty() && down_q_.front().at <= now && state_ != LinkState::Closed) {
    Shaped item = std::move(down_q_.front());
    down_q_.pop_front();
    shaped_down_bytes_ -= item.data.size();
    hand_out(item.data, item.ip, item.port);
  }
  if (state_ == LinkState::Closed) {
    down_q_.clear();
    shaped_down_bytes_ = 0;
    return;
  }
  if (!down_q_.empty()) down_timer_.start(down_q_.front().at - now, [this] { release_down(); });
  if (shaping_paused_ && shaped_down_bytes_ < kShapedDownLimit / 2) {
    shaping_paused_ = false;
    if (reading_allowed()) start_reading();
  }
}

void Link::hand_out(std::string_view bytes, const std::string& from_ip, std::uint16_t from_port) {
  // A handler may close the link (or pause it) from inside on_data; stop handing out chunks then.
  auto self = shared_from_this();
  while (!bytes.empty() && handler_ && state_ != LinkState::Closed) {
    const std::size_t n = std::min(bytes.size(), chunk_);
    notify([&] { handler_->on_data(*this, bytes.substr(0, n), from_ip, from_port); });
    bytes.remove_prefix(n);
  }
}

bool Link::lost_to_shaping() {
  return shaping_loses(ctx_.conditions);
}

core::TimePoint Link::release_time(std::size_t bytes, core::TimePoint& last) {
  return shaping_release_time(ctx_.conditions, ctx_.timers.now(), bytes,
                              spec_.protocol == Protocol::Tcp, last);
}

void Link::started() {
  last_activity_ = ctx_.timers.now();
  nat_lost_ = false;
  const core::Duration idle = nat_idle();
  if (idle.count() > 0) nat_timer_.start(idle, [this] { check_nat(); });
}

void Link::touch() {
  last_activity_ = ctx_.timers.now();
}

core::Duration Link::nat_idle() const {
  return spec_.protocol == Protocol::Tcp ? ctx_.conditions.nat.tcp_idle
                                         : ctx_.conditions.nat.udp_idle;
}

void Link::check_nat() {
  const core::Duration idle = nat_idle();
  if (idle.count() <= 0 || state_ != LinkState::Connected) return;
  const core::TimePoint now = ctx_.timers.now();
  // Keepalive probes more frequent than the NAT timeout count as traffic (S0 FAQ 3 remedy a).
  if (keepalive_ && keepalive_idle_ < idle) last_activity_ = now;
  const core::Duration quiet = now - last_activity_;
  if (quiet >= idle) {
    core::logger("net")->info(
        "link {}: carrier NAT dropped the idle mapping after {} s; traffic is now silently lost",
        id_, std::chrono::duration_cast<std::chrono::seconds>(quiet).count());
    lose_mapping();
    return;
  }
  nat_timer_.start(idle - quiet, [this] { check_nat(); });
}

void Link::nat_policy_changed() {
  if (state_ != LinkState::Connected || nat_lost_) return;
  nat_timer_.cancel();
  check_nat();
}

void Link::blackhole() {
  if (state_ != LinkState::Connected || nat_lost_) return;
  lose_mapping();
}

void Link::lose_mapping() {
  nat_lost_ = true;
  nat_timer_.cancel();
  notify([&] { handler_->on_nat_lost(*this); });
}

void Link::set_keepalive(bool on, int idle_s, int interval_s, int count) {
  keepalive_ = on;
  keepalive_idle_ = std::chrono::seconds(idle_s);
  // The kernel times the probes in real seconds: scale the module's emulated ones.
  const double scale = ctx_.timers.scale();
  auto real = [scale](int s) { return std::max(1, static_cast<int>(s / scale + 0.5)); };
  apply_keepalive(on, real(idle_s), real(interval_s), count);
}

void Link::count_for_reset(std::size_t bytes) {
  crossed_ += bytes;
  const auto& limit = ctx_.conditions.reset_after_bytes;
  if (!limit || crossed_ < *limit || state_ != LinkState::Connected) return;
  // After the current exchange (the send result goes out first), the peer resets.
  ctx_.timers.schedule(core::Duration::zero(), [weak = weak_from_this()] {
    if (auto self = weak.lock(); self && self->state_ == LinkState::Connected) {
      self->fail(NetError::PeerReset);
    }
  });
}

void Link::report_closed(NetError reason) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  nat_timer_.cancel();
  notify([&] { handler_->on_closed(*this, reason); });
}

void Link::report_connect_failed(NetError reason) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  notify([&] { handler_->on_connect_failed(*this, reason); });
}

}  // namespace cellemu::net
