#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cellemu::models::air780ep {

// How the Air780EP reads the quoted message of AT+MPUB and the will message of AT+MCONFIG
// (app-protocols.md §3.4.5, §3.4.7).

// MQTTMODE=0: a backslash and two hex digits (either case) are that byte ("\22" = '"', "\0D",
// "\0A", "\5C"); any other backslash is itself (LM MPUB.md, LTO, OQ-A12).
std::string decode_mqtt_escapes(std::string_view text);

// MQTTMODE=1: hex pairs ("313233" = "123", LM MQTTMODE.md); nullopt on an odd length or a
// character that is not a hex digit.
std::optional<std::string> decode_mqtt_hex(std::string_view text);

}  // namespace cellemu::models::air780ep
