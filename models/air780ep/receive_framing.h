#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

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

// What frames one pushed chunk of `length` bytes on the serial line (air780ep.md §4.11): the
// header (single link per CIPHEAD/CIPSHOWTP/CIPSRIP, multi link "+RECEIVE,<n>,<len>:") and a
// trailing "\r\n" unless CIPRXF=1 (OQ-13). Built without allocating: pushes are a data path.
struct PushFrame {
  fmt::basic_memory_buffer<char, 96> head;
  std::string_view tail;
  std::string_view header() const { return {head.data(), head.size()}; }
};
PushFrame push_frame(const TcpipSettings& settings, const ChunkSource& from, std::size_t length);

// The ",\"<ip>:<port>\"" that knob ciprxget_sender appends to +CIPRXGET lines of UDP links with
// CIPSRIP=1 (OQ-60); empty otherwise.
std::string pull_sender_suffix(bool knob, const TcpipSettings& settings, const ChunkSource& from);

}  // namespace cellemu::models::air780ep
