#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "emulator/port/cmux_frame.h"

namespace cellemu::port {

// Receiving side of the 27.010 basic option. The length field, not the flags, delimits a
// frame (its information may contain F9). Anything outside a well-formed frame is skipped up
// to the next flag: bytes between frames, a bad FCS, a missing closing flag, a length beyond
// `max_info`. Memory is bounded by `max_info`.
class CmuxDecoder {
 public:
  using FrameFn = std::function<void(const CmuxFrame& frame)>;
  struct Counters {
    std::uint64_t frames = 0;
    std::uint64_t bad_fcs = 0;
    std::uint64_t malformed = 0;  // bad address, oversized, no closing flag
    std::uint64_t skipped = 0;    // octets outside frames
  };

  explicit CmuxDecoder(std::size_t max_info = kCmuxMaxInfo) : max_info_(max_info) {}

  // Feeds bytes until `stop()` returns true after a frame (the multiplexer closed: what follows
  // is plain AT again). Returns how many bytes were used.
  std::size_t feed(std::string_view bytes, const FrameFn& on_frame,
                   const std::function<bool()>& stop = {});
  const Counters& counters() const { return counters_; }

 private:
  enum class State { Hunt, Address, Control, Length, Length2, Info, Fcs, Close };
  void step(unsigned char byte, const FrameFn& on_frame);
  void finish(const FrameFn& on_frame);
  void fail();

  std::size_t max_info_;
  State state_ = State::Hunt;
  std::string header_;  // address, control, length octets as received (for the FCS)
  CmuxFrame frame_;
  std::size_t length_ = 0;
  std::uint8_t fcs_ = 0;
  Counters counters_;
};

}  // namespace cellemu::port
