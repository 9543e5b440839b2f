// AT+MPUB message decoding (app-protocols.md §3.4.5, §3.4.7; OQ-A12).
#include <gtest/gtest.h>

#include "models/air780ep/mqtt_payload.h"

namespace cellemu::models::air780ep {
namespace air780ep_mqtt_payload_test {

TEST(Air780epMqttPayload, EscapesAreABackslashAndTwoHexDigits) {
  EXPECT_EQ(decode_mqtt_escapes("{\\22id\\22:\\22123\\22}"), "{\"id\":\"123\"}");  // LTO
  EXPECT_EQ(decode_mqtt_escapes("\\0D\\0a\\5C"), "\r\n\\");
  EXPECT_EQ(decode_mqtt_escapes("a\\b\\2"), "a\\b\\2");  // any other backslash is itself
  EXPECT_EQ(decode_mqtt_escapes("\\5c22"), "\\22");      // decoded once, not again
  EXPECT_EQ(decode_mqtt_escapes("\\00"), std::string(1, '\0'));
  EXPECT_EQ(decode_mqtt_escapes(""), "");
}

TEST(Air780epMqttPayload, HexPairs) {
  EXPECT_EQ(decode_mqtt_hex("313233"), "123");  // LM MQTTMODE.md
  EXPECT_EQ(decode_mqtt_hex("00ffFF"), std::string("\x00\xff\xff", 3));
  EXPECT_EQ(decode_mqtt_hex(""), "");
  EXPECT_FALSE(decode_mqtt_hex("31323"));  // odd
  EXPECT_FALSE(decode_mqtt_hex("3G"));
}

}  // namespace air780ep_mqtt_payload_test
}  // namespace cellemu::models::air780ep
