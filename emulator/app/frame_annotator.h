#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/port/cmux_decoder.h"
#include "emulator/port/cmux_frame.h"
#include "net/ppp/hdlc_decoder.h"

namespace cellemu::app {

// Reads one direction of a serial line as a trace shows it and says, one line each, what the
// binary frames in it are: 27.010 frames per DLCI (control frames, DLCI 0 messages, the text
// of UIH data) and the PPP frames on the line or inside a DLCI (ppp_frame_summary). Plain AT
// text gives nothing. It only looks: frames count when their FCS is good, so line noise is
// silent, and memory is bounded (the decoders' frame limits, at most kMaxDlci PPP decoders).
// A text trace (--trace) hands each entry's bytes to one annotator per direction
// (port::TracingChannel::set_annotators).
class FrameAnnotator {
 public:
  FrameAnnotator();
  std::vector<std::string> feed(std::string_view bytes);

 private:
  void on_cmux(const port::CmuxFrame& frame, std::vector<std::string>& out);
  std::string dlci0(const port::CmuxFrame& frame);

  static constexpr std::uint8_t kMaxDlci = 63;
  port::CmuxDecoder cmux_;
  net::ppp::HdlcDecoder ppp_;
  std::map<std::uint8_t, net::ppp::HdlcDecoder> dlci_ppp_;
  bool multiplexed_ = false;  // CMUX frames seen since the last CLD or DISC of DLCI 0
};

}  // namespace cellemu::app
