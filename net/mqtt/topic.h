#pragma once

#include <string_view>

namespace cellemu::net::mqtt {

// Well-formed UTF-8 without U+0000 and without surrogates (MQTT 3.1.1 §1.5.3).
bool valid_utf8(std::string_view s);
// A topic name for PUBLISH: non-empty, valid UTF-8, no wildcards (§4.7.3).
bool valid_topic_name(std::string_view s);
// A topic filter for SUBSCRIBE/UNSUBSCRIBE: non-empty, valid UTF-8, '#' only as the whole last
// level, '+' only as a whole level (§4.7.1).
bool valid_topic_filter(std::string_view s);

}  // namespace cellemu::net::mqtt
