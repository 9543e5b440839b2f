// A Connection driven by the fuzz input instead of a socket: what the engine sends is recorded,
// what the "peer" sends comes from the fuzzer.
#pragma once

#include <string>

#include "net/connection.h"

namespace cellemu::fuzz {

class FakeConnection final : public net::Connection {
 public:
  void open(const net::Endpoint& to, const net::OpenOptions& options,
            net::ConnectionEvents& events) override {
    events_ = &events;
    endpoint = to;
    secure_ = options.tls != nullptr;
    connected_ = false;
    ++opens;
  }
  bool send(std::string bytes) override {
    if (!connected_) return false;
    sent += bytes;
    return true;
  }
  void close(bool) override {
    events_ = nullptr;
    connected_ = false;
  }
  void pause_reading() override { paused = true; }
  void resume_reading() override { paused = false; }
  bool connected() const override { return connected_; }
  std::size_t send_backlog() const override { return backlog; }
  bool secure() const override { return secure_; }

  // The peer's side.
  bool open_pending() const { return events_ != nullptr && !connected_; }
  void accept() {
    if (!events_ || connected_) return;
    connected_ = true;
    events_->on_connected();
  }
  void refuse(net::NetError e) {
    if (auto* ev = std::exchange(events_, nullptr)) ev->on_connect_failed(e);
  }
  void deliver(std::string_view bytes) {
    if (events_ && connected_) events_->on_data(bytes);
  }
  void hang_up(net::NetError e) {
    if (!connected_) return;
    connected_ = false;
    if (auto* ev = std::exchange(events_, nullptr)) ev->on_closed(e);
  }
  void writable() {
    if (events_ && connected_) events_->on_writable();
  }

  net::Endpoint endpoint;
  std::string sent;
  std::size_t backlog = 0;
  int opens = 0;
  bool paused = false;

 private:
  net::ConnectionEvents* events_ = nullptr;
  bool connected_ = false;
  bool secure_ = false;
};

}  // namespace cellemu::fuzz
