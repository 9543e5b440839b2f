#pragma once

#include <string>
#include <string_view>

namespace cellemu::net::ppp {

// One line a person can read for a PPP frame as HdlcDecoder hands it out (address and control
// optional, protocol field compressed or not, no FCS), for serial traces:
//   "LCP Configure-Request id=1 [accm=00000000 magic=12345678 pfc acfc]"
//   "IPCP Configure-Nak id=2 [addr=10.74.149.48 dns1=211.136.112.50 dns2=211.136.150.66]"
//   "IPv4 TCP 10.74.149.48:40000 > 127.0.0.1:8080 [SA] len=0"
std::string ppp_frame_summary(std::string_view frame);

}  // namespace cellemu::net::ppp
