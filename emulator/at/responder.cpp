#include "emulator/at/responder.h"

#include <array>

#include <fmt/format.h>

namespace cellemu::at {
namespace {
// "\r\nOK\r\n" and the other verbose result codes, framed once at start-up: the commonest
// output of all costs no formatting.
const auto kFramedVerbose = [] {
  std::array<std::string, static_cast<std::size_t>(ResultCode::NoAnswer) + 1> framed;
  for (std::size_t i = 0; i < framed.size(); ++i) {
    framed[i] = fmt::format("\r\n{}\r\n", verbose_text(static_cast<ResultCode>(i)));
  }
  return framed;
}();
}  // namespace

// Data windows and data mode hold URCs under every timing: bytes the host sends there are data.
unsigned Responder::blocking() const {
  if (timing_ == UrcTiming::Immediate) return hold_ & (kWindow | kDataMode);
  return hold_;
}

void Responder::set_urc_timing(UrcTiming timing) {
  timing_ = timing;
  if (blocking() == 0 && !held_.empty()) flush_held();
}

void Responder::set_hold(Hold reason, bool on) {
  if (on) {
    hold_ |= reason;
    // Race: the line's echo is out and its answer has not begun.
    if (reason == kExecuting) {
      answered_ = false;
      if (timing_ == UrcTiming::Race) race_flush();
    }
    return;
  }
  hold_ &= ~static_cast<unsigned>(reason);
  if (blocking() == 0 && !held_.empty()) flush_held();
}

void Responder::race_flush() {
  if ((hold_ & (kWindow | kDataMode)) == 0 && !held_.empty()) flush_held();
}

void Responder::prompt(std::string_view bytes) {
  if (timing_ == UrcTiming::Race) race_flush();
  out_.write(bytes);
}

void Responder::prompt_line(std::string_view line) {
  if (timing_ == UrcTiming::Race) race_flush();
  write_line(line);
}

std::string Responder::frame_line(std::string_view line) const {
  std::string out;
  append_framed(out, line);
  return out;
}

void Responder::append_framed(std::string& out, std::string_view line) const {
  out.reserve(out.size() + line.size() + 4);
  if (settings_.verbose) out += "\r\n";
  out += line;
  out += "\r\n";
}

// Framed in a buffer the responder keeps, so a response line costs no allocation.
void Responder::write_line(std::string_view line) {
  scratch_.clear();
  append_framed(scratch_, line);
  out_.write(scratch_);
}

void Responder::info(std::string_view line) {
  write_line(line);
  answered_ = true;
}

void Responder::info_lines(const std::vector<std::string>& lines) {
  scratch_.clear();
  if (settings_.verbose) scratch_ += "\r\n";
  for (const auto& line : lines) {
    scratch_ += line;
    scratch_ += "\r\n";
  }
  out_.write(scratch_);
  answered_ = true;
}

void Responder::final(const Final& result) {
  // Race: between the information text and the result code.
  if (timing_ == UrcTiming::Race && answered_ && result.kind() != Final::Kind::None) {
    answered_ = false;
    race_flush();
  }
  switch (result.kind()) {
    case Final::Kind::None:
      return;
    case Final::Kind::Text:
      write_line(result.text());
      return;
    case Final::Kind::Code:
      if (settings_.quiet) return;
      if (settings_.verbose) {
        out_.write(kFramedVerbose[static_cast<std::size_t>(result.code())]);
      } else {
        out_.write(fmt::format("{}\r", static_cast<int>(result.code())));
      }
      return;
    case Final::Kind::Cme:
      if (settings_.quiet) return;
      if (settings_.cmee == 0) {
        final(Final::error());
      } else {
        cme_error(result.cme_error());
      }
      return;
    case Final::Kind::Cms:
      if (settings_.quiet) return;
      if (settings_.cmee == 0) {
        final(Final::error());
      } else {
        cms_error(result.cms_error());
      }
      return;
  }
}

// ATV0 has no numeric code for CME errors: text framing without the leading CRLF (OQ-5). A number
// the model's table has no text for is shown as a number under CMEE=2 as well.
void Responder::cme_error(CmeError error) {
  const std::string_view text = settings_.cmee == 2 ? cme_text(cme_texts_, error) : "";
  if (text.empty()) {
    write_line(fmt::format("+CME ERROR: {}", static_cast<int>(error)));
  } else {
    write_line(fmt::format("+CME ERROR: {}", text));
  }
}

// 27.005 ties +CMS ERROR to nothing; the module renders it per CMEE like +CME ERROR (OQ-S3).
void Responder::cms_error(int code) {
  const bool verbose = settings_.cmee == 2 || cms_.text_under_cmee1;
  const std::string_view text = verbose ? cms_text(cms_.texts, code) : "";
  if (text.empty()) {
    write_line(fmt::format("+CMS ERROR: {}", code));
  } else {
    write_line(fmt::format("+CMS ERROR: {}", text));
  }
}

void Responder::urc(std::string_view line, std::string_view payload) {
  if (blocking() == 0) {  // framed in the kept buffer: a push costs no allocation
    scratch_.clear();
    append_framed(scratch_, line);
    scratch_ += payload;
    notify_urc(scratch_);
    out_.write(scratch_);
    return;
  }
  std::string bytes = frame_line(line);
  bytes += payload;
  urc_raw(std::move(bytes));
}

void Responder::urc_raw(std::string_view head, std::string_view payload, std::string_view tail) {
  if (blocking() == 0) {
    scratch_.assign(head);
    scratch_ += payload;
    scratch_ += tail;
    notify_urc(scratch_);
    out_.write(scratch_);
    return;
  }
  std::string bytes;
  bytes.reserve(head.size() + payload.size() + tail.size());
  bytes += head;
  bytes += payload;
  bytes += tail;
  urc_raw(std::move(bytes));
}

void Responder::urc_raw(std::string bytes) {
  notify_urc(bytes);
  if (blocking() == 0) {
    out_.write(bytes);
    return;
  }
  held_bytes_ += bytes.size();
  held_.push_back(std::move(bytes));
}

void Responder::urgent(std::string_view line) {
  scratch_.clear();
  append_framed(scratch_, line);
  notify_urc(scratch_);
  out_.write(scratch_);
}

void Responder::flush_held() {
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
