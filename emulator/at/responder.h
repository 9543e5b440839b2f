#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/at/at_settings.h"
#include "emulator/at/result.h"
#include "emulator/at/urc_timing.h"
#include "emulator/core/byte_channel.h"

namespace cellemu::at {

// The only writer to the serial line. Frames information text and result codes per ATV/ATQ/
// +CMEE, and queues unsolicited result codes while a command line is being typed or executed,
// while a send window is open or while the port is in data mode (spec v250 §2.4, OQ-6), then
// flushes them in arrival order. The URC timing (urc_timing.h) changes when they go out.
class Responder {
 public:
  enum Hold : unsigned { kTyping = 1, kExecuting = 2, kWindow = 4, kDataMode = 8 };

  // `cme_texts`: the model's error table, for +CME ERROR under AT+CMEE=2; `cms`: the same for
  // +CMS ERROR; `timing`: when URCs reach the host.
  Responder(core::ByteChannel& out, const AtSettings& settings, CmeTexts cme_texts = {},
            CmsStyle cms = {}, UrcTiming timing = UrcTiming::Held)
      : out_(out), settings_(settings), cme_texts_(cme_texts), cms_(cms), timing_(timing) {}

  // Takes effect at once: URCs held so far go out if the new timing lets them.
  void set_urc_timing(UrcTiming timing);
  UrcTiming urc_timing() const { return timing_; }

  void echo(std::string_view bytes) { out_.write(bytes); }
  // One information line: "\r\n<line>\r\n" (ATV1) or "<line>\r\n" (ATV0).
  void info(std::string_view line);
  // Several lines in one block, separated by a single "\r\n".
  void info_lines(const std::vector<std::string>& lines);
  // Bytes exactly as given: prompts, payloads, transparent data.
  void raw(std::string_view bytes) { out_.write(bytes); }
  // A data prompt ("\r\n> "): under UrcTiming::Race the held URCs go out just before it.
  void prompt(std::string_view bytes);
  // The same for a prompt that is a framed line (NM28 "CONNECT").
  void prompt_line(std::string_view line);
  void final(const Final& result);

  // A URC line framed like information text, then `payload` bytes exactly as given.
  void urc(std::string_view line, std::string_view payload = {});
  // A URC the model formatted completely (push-mode payload framing differs per model).
  void urc_raw(std::string bytes);
  // The same in pieces, e.g. header, payload, trailer of a pushed chunk (still one write).
  void urc_raw(std::string_view head, std::string_view payload, std::string_view tail);
  // Bypasses the hold: the lines that begin or end data mode (OQ-6 exception b).
  void urgent(std::string_view line);

  // Sees every URC as it is queued (run reports, the module's sleep: a URC wakes it).
  void add_urc_observer(std::function<void(std::string_view)> fn) {
    urc_observers_.push_back(std::move(fn));
  }

  void set_hold(Hold reason, bool on);
  bool held() const { return hold_ != 0; }
  bool held_for(Hold reason) const { return (hold_ & reason) != 0; }
  std::size_t held_bytes() const { return held_bytes_; }
  // Output not yet taken by the host: what backpressure decisions are made on.
  std::size_t backlog() const { return held_bytes_ + out_.queued_output(); }
  void discard_held();

 private:
  std::string frame_line(std::string_view line) const;
  void append_framed(std::string& out, std::string_view line) const;
  void write_line(std::string_view line);
  void flush_held();
  void cme_error(CmeError error);
  void cms_error(int code);
  // The holds that keep URCs back under the current timing (0: write them now).
  unsigned blocking() const;
  // Race: the held URCs go out now unless a window or data mode is open.
  void race_flush();

  core::ByteChannel& out_;
  const AtSettings& settings_;
  CmeTexts cme_texts_;
  CmsStyle cms_;
  void notify_urc(std::string_view bytes) const {
    for (const auto& fn : urc_observers_) fn(bytes);
  }
  std::vector<std::function<void(std::string_view)>> urc_observers_;
  UrcTiming timing_;
  unsigned hold_ = 0;
  // Race: the running command has written information text (its final result is a worst moment).
  bool answered_ = false;
  std::vector<std::string> held_;
  std::size_t held_bytes_ = 0;
  std::string scratch_;
};

}  // namespace cellemu::at
