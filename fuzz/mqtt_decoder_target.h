#pragma once

// The MQTT 3.1.1 decoder on arbitrary bytes at arbitrary read boundaries: it never holds more
// than one packet, reports nothing after an error, and every packet it accepts encodes back to
// bytes that decode to the same packet. Input: [read size][buffer limit / 16] then the stream.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "net/mqtt/decoder.h"
#include "net/mqtt/encoder.h"

namespace cellemu::fuzz {

namespace mqtt_decoder_detail {
inline void check_round_trip(const net::mqtt::Packet& packet) {
  using namespace net::mqtt;
  const std::string again = encode(packet);
  Decoder fresh;
  int seen = 0;
  fresh.feed(again, [&](Decoder::Item&& item) {
    const auto* back = std::get_if<Packet>(&item);
    if (!back || *back != packet) std::abort();
    ++seen;
    return true;
  });
  if (seen != 1 || fresh.buffered() != 0) std::abort();
}
}  // namespace mqtt_decoder_detail

inline int run_mqtt_decoder(const std::uint8_t* data, std::size_t size) {
  using namespace net::mqtt;
  if (size < 2) return 0;
  const std::size_t step = 1 + data[0] % 64;
  const std::size_t max_packet = 4 + static_cast<std::size_t>(data[1]) * 16;
  const std::string_view input(reinterpret_cast<const char*>(data) + 2, size - 2);
  Decoder decoder(max_packet);
  bool failed = false;
  for (std::size_t i = 0; i < input.size(); i += step) {
    decoder.feed(input.substr(i, step), [&](Decoder::Item&& item) {
      if (failed) std::abort();
      if (std::holds_alternative<DecodeError>(item)) {
        failed = true;
      } else if (const auto* big = std::get_if<OversizedPublish>(&item)) {
        if (big->payload_size == 0 || big->topic.empty()) std::abort();
      } else {
        mqtt_decoder_detail::check_round_trip(std::get<Packet>(item));
      }
      return true;
    });
    if (decoder.buffered() > max_packet + 5) std::abort();
  }
  return 0;
}

}  // namespace cellemu::fuzz
