#pragma once

#include <string_view>

#include "emulator/sms/octets.h"
#include "emulator/sms/pdu_codec.h"

// The byte-exact PDUs of spec services-cases.md (names as in its table) and services.md §2.15.
namespace cellemu::sms::examples {

// DELIVER "Hello" from +8613912345678, SCTS 24/07/23,16:35:01+32, SCA +8613800210500 (25).
inline constexpr std::string_view kD1 =
    "0891683108200105F0040D91683119325476F800004270326153102305C8329BFD06";
// The same, UCS2 "你好" (24).
inline constexpr std::string_view kD2 =
    "0891683108200105F0040D91683119325476F8000842703261531023044F60597D";
// LM's +CMT example, "will" from +8613923614256 (24).
inline constexpr std::string_view kDL =
    "0891683108200105F0040D91683129634152F600002180804184422304F7349B0D";
// DELIVER segments 1/2 and 2/2 (UDH 05 00 03 2A 02 0n) "Part one, " / "part two." (35, 34).
inline constexpr std::string_view kC1 =
    "0891683108200105F0440D91683119325476F8000042703261531023110500032A0201A061391DF476975920";
inline constexpr std::string_view kC2 =
    "0891683108200105F0440D91683119325476F8000042703261533023100500032A0202E061391D44BFBF5D";
// SUBMIT "Hello" to +8613912345678, SCA 00, VP A7 (20), and with TP-SRR.
inline constexpr std::string_view kM1 = "0011000D91683119325476F80000A705C8329BFD06";
inline constexpr std::string_view kM1R = "0031000D91683119325476F80000A705C8329BFD06";
// LM's AT+CMGS=19 example (UCS2 "感谢", TP-MR 0x10, VP 0x00).
inline constexpr std::string_view kML = "0011100D91683161450179F900080004611F8C22";
// SUBMIT segments of C1/C2's text (30, 29).
inline constexpr std::string_view kS1 =
    "0051000D91683119325476F80000A7110500032A0201A061391DF476975920";
inline constexpr std::string_view kS2 =
    "0051000D91683119325476F80000A7100500032A0202E061391D44BFBF5D";
// STATUS-REPORT for MR 1 to +8613912345678, SCTS ..16:35:05, DT ..16:35:07, ST 00 (26).
inline constexpr std::string_view kR1 =
    "0891683108200105F006010D91683119325476F8427032615350234270326153702300";

inline Octets octets(std::string_view hex) {
  return from_hex(hex).value();
}
inline Pdu pdu(std::string_view hex) {
  return Pdu::split(octets(hex)).value();
}

}  // namespace cellemu::sms::examples
