#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "models/air780ep/tcpip_settings.h"
#include "net/link.h"

namespace cellemu::models::air780ep {

// Where a received chunk came from, as the module describes it.
struct ChunkSource {
  int link_id = 0;
  bool multi = false;
  net::Protocol protocol = net::Protocol::Tcp;
  std::string_view ip;
  std::uint16_t port = 0;
};

// The bytes one pushed chunk produces on the serial line, header and payload (air780ep.md
// §4.11): single link per CIPHEAD/CIPSHOWTP/CIPSRIP, multi link "+RECEIVE,<n>,<len>:", a
// trailing "\r\n" unless CIPRXF=1 (OQ-13).
std::string push_frame(const TcpipSettings& settings, const ChunkSource& from,
                       std::string_view chunk);

// The ",\"<ip>:<port>\"" that knob ciprxget_sender appends to +CIPRXGET lines of UDP links with
// CIPSRIP=1 (OQ-60); empty otherwise.
std::string pull_sender_suffix(bool knob, const TcpipSettings& settings, const ChunkSource& from);

}  // namespace cellemu::models::air780ep
