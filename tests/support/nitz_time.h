// Reading the network time a module prints in "+NITZ: yy/MM/dd,hh:mm:ss±zz,dst".
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace cellemu::testing {

struct NitzTime {
  std::chrono::sys_seconds utc;  // the time printed: NITZ carries UTC (spec services §3.3)
  int zone = 0;                  // quarter hours east of UTC
};

// The first "+NITZ: " line in `output`; nullopt when there is none or it does not parse.
inline std::optional<NitzTime> find_nitz(std::string_view output) {
  const auto at = output.find("+NITZ: ");
  if (at == std::string_view::npos) return std::nullopt;
  const std::string line(output.substr(at, output.find("\r\n", at) - at));
  int yy, mo, dd, hh, mi, ss, zone, dst;
  char end;
  if (std::sscanf(line.c_str(), "+NITZ: %2d/%2d/%2d,%2d:%2d:%2d%3d,%d%c", &yy, &mo, &dd, &hh, &mi,
                  &ss, &zone, &dst, &end) != 8) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{year(2000 + yy), month(static_cast<unsigned>(mo)),
                            day(static_cast<unsigned>(dd))};
  if (!date.ok()) return std::nullopt;
  return NitzTime{sys_days(date) + hours(hh) + minutes(mi) + seconds(ss), zone};
}

}  // namespace cellemu::testing
