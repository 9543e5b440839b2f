#include "net/ppp/ppp_frame_summary.h"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "net/ppp/hdlc_encoder.h"
#include "net/ppp/ip_packet.h"
#include "net/ppp/ipcp.h"

namespace cellemu::net::ppp {
namespace ppp_frame_summary_detail {

std::uint32_t be(std::string_view b, std::size_t at, std::size_t n) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < n && at + i < b.size(); ++i) {
    v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  }
  return v;
}

const char* protocol_name(std::uint16_t protocol) {
  switch (protocol) {
    case kProtoLcp:
      return "LCP";
    case kProtoIpcp:
      return "IPCP";
    case kProtoPap:
      return "PAP";
    case kProtoChap:
      return "CHAP";
    case 0x8057:
      return "IPv6CP";
    case 0x80FD:
      return "CCP";
    case 0x0057:
      return "IPv6";
    default:
      return nullptr;
  }
}

const char* code_name(std::uint16_t protocol, unsigned code) {
  static const char* const kControl[] = {"?",
                                         "Configure-Request",
                                         "Configure-Ack",
                                         "Configure-Nak",
                                         "Configure-Reject",
                                         "Terminate-Request",
                                         "Terminate-Ack",
                                         "Code-Reject",
                                         "Protocol-Reject",
                                         "Echo-Request",
                                         "Echo-Reply",
                                         "Discard-Request"};
  static const char* const kPap[] = {"?", "Authenticate-Request", "Authenticate-Ack",
                                     "Authenticate-Nak"};
  static const char* const kChap[] = {"?", "Challenge", "Response", "Success", "Failure"};
  if (protocol == kProtoPap) return code < 4 ? kPap[code] : "?";
  if (protocol == kProtoChap) return code < 5 ? kChap[code] : "?";
  return code < 12 ? kControl[code] : "?";
}

// Configure options as "name=value" words: the ones LCP and IPCP of a dial-up call use.
std::string options(std::uint16_t protocol, std::string_view o) {
  std::string out;
  for (std::size_t at = 0; at + 2 <= o.size();) {
    const unsigned type = static_cast<unsigned char>(o[at]);
    const std::size_t len = static_cast<unsigned char>(o[at + 1]);
    if (len < 2 || at + len > o.size()) break;
    const std::string_view v = o.substr(at + 2, len - 2);
    if (!out.empty()) out += ' ';
    if (protocol == kProtoLcp && type == 1) {
      out += fmt::format("mru={}", be(v, 0, 2));
    } else if (protocol == kProtoLcp && type == 2) {
      out += fmt::format("accm={:08x}", be(v, 0, 4));
    } else if (protocol == kProtoLcp && type == 3) {
      out += be(v, 0, 2) == kProtoPap ? "auth=pap" : "auth=chap";
    } else if (protocol == kProtoLcp && type == 5) {
      out += fmt::format("magic={:08x}", be(v, 0, 4));
    } else if (protocol == kProtoLcp && (type == 7 || type == 8)) {
      out += type == 7 ? "pfc" : "acfc";
    } else if (protocol == kProtoIpcp && (type == 3 || type == 129 || type == 131) &&
               v.size() == 4) {
      out += fmt::format("{}={}",
                         type == 3     ? "addr"
                         : type == 129 ? "dns1"
                                       : "dns2",
                         to_dotted(be(v, 0, 4)));
    } else {
      out += fmt::format("opt{}/{}", type, len);
    }
    at += len;
  }
  return out;
}

std::string control(std::uint16_t protocol, std::string_view p) {
  if (p.size() < 4) return fmt::format("{} (short)", protocol_name(protocol));
  const unsigned code = static_cast<unsigned char>(p[0]);
  std::string out = fmt::format("{} {} id={}", protocol_name(protocol), code_name(protocol, code),
                                static_cast<unsigned char>(p[1]));
  const bool configure = protocol != kProtoPap && protocol != kProtoChap && code >= 1 && code <= 4;
  if (configure) out += " [" + options(protocol, p.substr(4)) + "]";
  return out;
}

std::string tcp_flags(std::uint8_t f) {
  std::string out;
  if (f & kTcpSyn) out += 'S';
  if (f & kTcpFin) out += 'F';
  if (f & kTcpRst) out += 'R';
  if (f & 0x08) out += 'P';
  if (f & kTcpAck) out += 'A';
  return out.empty() ? "." : out;
}

std::string ipv4(std::string_view p) {
  const auto packet = IpPacket::parse(std::string(p));
  if (!packet) return fmt::format("IPv4 ({} bytes, not parsed)", p.size());
  const auto src = to_dotted(packet->src());
  const auto dst = to_dotted(packet->dst());
  switch (packet->protocol()) {
    case kIpTcp:
      return fmt::format("IPv4 TCP {}:{} > {}:{} [{}] len={}", src, packet->src_port(), dst,
                         packet->dst_port(), tcp_flags(packet->tcp_flags()),
                         packet->payload().size());
    case kIpUdp:
      return fmt::format("IPv4 UDP {}:{} > {}:{} len={}", src, packet->src_port(), dst,
                         packet->dst_port(), packet->payload().size());
    case kIpIcmp:
      return fmt::format("IPv4 ICMP {} > {}", src, dst);
    default:
      return fmt::format("IPv4 proto {} {} > {}", packet->protocol(), src, dst);
  }
}

}  // namespace ppp_frame_summary_detail

std::string ppp_frame_summary(std::string_view frame) {
  namespace d = ppp_frame_summary_detail;
  if (frame.size() >= 2 && frame.substr(0, 2) == "\xFF\x03") frame.remove_prefix(2);
  if (frame.empty()) return "PPP (empty)";
  std::uint16_t protocol = static_cast<unsigned char>(frame[0]);
  if ((protocol & 1) == 0) {  // not compressed: two octets
    protocol = static_cast<std::uint16_t>(d::be(frame, 0, 2));
    frame.remove_prefix(std::min<std::size_t>(2, frame.size()));
  } else {
    frame.remove_prefix(1);
  }
  if (protocol == kProtoIpv4) return d::ipv4(frame);
  const char* name = d::protocol_name(protocol);
  if (!name) return fmt::format("PPP protocol {:04x} ({} bytes)", protocol, frame.size());
  if (protocol == 0x0057) return fmt::format("IPv6 ({} bytes)", frame.size());
  return d::control(protocol, frame);
}

}  // namespace cellemu::net::ppp
