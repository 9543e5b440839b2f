#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/common.h>

namespace cellemu::core {

// One connection-level event of a virtual socket (connect, accept, close, DNS, ...), logged the
// same way by every model so a test bench can follow each link: which modem, which link, which
// peer, what happened and how it ended.
struct ConnectionEvent {
  std::string_view modem;     // session name, "modem0" (at::InterpreterOptions::modem_name)
  int link = 0;               // the module's link / socket id as the host sees it
  std::string_view protocol;  // "TCP", "UDP", "SSL"; optional
  std::string_view peer;      // "host:port" as the module reports it
  std::string_view event;     // "connect", "accept", "listen", "close", "dns", ...
  std::string_view result;    // "ok", "CONNECT FAIL", "refused", "timeout", ...
  std::string_view detail;    // optional free text (the real address a route chose, ...)
};

// Logs `e` on the "conn" logger, one line: in text format the logfmt form
//   modem=modem0 link=1 proto=TCP peer=112.125.89.8:37076 event=connect result=ok
// and with --log-format json every field becomes a key of the JSON object.
void log_connection(const ConnectionEvent& e,
                    spdlog::level::level_enum level = spdlog::level::info);

// The logfmt line above: values with spaces, quotes, '=' or control bytes are double-quoted with
// C-style escapes; empty optional fields are left out.
std::string to_logfmt(const ConnectionEvent& e);
// Inverse of to_logfmt (used by the JSON log format); false if `text` is not well-formed.
bool parse_logfmt(std::string_view text, std::vector<std::pair<std::string, std::string>>& out);

// The logger connection events go to.
inline constexpr std::string_view kConnectionLogger = "conn";

}  // namespace cellemu::core
