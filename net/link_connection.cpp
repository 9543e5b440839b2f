#include "net/link_connection.h"

namespace cellemu::net {

LinkConnection::~LinkConnection() {
  close(false);
}

void LinkConnection::open(const Endpoint& to, const OpenOptions& options,
                          ConnectionEvents& events) {
  close(false);
  events_ = &events;
  secure_ = options.tls != nullptr;
  link_ = sockets_.open({Protocol::Tcp, to.host, to.port, 0}, *this, options);
  if (paused_) link_->pause_reading();
}

bool LinkConnection::send(std::string bytes) {
  return link_ && events_ && link_->send(std::move(bytes));
}

void LinkConnection::close(bool abort) {
  events_ = nullptr;
  if (!link_) return;
  // The link may outlive this object (pending I/O holds it): it must not call back.
  link_->set_handler(nullptr);
  link_->close(abort);
}

void LinkConnection::pause_reading() {
  paused_ = true;
  if (link_) link_->pause_reading();
}

void LinkConnection::resume_reading() {
  paused_ = false;
  if (link_) link_->resume_reading();
}

bool LinkConnection::connected() const {
  return link_ && events_ && link_->state() == LinkState::Connected;
}

std::size_t LinkConnection::send_backlog() const {
  return link_ ? link_->send_backlog() : 0;
}

std::string LinkConnection::failure_detail() const {
  return link_ ? link_->failure_detail() : std::string();
}

void LinkConnection::on_connected(Link& link) {
  if (current(link)) events_->on_connected();
}

void LinkConnection::on_connect_failed(Link& link, NetError error) {
  if (!current(link)) return;
  ConnectionEvents* events = std::exchange(events_, nullptr);
  events->on_connect_failed(error);
}

void LinkConnection::on_data(Link& link, std::string_view chunk, const std::string&,
                             std::uint16_t) {
  if (current(link)) events_->on_data(chunk);
}

void LinkConnection::on_closed(Link& link, NetError reason) {
  if (!current(link)) return;
  ConnectionEvents* events = std::exchange(events_, nullptr);
  events->on_closed(reason);
}

void LinkConnection::on_writable(Link& link) {
  if (current(link)) events_->on_writable();
}

void LinkConnection::on_nat_lost(Link& link) {
  if (current(link)) events_->on_nat_lost();
}

}  // namespace cellemu::net
