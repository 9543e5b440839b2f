#include "emulator/app/frame_annotator.h"

#include <fmt/format.h>

#include "emulator/core/bytes.h"
#include "net/ppp/ppp_frame_summary.h"

namespace cellemu::app {
namespace frame_annotator_detail {

// Unescaped octets of the largest PPP frame a dial-up call carries (MRU 1500 and headers).
constexpr std::size_t kMaxPppFrame = 1600;
constexpr std::size_t kShownText = 80;

const char* type_name(port::CmuxType type) {
  switch (type) {
    case port::CmuxType::Sabm:
      return "SABM";
    case port::CmuxType::Ua:
      return "UA";
    case port::CmuxType::Dm:
      return "DM";
    case port::CmuxType::Disc:
      return "DISC";
    case port::CmuxType::Uih:
      return "UIH";
    case port::CmuxType::Ui:
      return "UI";
  }
  return "?";
}

const char* message_name(std::uint8_t type) {
  switch (type) {
    case port::kCmuxPn:
      return "PN";
    case port::kCmuxPsc:
      return "PSC";
    case port::kCmuxCld:
      return "CLD";
    case port::kCmuxTest:
      return "Test";
    case port::kCmuxFcOn:
      return "FCon";
    case port::kCmuxFcOff:
      return "FCoff";
    case port::kCmuxMsc:
      return "MSC";
    case port::kCmuxNsc:
      return "NSC";
    case port::kCmuxRpn:
      return "RPN";
    case port::kCmuxRls:
      return "RLS";
    default:
      return "message";
  }
}

net::ppp::HdlcDecoder ppp_decoder() {
  net::ppp::HdlcDecoder d(kMaxPppFrame);
  d.set_rx_accm(0);  // show what came; never drop a byte
  return d;
}

}  // namespace frame_annotator_detail

FrameAnnotator::FrameAnnotator() : ppp_(frame_annotator_detail::ppp_decoder()) {}

std::vector<std::string> FrameAnnotator::feed(std::string_view bytes) {
  std::vector<std::string> out;
  cmux_.feed(bytes, [&](const port::CmuxFrame& f) { on_cmux(f, out); });
  // Inside CMUX, PPP is read per DLCI: the line itself would show small frames twice.
  if (!multiplexed_) {
    ppp_.feed(bytes, [&](std::string_view frame) {
      out.push_back("PPP " + net::ppp::ppp_frame_summary(frame));
    });
  }
  return out;
}

void FrameAnnotator::on_cmux(const port::CmuxFrame& f, std::vector<std::string>& out) {
  namespace d = frame_annotator_detail;
  const std::string head = fmt::format("CMUX DLCI {} {}", f.dlci, d::type_name(f.type));
  multiplexed_ = !(f.dlci == 0 && f.type == port::CmuxType::Disc);
  ppp_.reset();
  if (f.type != port::CmuxType::Uih && f.type != port::CmuxType::Ui) {
    out.push_back(head + (f.pf ? " P/F" : ""));
    return;
  }
  if (f.dlci == 0) {
    out.push_back(head + " " + dlci0(f));
    return;
  }
  std::size_t frames = 0;
  if (f.dlci <= kMaxDlci) {
    auto it = dlci_ppp_.try_emplace(f.dlci, d::ppp_decoder()).first;
    it->second.feed(f.info, [&](std::string_view frame) {
      ++frames;
      out.push_back(head + " PPP " + net::ppp::ppp_frame_summary(frame));
    });
  }
  if (frames > 0) return;
  if (f.info.find('\x7E') != std::string::npos) {
    out.push_back(fmt::format("{} {} bytes (part of a PPP frame)", head, f.info.size()));
  } else {
    out.push_back(head + " \"" + core::escape_bytes(f.info, d::kShownText) + "\"");
  }
}

std::string FrameAnnotator::dlci0(const port::CmuxFrame& f) {
  port::CmuxControl c;
  if (!port::CmuxControl::parse(f.info, c)) return "(not a control message)";
  if (c.type == port::kCmuxCld) multiplexed_ = false;  // plain AT follows
  std::string out = fmt::format("{} {}", frame_annotator_detail::message_name(c.type),
                                c.command ? "command" : "response");
  if (!c.value.empty()) out += " " + core::escape_bytes(c.value, 16);
  return out;
}

}  // namespace cellemu::app
