#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulator/core/byte_channel.h"
#include "emulator/core/timer_service.h"
#include "emulator/port/trace_log.h"

namespace cellemu::port {

// A ByteChannel decorator that records every byte both ways in trace logs (--trace,
// --trace-json) and otherwise passes everything through unchanged. One entry per chunk: each
// input chunk as it arrives, and the output the modem writes while handling one event (echo,
// information text and result code) as one entry, like a serial tool shows one burst. The
// burst is closed by a zero-delay timer on the injected clock, or by the next input. Text
// traces follow an entry with a "# " line for each line its direction's annotator (if set)
// returns for it: the program decodes CMUX and PPP frames so (app::FrameAnnotator).
class TracingChannel final : public core::ByteChannel, private core::ByteChannel::Listener {
 public:
  using WallClock = std::function<TraceLog::WallTime()>;

  TracingChannel(std::shared_ptr<core::ByteChannel> inner, core::TimerService& timers,
                 std::string modem, std::vector<std::shared_ptr<TraceLog>> logs,
                 WallClock wall_clock);
  ~TracingChannel() override;

  void start(core::ByteChannel::Listener& listener) override;
  void write(std::string_view bytes) override;
  std::size_t queued_output() const override { return inner_->queued_output(); }
  void pause_input() override { inner_->pause_input(); }
  void resume_input() override { inner_->resume_input(); }
  void close() override;
  std::string describe() const override { return inner_->describe(); }

  // Reads each entry's bytes, one per direction, for the text traces' "# " lines.
  using Annotator = std::function<std::vector<std::string>(std::string_view bytes)>;
  void set_annotators(Annotator rx, Annotator tx);

  // Records the output burst now (normally done by the timer).
  void flush();

 private:
  void on_input(std::string_view bytes) override;
  void on_output_drained() override {
    if (listener_) listener_->on_output_drained();
  }
  void record(TraceLog::WallTime when, TraceDirection dir, std::string_view bytes);

  std::shared_ptr<core::ByteChannel> inner_;
  std::string modem_;
  std::vector<std::shared_ptr<TraceLog>> logs_;
  WallClock wall_clock_;
  core::ByteChannel::Listener* listener_ = nullptr;
  std::string burst_;
  TraceLog::WallTime burst_time_{};
  core::Timer flush_timer_;
  bool notes_ = false;  // a text trace is open: the annotators are read
  Annotator rx_annotator_;
  Annotator tx_annotator_;
};

}  // namespace cellemu::port
