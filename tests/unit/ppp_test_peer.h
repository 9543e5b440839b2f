#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/bytes.h"
#include "net/ppp/control_packet.h"
#include "net/ppp/hdlc_decoder.h"
#include "net/ppp/hdlc_encoder.h"
#include "net/ppp/ppp_session.h"
#include "net/ppp/wire.h"

namespace cellemu::testing {

// "7E FF 03" -> bytes (spaces ignored).
inline std::string hex(std::string_view text) {
  std::string compact;
  for (const char c : text) {
    if (c != ' ') compact.push_back(c);
  }
  std::string out;
  if (!core::from_hex(compact, out)) throw std::invalid_argument("bad hex");
  return out;
}

// The host end of a PPP link in unit tests: frames what the test sends, decodes what the
// module sent into (protocol, information) pairs.
struct PppTestPeer {
  struct Packet {
    std::uint16_t protocol = 0;
    std::string info;
    std::uint8_t code() const { return static_cast<std::uint8_t>(info.at(0)); }
    std::uint8_t id() const { return static_cast<std::uint8_t>(info.at(1)); }
    std::string data() const { return info.substr(4); }
  };

  net::ppp::HdlcEncoder encoder;
  net::ppp::HdlcDecoder decoder{4096};
  std::deque<Packet> received;

  PppTestPeer() { decoder.set_rx_accm(0); }

  std::string frame(std::uint16_t protocol, std::string_view info) const {
    std::string out;
    encoder.encode(protocol, info, out);
    return out;
  }
  static std::string control(std::uint8_t code, std::uint8_t id, std::string_view data) {
    return net::ppp::ControlPacket::build(code, id, data);
  }
  void take(std::string_view module_output) {
    decoder.feed(module_output, [this](std::string_view f) {
      const auto parsed = net::ppp::PppFrame::parse(f);
      if (parsed) received.push_back({parsed->protocol, std::string(parsed->info)});
    });
  }
  Packet next() {
    if (received.empty()) throw std::runtime_error("no packet from the module");
    Packet p = received.front();
    received.pop_front();
    return p;
  }
};

}  // namespace cellemu::testing
