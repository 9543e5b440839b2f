#include "emulator/port/cmux_decoder.h"

namespace cellemu::port {

std::size_t CmuxDecoder::feed(std::string_view bytes, const FrameFn& on_frame,
                              const std::function<bool()>& stop) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const State before = state_;
    step(static_cast<unsigned char>(bytes[i]), on_frame);
    if (before == State::Close && state_ != State::Close && stop && stop()) return i + 1;
  }
  return bytes.size();
}

void CmuxDecoder::fail() {
  ++counters_.malformed;
  state_ = State::Hunt;
}

void CmuxDecoder::step(unsigned char byte, const FrameFn& on_frame) {
  switch (state_) {
    case State::Hunt:
      if (byte == kCmuxFlag) {
        state_ = State::Address;
      } else {
        ++counters_.skipped;
      }
      return;
    case State::Address:
      if (byte == kCmuxFlag) return;  // idle flags, or a closing flag doubling as opening
      if ((byte & 1) == 0) return fail();
      header_.assign(1, static_cast<char>(byte));
      frame_ = CmuxFrame{};
      frame_.dlci = static_cast<std::uint8_t>(byte >> 2);
      frame_.cr = (byte & 2) != 0;
      state_ = State::Control;
      return;
    case State::Control:
      header_.push_back(static_cast<char>(byte));
      frame_.type = static_cast<CmuxType>(byte & ~0x10);
      frame_.pf = (byte & 0x10) != 0;
      state_ = State::Length;
      return;
    case State::Length:
      header_.push_back(static_cast<char>(byte));
      length_ = byte >> 1;
      if ((byte & 1) == 0) {
        state_ = State::Length2;
        return;
      }
      break;
    case State::Length2:
      header_.push_back(static_cast<char>(byte));
      length_ |= static_cast<std::size_t>(byte) << 7;
      break;
    case State::Info:
      frame_.info.push_back(static_cast<char>(byte));
      if (frame_.info.size() == length_) state_ = State::Fcs;
      return;
    case State::Fcs:
      fcs_ = byte;
      state_ = State::Close;
      return;
    case State::Close:
      if (byte != kCmuxFlag) return fail();
      return finish(on_frame);
  }
  // The length is known.
  if (length_ > max_info_) return fail();
  frame_.info.reserve(length_);
  state_ = length_ == 0 ? State::Fcs : State::Info;
}

void CmuxDecoder::finish(const FrameFn& on_frame) {
  // The closing flag may open the next frame.
  state_ = State::Address;
  std::string covered = header_;
  if (frame_.type == CmuxType::Ui) covered += frame_.info;
  covered.push_back(static_cast<char>(fcs_));
  if (cmux_crc(covered) != kCmuxFcsGood) {
    ++counters_.bad_fcs;
    return;
  }
  ++counters_.frames;
  on_frame(frame_);
}

}  // namespace cellemu::port
