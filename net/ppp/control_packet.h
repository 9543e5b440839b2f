#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cellemu::net::ppp {

// One PPP frame after the HDLC layer: its protocol and information field.
struct PppFrame {
  std::uint16_t protocol = 0;
  std::string_view info;

  // Strips FF 03 when present (ACFC otherwise) and reads a one- or two-octet protocol field
  // (PFC). nullopt for a frame that is neither (wrong address/control, empty, even last octet).
  static std::optional<PppFrame> parse(std::string_view frame);
};

// Codes of the packets LCP and the NCPs exchange (RFC 1661 §5).
namespace code {
constexpr std::uint8_t kConfigureRequest = 1;
constexpr std::uint8_t kConfigureAck = 2;
constexpr std::uint8_t kConfigureNak = 3;
constexpr std::uint8_t kConfigureReject = 4;
constexpr std::uint8_t kTerminateRequest = 5;
constexpr std::uint8_t kTerminateAck = 6;
constexpr std::uint8_t kCodeReject = 7;
constexpr std::uint8_t kProtocolReject = 8;
constexpr std::uint8_t kEchoRequest = 9;
constexpr std::uint8_t kEchoReply = 10;
constexpr std::uint8_t kDiscardRequest = 11;
}  // namespace code

// The packet format LCP, IPCP, PAP and CHAP share (RFC 1661 §5): code, identifier, length, data.
struct ControlPacket {
  std::uint8_t code = 0;
  std::uint8_t id = 0;
  std::string_view data;

  // nullopt when shorter than its header or its length field; octets past the length field are
  // padding and ignored (RFC 1661 §5).
  static std::optional<ControlPacket> parse(std::string_view info);
  static std::string build(std::uint8_t code, std::uint8_t id, std::string_view data);
};

// One configuration option (RFC 1661 §6): type, and the data after the length octet.
struct ConfigOption {
  std::uint8_t type = 0;
  std::string_view data;
};

// nullopt for a malformed list (a length below 2 or running past the end).
std::optional<std::vector<ConfigOption>> parse_options(std::string_view data);
void append_option(std::string& out, std::uint8_t type, std::string_view data);

}  // namespace cellemu::net::ppp
