#include "emulator/port/channel_mux.h"

namespace cellemu::port {

ChannelMux::ChannelMux(std::vector<std::shared_ptr<core::ByteChannel>> members)
    : channels_(std::move(members)) {
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    members_.push_back(std::make_unique<Member>(*this, i));
  }
  paused_members_.assign(channels_.size(), false);
}

void ChannelMux::start(Listener& listener) {
  listener_ = &listener;
  for (std::size_t i = 0; i < channels_.size(); ++i) channels_[i]->start(*members_[i]);
}

void ChannelMux::write(std::string_view bytes) {
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (i == primary_ || channels_[i]->queued_output() <= kMirrorLimit) channels_[i]->write(bytes);
  }
}

std::size_t ChannelMux::queued_output() const {
  return channels_.empty() ? 0 : channels_[primary_]->queued_output();
}

void ChannelMux::pause_input() {
  paused_ = true;
  pause_member(primary_);
}

void ChannelMux::pause_member(std::size_t index) {
  if (index >= channels_.size() || paused_members_[index]) return;
  paused_members_[index] = true;
  channels_[index]->pause_input();
}

void ChannelMux::resume_input() {
  paused_ = false;
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (!paused_members_[i]) continue;
    paused_members_[i] = false;
    channels_[i]->resume_input();
  }
}

void ChannelMux::close() {
  listener_ = nullptr;
  for (auto& c : channels_) c->close();
}

std::string ChannelMux::describe() const {
  std::string out;
  for (const auto& c : channels_) {
    if (!out.empty()) out += ' ';
    out += c->describe();
  }
  return out;
}

void ChannelMux::on_member_input(std::size_t index, std::string_view bytes) {
  if (index != primary_) {
    // Whoever waits for the old primary's backlog to drain now follows the new one.
    const bool was_backed_up = queued_output() > low_water();
    primary_ = index;
    if (paused_) pause_member(index);  // this read is taken; the next waits like the others
    if (was_backed_up && queued_output() <= low_water() && listener_) {
      listener_->on_output_drained();
    }
  }
  if (listener_) listener_->on_input(bytes);
}

void ChannelMux::on_member_drained() {
  if (listener_ && queued_output() <= low_water()) listener_->on_output_drained();
}

}  // namespace cellemu::port
