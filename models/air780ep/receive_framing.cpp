#include "models/air780ep/receive_framing.h"

#include <fmt/format.h>

namespace cellemu::models::air780ep {

std::string push_frame(const TcpipSettings& settings, const ChunkSource& from,
                       std::string_view chunk) {
  std::string out;
  out.reserve(chunk.size() + 48);
  if (from.multi) {
    // Multi link ignores CIPHEAD (LM image 3.png; S0 "+RECEIVE,0,10:").
    out += fmt::format("\r\n+RECEIVE,{},{}:\r\n", from.link_id, chunk.size());
  } else {
    // OQ-30: no space after "RECV FROM:" (LM CIPSRIP.md, SM).
    if (settings.cipsrip == 1) out += fmt::format("\r\nRECV FROM:{}:{}\r\n", from.ip, from.port);
    if (settings.ciphead == 1) {
      if (settings.cipsrip != 1) out += "\r\n";
      out += fmt::format("+IPD,{}", chunk.size());
      if (settings.cipshowtp == 1) out += from.protocol == net::Protocol::Udp ? ",UDP" : ",TCP";
      out += ':';
    }
    // OQ-31: a bare payload gets no leading CRLF.
  }
  out += chunk;
  if (settings.ciprxf == 0) out += "\r\n";
  return out;
}

std::string pull_sender_suffix(bool knob, const TcpipSettings& settings, const ChunkSource& from) {
  if (!knob || settings.cipsrip != 1 || from.protocol != net::Protocol::Udp) return {};
  return fmt::format(",\"{}:{}\"", from.ip, from.port);
}

}  // namespace cellemu::models::air780ep
