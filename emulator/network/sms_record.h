#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cellemu::network {

// How a message went through the emulated SMSC.
enum class Route {
  Modem,     // from one modem of the process to another
  Kept,      // to a number outside the process: kept by the SMSC
  Injected,  // from outside (`cellemu ctl sms deliver`, a scenario) to a modem
};

// One whole message as `cellemu ctl sms list` and `--sms-log` show it: concatenated parts are
// joined once the last one is in (or when the SMSC gives up waiting for the rest).
struct SmsRecord {
  std::uint64_t id = 0;
  std::string time;  // network time of the last part, ISO 8601 with the zone offset
  Route route = Route::Kept;
  std::string from;
  std::string to;
  std::optional<std::string> text;  // UTF-8, when every part carries text
  std::vector<std::string> pdus;    // the TPDUs (hex), when some part carries 8-bit data
  int parts = 1;
  bool complete = true;  // false: parts were missing when the SMSC gave up on them

  // {"id":1,"time":"...","route":"kept","from":"...","to":"...","parts":1,"text":"..."}
  std::string json() const;
};

std::string_view route_name(Route route);

}  // namespace cellemu::network
