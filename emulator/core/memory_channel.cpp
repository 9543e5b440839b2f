#include "emulator/core/memory_channel.h"

namespace cellemu::core {

void MemoryChannel::host_send(std::string_view bytes) {
  if (listener_) listener_->on_input(bytes);
}

std::string MemoryChannel::take_output() {
  std::string out;
  out.swap(output_);
  if (held_ && listener_) listener_->on_output_drained();
  return out;
}

void MemoryChannel::hold_output(bool held) {
  const bool was = held_;
  held_ = held;
  if (was && !held && listener_) listener_->on_output_drained();
}

}  // namespace cellemu::core
