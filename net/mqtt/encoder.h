#pragma once

#include <string>

#include "net/mqtt/packet.h"

namespace cellemu::net::mqtt {

// The wire bytes of one packet (fixed header, variable header, payload). Preconditions the
// client checks before it builds a packet: every string and binary field fits 16 bits, the whole
// packet fits the Remaining Length varint, packet ids of packets that need one are not 0.
// Breaking them is a programming error and throws std::length_error / std::invalid_argument.
std::string encode(const Packet& packet);

// The Remaining Length varint of MQTT 3.1.1 §2.2.3 (1 to 4 bytes).
std::string encode_remaining_length(std::size_t length);

}  // namespace cellemu::net::mqtt
