#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cellemu::net::ppp {

// Frame Check Sequence of RFC 1662 §C.2 (FCS-16): reflected CCITT polynomial, initial 0xFFFF.
// Run over a frame including its received FCS it ends at kFcsGood.
std::uint16_t fcs16(std::uint16_t fcs, std::string_view bytes);
inline constexpr std::uint16_t kFcsInit = 0xFFFF;
inline constexpr std::uint16_t kFcsGood = 0xF0B8;

inline constexpr std::uint16_t kProtoLcp = 0xC021;
inline constexpr std::uint16_t kProtoPap = 0xC023;
inline constexpr std::uint16_t kProtoChap = 0xC223;
inline constexpr std::uint16_t kProtoIpcp = 0x8021;
inline constexpr std::uint16_t kProtoIpv4 = 0x0021;

// What the peer agreed to receive (its LCP Configure-Request, acknowledged by us).
struct HdlcTxOptions {
  // Control characters the peer wants escaped; all of them until LCP is opened (RFC 1662 §7.1).
  std::uint32_t accm = 0xFFFFFFFF;
  bool acfc = false;  // omit FF 03
  bool pfc = false;   // one-octet protocol field where it fits
};

// HDLC-like framing of RFC 1662 in asynchronous mode: flag, address and control, protocol,
// information, FCS, flag; 0x7E, 0x7D and the control characters of the ACCM escaped.
class HdlcEncoder {
 public:
  void set_options(const HdlcTxOptions& options) { options_ = options; }
  const HdlcTxOptions& options() const { return options_; }

  // Appends one frame to `out`. LCP frames always carry the full address, control and protocol
  // fields (RFC 1661 §6.5, §6.6).
  void encode(std::uint16_t protocol, std::string_view info, std::string& out) const;

 private:
  void put(std::string& out, unsigned char byte) const;

  HdlcTxOptions options_;
};

}  // namespace cellemu::net::ppp
