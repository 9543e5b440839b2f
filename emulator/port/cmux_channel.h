#pragma once

#include <cstdint>
#include <string>

#include "emulator/core/byte_channel.h"

namespace cellemu::port {

class CmuxMultiplexer;

// One DLCI of a CMUX multiplexer as a serial line of its own: an AT interpreter (or a PPP call)
// runs on it exactly as on the UART. Writes are queued per DLCI and sent as UIH frames of at
// most N1 octets, interleaved with the other DLCIs; queued_output() counts this DLCI's queue
// and the physical line's, so backpressure reaches every producer. Paused input is kept (up to
// a bound, then the physical line is paused) and delivered on resume. Once the DLCI is closed
// (DISC, CLD) the channel drops writes and delivers nothing.
class CmuxChannel final : public core::ByteChannel {
 public:
  CmuxChannel(CmuxMultiplexer& mux, std::uint8_t dlci) : mux_(&mux), dlci_(dlci) {}

  void start(Listener& listener) override;
  void write(std::string_view bytes) override;
  std::size_t queued_output() const override;
  void pause_input() override;
  void resume_input() override;
  // The module side lets go of the channel (its session stops): nothing more is delivered.
  void close() override { listener_ = nullptr; }
  std::string describe() const override { return description_; }

  std::uint8_t dlci() const { return dlci_; }
  bool open() const { return mux_ != nullptr; }

 private:
  friend class CmuxMultiplexer;
  void receive(std::string_view bytes);
  void deliver_pending();
  void drained();
  void detach() {
    mux_ = nullptr;
    out_.clear();
    out_pos_ = 0;
    in_.clear();
  }
  std::size_t pending_out() const { return out_.size() - out_pos_; }
  // The next `n` queued octets, taken off the queue.
  std::string take_out(std::size_t n);

  CmuxMultiplexer* mux_;
  std::uint8_t dlci_;
  std::string description_;
  Listener* listener_ = nullptr;
  std::string out_;  // out_[out_pos_, end) is not yet framed
  std::size_t out_pos_ = 0;
  std::string in_;  // received while paused or not started
  bool paused_ = false;
  bool above_low_water_ = false;
  bool delivering_ = false;
};

}  // namespace cellemu::port
