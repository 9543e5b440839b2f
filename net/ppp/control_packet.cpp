#include "net/ppp/control_packet.h"

#include "net/ppp/wire.h"

namespace cellemu::net::ppp {

std::optional<PppFrame> PppFrame::parse(std::string_view frame) {
  if (frame.size() >= 2 && get8(frame, 0) == 0xFF) {
    if (get8(frame, 1) != 0x03) return std::nullopt;
    frame.remove_prefix(2);
  }
  if (frame.empty()) return std::nullopt;
  PppFrame out;
  if ((get8(frame, 0) & 1U) != 0) {  // compressed: the high octet was 0
    out.protocol = get8(frame, 0);
    out.info = frame.substr(1);
    return out;
  }
  if (frame.size() < 2 || (get8(frame, 1) & 1U) == 0) return std::nullopt;
  out.protocol = get16(frame, 0);
  out.info = frame.substr(2);
  return out;
}

std::optional<ControlPacket> ControlPacket::parse(std::string_view info) {
  if (info.size() < 4) return std::nullopt;
  const std::size_t length = get16(info, 2);
  if (length < 4 || length > info.size()) return std::nullopt;
  return ControlPacket{get8(info, 0), get8(info, 1), info.substr(4, length - 4)};
}

std::string ControlPacket::build(std::uint8_t code, std::uint8_t id, std::string_view data) {
  std::string out;
  out.reserve(4 + data.size());
  append8(out, code);
  append8(out, id);
  append16(out, static_cast<std::uint16_t>(4 + data.size()));
  out.append(data);
  return out;
}

std::optional<std::vector<ConfigOption>> parse_options(std::string_view data) {
  std::vector<ConfigOption> options;
  while (!data.empty()) {
    if (data.size() < 2) return std::nullopt;
    const std::size_t length = get8(data, 1);
    if (length < 2 || length > data.size()) return std::nullopt;
    options.push_back({get8(data, 0), data.substr(2, length - 2)});
    data.remove_prefix(length);
  }
  return options;
}

void append_option(std::string& out, std::uint8_t type, std::string_view data) {
  append8(out, type);
  append8(out, static_cast<std::uint8_t>(2 + data.size()));
  out.append(data);
}

}  // namespace cellemu::net::ppp
