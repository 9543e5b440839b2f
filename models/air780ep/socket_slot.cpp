#include "models/air780ep/socket_slot.h"

#include <algorithm>

namespace cellemu::models::air780ep {

SocketSlot::SocketSlot(SlotEvents& events, core::TimerService& timers, int id)
    : events_(events), id_(id), timer_(timers) {}

SocketSlot::~SocketSlot() {
  drop();
}

std::string SocketSlot::reported_ip() const {
  if (link_ && !link_->remote_ip().empty()) return link_->remote_ip();
  return host_;
}

void SocketSlot::begin(net::Protocol protocol, std::string host, std::uint16_t port) {
  clear();
  protocol_ = protocol;
  host_ = std::move(host);
  port_ = port;
  state_ = SlotState::Connecting;
}

void SocketSlot::attach(std::shared_ptr<net::Link> link, bool tls) {
  link_ = std::move(link);
  tls_ = tls;
  if (paused_ != 0) link_->pause_reading();
}

void SocketSlot::drop(bool abort) {
  timer_.cancel();
  if (!link_) return;
  link_->set_handler(nullptr);
  link_->close(abort);
}

void SocketSlot::clear() {
  drop();
  link_.reset();
  state_ = SlotState::Initial;
  tls_ = false;
  tx_bytes_ = 0;
  rx_.clear();
  rx_off_ = 0;
  notify_armed = true;
  paused_ = 0;
  close_waiter = {};
  send_waiter.reset();
}

std::uint64_t SocketSlot::acked_bytes() const {
  if (!link_) return 0;
  return std::min<std::uint64_t>(tx_bytes_, link_->bytes_acked());
}

std::string SocketSlot::take(std::size_t max) {
  const std::size_t n = std::min(max, buffered());
  std::string out = rx_.substr(rx_off_, n);
  rx_off_ += n;
  if (rx_off_ == rx_.size()) {
    rx_.clear();
    rx_off_ = 0;
  } else if (rx_off_ > rx_.size() / 2) {
    rx_.erase(0, rx_off_);
    rx_off_ = 0;
  }
  return out;
}

void SocketSlot::pause(unsigned reason) {
  paused_ |= reason;
  if (link_) link_->pause_reading();
}

void SocketSlot::resume(unsigned reason) {
  if ((paused_ & reason) == 0) return;
  paused_ &= ~reason;
  if (paused_ == 0 && link_) link_->resume_reading();
}

void SocketSlot::on_connected(net::Link& link) {
  if (current(link)) events_.slot_connected(*this);
}

void SocketSlot::on_connect_failed(net::Link& link, net::NetError error) {
  if (current(link)) events_.slot_connect_failed(*this, error);
}

void SocketSlot::on_data(net::Link& link, std::string_view chunk, const std::string& from_ip,
                         std::uint16_t from_port) {
  if (current(link)) events_.slot_data(*this, chunk, from_ip, from_port);
}

void SocketSlot::on_closed(net::Link& link, net::NetError reason) {
  if (current(link)) events_.slot_closed(*this, reason);
}

void SocketSlot::on_writable(net::Link& link) {
  if (current(link)) events_.slot_writable(*this);
}

void SocketSlot::on_nat_lost(net::Link& link) {
  if (current(link)) events_.slot_nat_lost(*this);
}

}  // namespace cellemu::models::air780ep
