#pragma once

#include <string>

#include "emulator/core/byte_channel.h"

namespace cellemu::port {

// Where an AT interpreter writes when its line can change under it: the physical line, a CMUX
// DLCI while the port is multiplexed, or nowhere (a DLCI not open: output is dropped, as a
// module's output on a closed channel is). Input does not pass through it: its owner feeds the
// interpreter. Pausing input is forwarded to the current target and re-applied on a change.
class RoutedChannel final : public core::ByteChannel {
 public:
  explicit RoutedChannel(core::ByteChannel* target) : target_(target) {}

  void route_to(core::ByteChannel* target) {
    if (target_ == target) return;
    if (target_ && paused_) target_->resume_input();
    target_ = target;
    if (target_ && paused_) target_->pause_input();
  }
  core::ByteChannel* target() const { return target_; }

  void start(Listener&) override {}
  void write(std::string_view bytes) override {
    if (target_) target_->write(bytes);
  }
  std::size_t queued_output() const override { return target_ ? target_->queued_output() : 0; }
  void pause_input() override {
    paused_ = true;
    if (target_) target_->pause_input();
  }
  void resume_input() override {
    paused_ = false;
    if (target_) target_->resume_input();
  }
  void close() override {}
  std::string describe() const override { return target_ ? target_->describe() : "(closed)"; }

 private:
  core::ByteChannel* target_;
  bool paused_ = false;
};

}  // namespace cellemu::port
