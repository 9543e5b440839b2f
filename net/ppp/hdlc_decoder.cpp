#include "net/ppp/hdlc_decoder.h"

#include "net/ppp/hdlc_encoder.h"

namespace cellemu::net::ppp {
namespace {
constexpr unsigned char kFlag = 0x7E;
constexpr unsigned char kEscape = 0x7D;
// Shortest frame worth checking: a one-octet protocol, one octet of data or none, the FCS.
constexpr std::size_t kMinFrame = 3;
}  // namespace

HdlcDecoder::HdlcDecoder(std::size_t max_frame) : max_frame_(max_frame) {
  buf_.reserve(max_frame);
}

void HdlcDecoder::reset() {
  buf_.clear();
  escaped_ = false;
  discarding_ = false;
}

void HdlcDecoder::feed(std::string_view bytes, const FrameFn& on_frame) {
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == kFlag) {
      end_frame(on_frame);
      continue;
    }
    if (discarding_) continue;
    if (byte < 0x20 && ((accm_ >> byte) & 1U) != 0) continue;
    if (byte == kEscape) {
      escaped_ = true;
      continue;
    }
    const auto value = static_cast<char>(escaped_ ? byte ^ 0x20 : byte);
    escaped_ = false;
    if (buf_.size() >= max_frame_) {
      ++counters_.too_long;
      buf_.clear();
      discarding_ = true;
      continue;
    }
    buf_.push_back(value);
  }
}

void HdlcDecoder::end_frame(const FrameFn& on_frame) {
  if (discarding_) {
    reset();
    return;
  }
  if (escaped_) {
    ++counters_.aborted;
    reset();
    return;
  }
  if (buf_.empty()) return;  // back-to-back or idle flags
  if (buf_.size() < kMinFrame) {
    ++counters_.runts;
  } else if (fcs16(kFcsInit, buf_) != kFcsGood) {
    ++counters_.bad_fcs;
  } else {
    ++counters_.frames;
    on_frame(std::string_view(buf_).substr(0, buf_.size() - 2));
  }
  buf_.clear();
}

}  // namespace cellemu::net::ppp
