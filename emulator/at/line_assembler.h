#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/at/at_settings.h"

namespace cellemu::at {

// A send window opened by a command (AT+CIPSEND, AT+FSWRITE, AT+IPSEND).
struct WindowSpec {
  // Fixed length; without one the window ends at Ctrl-Z (send) or ESC (cancel).
  std::optional<std::size_t> length;
  // Bytes beyond this are consumed and discarded (OQ-29).
  std::size_t max_store = 1460;
  bool echo = false;
  // Drop a '\n' that follows a command line ended by a bare '\r' (spec v250 §1.2).
  bool drop_leading_lf = true;
  // Without a length, ESC cancels the window; false: ESC is data like any byte (AT+MPUBEX).
  bool escape_cancels = true;
  // Called after bytes went into a window that stays open (an idle timer restarts on it).
  std::function<void()> on_bytes;
};

enum class WindowEnd { Length, CtrlZ, Escape, Forced };

enum class LineKind { Command, NotAt, TooLong, Repeat };

// Turns host bytes into events, with no I/O and no clock (spec v250 §1):
// in command state, lines (S3-terminated, S5 editing, echo, "A/", the swallowed '\n');
// in a send window, the payload; in transparent mode, every byte as data.
class LineAssembler {
 public:
  class Listener {
   public:
    virtual void on_echo(std::string_view bytes) = 0;
    // `body` is the text after "AT" for Command and Repeat, the whole line otherwise. It points
    // into the assembler: valid until the listener changes the assembler's mode or returns.
    virtual void on_line(LineKind kind, std::string_view body) = 0;
    virtual void on_window_done(WindowEnd end, std::string data) = 0;
    virtual void on_data(std::string_view bytes) = 0;

   protected:
    ~Listener() = default;
  };

  enum class Mode { Command, Window, Transparent };

  LineAssembler(Listener& listener, const AtSettings& settings, std::size_t max_body = 1024)
      : listener_(listener), settings_(settings), max_body_(max_body) {}

  // Consumes bytes until all are used or stop() is called from a listener callback; returns the
  // number consumed so the caller can keep the rest for later.
  std::size_t feed(std::string_view bytes) {
    stopped_ = false;
    if (mode_ != Mode::Command) return feed_rest(bytes, 0);
    const std::size_t used = feed_command(bytes);  // one whole command line per read, usually
    return used == bytes.size() || stopped_ ? used : feed_rest(bytes, used);
  }
  void stop() { stopped_ = true; }

  void begin_window(const WindowSpec& spec);
  // Ends an open window early (auto-send timer, FSWRITE timeout); returns what was collected.
  std::string force_end_window();
  void enter_transparent();
  void enter_command();

  Mode mode() const { return mode_; }
  bool mid_line() const { return length_ > 0; }
  void reset();

 private:
  enum class LineEnd { None, Terminator, Repeat };
  struct Scan {
    std::size_t next;  // index after the bytes taken
    LineEnd end;
  };

  std::size_t feed_rest(std::string_view bytes, std::size_t used);
  std::size_t feed_command(std::string_view in);
  std::size_t skip_swallowed_lf(std::string_view in);
  Scan collect(std::string_view in, std::size_t i);
  std::size_t take_line_feed(std::string_view in, std::size_t i);
  std::size_t feed_window(std::string_view in);
  void finish_line();
  void close_window(WindowEnd end);

  Listener& listener_;
  const AtSettings& settings_;
  std::size_t max_body_;
  Mode mode_ = Mode::Command;
  bool stopped_ = false;

  std::string_view current() const { return {line_.data(), length_}; }

  std::string line_;        // max_body_ + 2 bytes once the first line starts
  std::size_t length_ = 0;  // of the line being typed
  bool overflow_ = false;
  bool swallow_lf_ = false;
  bool swallow_echo_ = false;

  WindowSpec window_;
  std::string window_data_;
  std::size_t window_count_ = 0;
};

}  // namespace cellemu::at
