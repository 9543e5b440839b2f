#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "emulator/core/byte_channel.h"
#include "emulator/core/timer_service.h"

namespace cellemu::port {

// A ByteChannel decorator that makes the line as slow as a real UART (--baud): each byte takes
// 10 bit times (start, 8 data, stop) in each direction. Output the modem writes is released to
// the host as the bytes would finish arriving; input is handed to the modem as it would finish
// being received. Default (no decorator) is unpaced.
//
// Timing uses the injected clock but counts in real time: with --time-scale X the emulated
// clock runs X times faster, so a byte time is multiplied by X to stay one real byte time.
// Bytes are released in small batches (at least every kMinTick of real time) while the cumulative
// schedule stays exact, so there is no drift however long the transfer.
class PacedChannel final : public core::ByteChannel, private core::ByteChannel::Listener {
 public:
  // The baud rate to use now; nullopt or 0 means unpaced. Asked when a burst starts in either
  // direction, so a rate the host sets (--baud auto) applies from its next burst on.
  using RateSource = std::function<std::optional<unsigned>()>;

  static constexpr auto kMinTick = std::chrono::milliseconds(2);
  // Input held beyond this stops reading the front end (the host's writes then block).
  static constexpr std::size_t kInputLimit = 4096;

  PacedChannel(std::shared_ptr<core::ByteChannel> inner, core::TimerService& timers,
               RateSource rate, double time_scale = 1.0);

  // A fixed rate.
  static RateSource fixed(unsigned baud) {
    return [baud]() -> std::optional<unsigned> { return baud; };
  }

  void start(core::ByteChannel::Listener& listener) override;
  void write(std::string_view bytes) override;
  std::size_t queued_output() const override;
  void pause_input() override;
  void resume_input() override;
  void close() override;
  std::string describe() const override { return inner_->describe(); }

 private:
  // One direction of the line. A burst starts when bytes arrive on an idle line; byte k of the
  // burst (1-based) has crossed it at start + k byte times, computed from the start each time.
  struct Lane {
    std::string queue;
    std::size_t offset = 0;
    core::TimePoint start{};
    std::uint64_t released = 0;  // bytes of this burst already passed on
    unsigned baud = 0;           // 0: unpaced
    core::Timer timer;
    explicit Lane(core::TimerService& timers) : timer(timers) {}
    std::size_t waiting() const { return queue.size() - offset; }
  };

  void on_input(std::string_view bytes) override;
  void on_output_drained() override;
  unsigned current_baud() const;
  core::Duration burst_time(const Lane& lane, std::uint64_t bytes) const;
  void begin_burst(Lane& lane);
  // Takes the bytes that have finished crossing the line by now.
  std::string_view take_due(Lane& lane);
  void arm(Lane& lane, void (PacedChannel::*tick)());
  void on_out_tick();
  void on_in_tick();
  void check_drained();
  void update_input_pause();

  std::shared_ptr<core::ByteChannel> inner_;
  core::TimerService& timers_;
  RateSource rate_;
  double time_scale_;
  core::ByteChannel::Listener* listener_ = nullptr;
  Lane out_;
  Lane in_;
  bool above_low_water_ = false;
  bool paused_by_host_ = false;  // the modem asked for no more input
  bool inner_paused_ = false;
};

}  // namespace cellemu::port
