#include "emulator/at/responder.h"

#include <fmt/format.h>

namespace cellemu::at {

std::string Responder::frame_line(std::string_view line) const {
  std::string out;
  out.reserve(line.size() + 4);
  if (settings_.verbose) out += "\r\n";
  out += line;
  out += "\r\n";
  return out;
}

void Responder::info(std::string_view line) {
  out_.write(frame_line(line));
}

void Responder::info_lines(const std::vector<std::string>& lines) {
  std::string out;
  if (settings_.verbose) out += "\r\n";
  for (const auto& line : lines) {
    out += line;
    out += "\r\n";
  }
  out_.write(out);
}

void Responder::final(const Final& result) {
  switch (result.kind()) {
    case Final::Kind::None:
      return;
    case Final::Kind::Text:
      out_.write(frame_line(result.text()));
      return;
    case Final::Kind::Code:
      if (settings_.quiet) return;
      if (settings_.verbose) {
        out_.write(frame_line(verbose_text(result.code())));
      } else {
        out_.write(fmt::format("{}\r", static_cast<int>(result.code())));
      }
      return;
    case Final::Kind::Cme:
      if (settings_.quiet) return;
      if (settings_.cmee == 0) {
        final(Final::error());
      } else if (settings_.cmee == 1) {
        // ATV0 has no numeric code for CME errors: text framing without the leading CRLF (OQ-5).
        out_.write(frame_line(fmt::format("+CME ERROR: {}", static_cast<int>(result.cme_error()))));
      } else {
        out_.write(frame_line(fmt::format("+CME ERROR: {}", verbose_text(result.cme_error()))));
      }
      return;
  }
}

void Responder::urc(std::string_view line, std::string_view payload) {
  std::string bytes = frame_line(line);
  bytes += payload;
  urc_raw(std::move(bytes));
}

void Responder::urc_raw(std::string bytes) {
  if (urc_observer_) urc_observer_(bytes);
  if (hold_ == 0) {
    out_.write(bytes);
    return;
  }
  held_bytes_ += bytes.size();
  held_.push_back(std::move(bytes));
}

void Responder::urgent(std::string_view line) {
  const std::string framed = frame_line(line);
  if (urc_observer_) urc_observer_(framed);
  out_.write(framed);
}

void Responder::set_hold(Hold reason, bool on) {
  if (on) {
    hold_ |= reason;
    return;
  }
  hold_ &= ~static_cast<unsigned>(reason);
  if (hold_ == 0) flush_held();
}

void Responder::flush_held() {
  if (held_.empty()) return;
  std::string batch;
  batch.reserve(held_bytes_);
  for (auto& item : held_) batch += item;
  held_.clear();
  held_bytes_ = 0;
  out_.write(batch);
}

void Responder::discard_held() {
  held_.clear();
  held_bytes_ = 0;
}

}  // namespace cellemu::at
