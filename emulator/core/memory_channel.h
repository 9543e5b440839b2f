#pragma once

#include <string>

#include "emulator/core/byte_channel.h"

namespace cellemu::core {

// In-memory serial line for unit and transcript tests and fuzzers: the test plays the host.
class MemoryChannel final : public ByteChannel {
 public:
  void start(Listener& listener) override { listener_ = &listener; }
  void write(std::string_view bytes) override { output_.append(bytes); }
  std::size_t queued_output() const override { return held_ ? output_.size() : 0; }
  void pause_input() override { paused_ = true; }
  void resume_input() override { paused_ = false; }
  void close() override { closed_ = true; }
  std::string describe() const override { return "memory"; }

  // Host side.
  void host_send(std::string_view bytes);
  std::string take_output();
  const std::string& output() const { return output_; }
  bool input_paused() const { return paused_; }
  bool closed() const { return closed_; }
  // While held, output counts as queued (a host that does not read); release() drains it.
  void hold_output(bool held);

 private:
  Listener* listener_ = nullptr;
  std::string output_;
  bool paused_ = false;
  bool closed_ = false;
  bool held_ = false;
};

}  // namespace cellemu::core
