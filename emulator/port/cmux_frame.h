#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cellemu::port {

// 3GPP TS 27.010 basic option frames (services.md §7.3): F9, address (DLCI, C/R, EA), control,
// length (one octet, or two for 128 and more), information, FCS, F9.
enum class CmuxType : std::uint8_t {
  Sabm = 0x2F,
  Ua = 0x63,
  Dm = 0x0F,
  Disc = 0x43,
  Uih = 0xEF,
  Ui = 0x03,
};

struct CmuxFrame {
  std::uint8_t dlci = 0;
  bool cr = false;  // the C/R bit of the address
  CmuxType type = CmuxType::Uih;
  bool pf = false;  // poll/final
  std::string info;
};

inline constexpr unsigned char kCmuxFlag = 0xF9;
inline constexpr std::size_t kCmuxMaxInfo = 1509;

// FCS of 27.010 §5.2.1.6: 0xFF minus the reflected CRC-8 (x^8+x^2+x+1, initial 0xFF) of the
// address, control and length octets (and the information too for UI frames).
std::uint8_t cmux_fcs(std::string_view bytes);
// The CRC a receiver computes over the same octets plus the FCS when nothing was damaged.
inline constexpr std::uint8_t kCmuxFcsGood = 0xCF;
std::uint8_t cmux_crc(std::string_view bytes);

// Appends the frame, flags included, to `out`.
void encode_cmux(const CmuxFrame& frame, std::string& out);

// One multiplexer control message on DLCI 0 (27.010 §5.4.6): type octet (with its C/R bit:
// command or response) and value octets.
struct CmuxControl {
  std::uint8_t type = 0;  // the 6 type bits
  bool command = true;
  std::string value;

  static bool parse(std::string_view info, CmuxControl& out);
  std::string encode() const;
};

inline constexpr std::uint8_t kCmuxPn = 0x20;
inline constexpr std::uint8_t kCmuxPsc = 0x10;
inline constexpr std::uint8_t kCmuxCld = 0x30;
inline constexpr std::uint8_t kCmuxTest = 0x08;
inline constexpr std::uint8_t kCmuxFcOn = 0x28;
inline constexpr std::uint8_t kCmuxFcOff = 0x18;
inline constexpr std::uint8_t kCmuxMsc = 0x38;
inline constexpr std::uint8_t kCmuxNsc = 0x04;
inline constexpr std::uint8_t kCmuxRpn = 0x24;
inline constexpr std::uint8_t kCmuxRls = 0x14;

}  // namespace cellemu::port
