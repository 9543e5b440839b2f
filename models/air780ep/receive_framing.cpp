#include "models/air780ep/receive_framing.h"

#include <iterator>

#include <fmt/format.h>

namespace cellemu::models::air780ep {

PushFrame push_frame(const TcpipSettings& settings, const ChunkSource& from, std::size_t length) {
  PushFrame frame;
  auto out = std::back_inserter(frame.head);
  if (from.multi) {
    // Multi link ignores CIPHEAD (LM image 3.png; S0 "+RECEIVE,0,10:").
    fmt::format_to(out, "\r\n+RECEIVE,{},{}:\r\n", from.link_id, length);
  } else {
    // OQ-30: no space after "RECV FROM:" (LM CIPSRIP.md, SM).
    if (settings.cipsrip == 1) fmt::format_to(out, "\r\nRECV FROM:{}:{}\r\n", from.ip, from.port);
    if (settings.ciphead == 1) {
      if (settings.cipsrip != 1) fmt::format_to(out, "\r\n");
      fmt::format_to(out, "+IPD,{}", length);
      if (settings.cipshowtp == 1) {
        fmt::format_to(out, "{}", from.protocol == net::Protocol::Udp ? ",UDP" : ",TCP");
      }
      fmt::format_to(out, ":");
    }
    // OQ-31: a bare payload gets no leading CRLF.
  }
  frame.tail = settings.ciprxf == 0 ? "\r\n" : "";
  return frame;
}

std::string pull_sender_suffix(bool knob, const TcpipSettings& settings, const ChunkSource& from) {
  if (!knob || settings.cipsrip != 1 || from.protocol != net::Protocol::Udp) return {};
  return fmt::format(",\"{}:{}\"", from.ip, from.port);
}

}  // namespace cellemu::models::air780ep
