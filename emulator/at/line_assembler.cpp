#include "emulator/at/line_assembler.h"

#include <algorithm>
#include <cctype>

namespace cellemu::at {
namespace {
constexpr char kCtrlZ = 0x1A;
constexpr char kEsc = 0x1B;

bool starts_with_at(std::string_view line) {
  return line.size() >= 2 && (line[0] == 'A' || line[0] == 'a') &&
         (line[1] == 'T' || line[1] == 't');
}
}  // namespace

std::size_t LineAssembler::feed_rest(std::string_view bytes, std::size_t used) {
  while (used < bytes.size() && !stopped_) {
    const auto rest = bytes.substr(used);
    switch (mode_) {
      case Mode::Command:
        used += feed_command(rest);
        break;
      case Mode::Window:
        used += feed_window(rest);
        break;
      case Mode::Transparent:
        listener_.on_data(rest);
        used = bytes.size();
        break;
    }
  }
  return used;
}

// One read in command state: a '\n' left over from the last line, the bytes of the line being
// typed, and its end; echo goes out in one piece before the line is acted on.
std::size_t LineAssembler::feed_command(std::string_view in) {
  if (line_.empty()) line_.resize(max_body_ + 2);  // "AT" and the body; allocated once
  const std::size_t from = skip_swallowed_lf(in);
  auto [next, end] = collect(in, from);
  if (end == LineEnd::Terminator) next = take_line_feed(in, next);
  if (settings_.echo && next > from) listener_.on_echo(in.substr(from, next - from));
  if (end == LineEnd::Terminator) finish_line();
  if (end == LineEnd::Repeat) listener_.on_line(LineKind::Repeat, {});
  return next;
}

// Only the first byte after a line's '\r' can be the '\n' to swallow (OQ-59).
std::size_t LineAssembler::skip_swallowed_lf(std::string_view in) {
  if (!swallow_lf_) return 0;
  swallow_lf_ = false;
  if (in.empty() || in[0] != '\n') return 0;
  if (swallow_echo_) listener_.on_echo(in.substr(0, 1));
  return 1;
}

// Stores the bytes from in[i] on into the line (S5 editing, stray line feeds dropped) up to the S3
// terminator or "A/".
LineAssembler::Scan LineAssembler::collect(std::string_view in, std::size_t i) {
  const char cr = static_cast<char>(settings_.s3);
  const char bs = static_cast<char>(settings_.s5);
  // Bytes above every character with a meaning of its own simply join the line (letters,
  // digits, '=', '?', ';' with the default S3/S5): one compare each.
  const auto plain_above = static_cast<unsigned char>(
      std::max({static_cast<unsigned char>(cr), static_cast<unsigned char>(bs),
                static_cast<unsigned char>('/')}));
  char* const line = line_.data();
  const std::size_t limit = line_.size();
  // The length lives in a local while bytes are stored: a store through `char*` may alias any
  // member, which would make the compiler reload length_ after every byte.
  std::size_t len = length_;
  LineEnd end = LineEnd::None;
  while (i < in.size()) {
    const char c = in[i++];
    if (static_cast<unsigned char>(c) <= plain_above) {
      if (c == cr) {
        // NULs right before the CR are dropped: gsmlib sends its C string's terminator there
        // ("AT+CMGS=20\0\r", GL gsm_at.cc) and modules answer "AT+CMGS=20". A NUL inside the
        // line stays (a file name "a\0b" is refused, not shortened).
        while (len > 0 && line[len - 1] == '\0') --len;
        end = LineEnd::Terminator;
        break;
      }
      if (c == bs) {
        if (len > 0 && !(len <= 2 && starts_with_at({line, len}))) --len;
        continue;
      }
      if (c == '\n' && len == 0) continue;  // stray line feed between lines
      if (c == '/' && len == 1 && (line[0] == 'A' || line[0] == 'a')) {
        len = 0;
        end = LineEnd::Repeat;
        break;
      }
    }
    if (len < limit) {
      line[len++] = c;
    } else {
      overflow_ = true;
    }
  }
  length_ = len;
  return {i, end};
}

// A '\n' that came in the same read as the line's '\r' belongs to the line and is echoed before
// the response; one that comes later is swallowed then (OQ-59).
std::size_t LineAssembler::take_line_feed(std::string_view in, std::size_t i) {
  if (i < in.size() && in[i] == '\n') return i + 1;
  swallow_lf_ = true;
  swallow_echo_ = settings_.echo;
  return i;
}

// The listener sees the line in place (see Listener::on_line); the buffer is reused for the
// next one, so assembling lines allocates nothing.
void LineAssembler::finish_line() {
  const std::string_view line = current();
  const bool overflow = overflow_;
  overflow_ = false;
  if (line.empty()) return;  // a bare terminator gets no response (LS:CafbbV8)
  if (overflow) {
    listener_.on_line(LineKind::TooLong, line);
  } else if (!starts_with_at(line)) {
    listener_.on_line(LineKind::NotAt, line);
  } else {
    listener_.on_line(LineKind::Command, line.substr(2));
  }
  length_ = 0;
}

void LineAssembler::begin_window(const WindowSpec& spec) {
  mode_ = Mode::Window;
  window_ = spec;
  window_data_.clear();
  window_data_.reserve(spec.length ? std::min(*spec.length, spec.max_store) : 256);
  window_count_ = 0;
  if (!spec.drop_leading_lf) swallow_lf_ = false;
}

std::size_t LineAssembler::feed_window(std::string_view in) {
  std::size_t i = 0;
  std::size_t echo_from = 0;
  auto flush_echo = [&](std::size_t end) {
    if (window_.echo && end > echo_from) listener_.on_echo(in.substr(echo_from, end - echo_from));
    echo_from = end;
  };
  if (swallow_lf_) {
    swallow_lf_ = false;
    if (in[0] == '\n') echo_from = i = 1;
  }
  while (i < in.size()) {
    const char c = in[i];
    if (!window_.length && (c == kCtrlZ || (c == kEsc && window_.escape_cancels))) {
      flush_echo(i);
      close_window(c == kCtrlZ ? WindowEnd::CtrlZ : WindowEnd::Escape);
      return i + 1;
    }
    ++i;
    if (window_data_.size() < window_.max_store) window_data_ += c;
    if (window_.length && ++window_count_ == *window_.length) {
      flush_echo(i);
      close_window(WindowEnd::Length);
      return i;
    }
  }
  flush_echo(i);
  if (i > 0 && window_.on_bytes) window_.on_bytes();
  return i;
}

void LineAssembler::close_window(WindowEnd end) {
  mode_ = Mode::Command;
  std::string data;
  data.swap(window_data_);
  listener_.on_window_done(end, std::move(data));
}

std::string LineAssembler::force_end_window() {
  mode_ = Mode::Command;
  std::string data;
  data.swap(window_data_);
  return data;
}

void LineAssembler::enter_transparent() {
  mode_ = Mode::Transparent;
  length_ = 0;
  overflow_ = false;
  swallow_lf_ = false;
}

void LineAssembler::enter_command() {
  mode_ = Mode::Command;
}

void LineAssembler::reset() {
  mode_ = Mode::Command;
  length_ = 0;
  overflow_ = false;
  swallow_lf_ = false;
  window_data_.clear();
}

}  // namespace cellemu::at
