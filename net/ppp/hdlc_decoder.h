#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace cellemu::net::ppp {

// Receiving side of RFC 1662 asynchronous HDLC-like framing. Bytes between flags are unescaped
// and checked against their FCS; good frames are handed out without the FCS (address and
// control still in front when the peer sent them). Memory is bounded by `max_frame`: a longer
// frame is counted and skipped up to the next flag, so garbage, line noise or a host that never
// sends a flag cost nothing and the decoder resynchronises on the next 0x7E.
class HdlcDecoder {
 public:
  using FrameFn = std::function<void(std::string_view frame)>;
  struct Counters {
    std::uint64_t frames = 0;
    std::uint64_t bad_fcs = 0;
    std::uint64_t too_long = 0;
    std::uint64_t aborted = 0;  // 0x7D 0x7E (RFC 1662 §4.2 abort sequence)
    std::uint64_t runts = 0;
  };

  // `max_frame`: unescaped octets between two flags (address to FCS) a frame may have.
  explicit HdlcDecoder(std::size_t max_frame);

  // Control characters flagged here are removed on receipt (inserted by the line, RFC 1662
  // §7.1): all of them until LCP is opened, then what we asked the peer for.
  void set_rx_accm(std::uint32_t accm) { accm_ = accm; }
  void feed(std::string_view bytes, const FrameFn& on_frame);
  const Counters& counters() const { return counters_; }
  // Drops a frame in progress (the line changed hands, e.g. back to AT commands).
  void reset();

 private:
  void end_frame(const FrameFn& on_frame);

  std::size_t max_frame_;
  std::uint32_t accm_ = 0xFFFFFFFF;
  std::string buf_;
  bool escaped_ = false;
  bool discarding_ = false;
  Counters counters_;
};

}  // namespace cellemu::net::ppp
