#include "emulator/core/json_log_formatter.h"

#include <ctime>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "emulator/core/connection_log.h"
#include "emulator/core/json_text.h"

namespace cellemu::core {
namespace {

std::string utc_timestamp(spdlog::log_clock::time_point t) {
  using namespace std::chrono;
  const auto since = t.time_since_epoch();
  const std::time_t secs = duration_cast<seconds>(since).count();
  const auto ms = duration_cast<milliseconds>(since).count() % 1000;
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

bool all_digits(const std::string& s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void append_key(std::string& out, std::string_view key, std::string_view value) {
  out += ",\"";
  out.append(key);
  out += "\":\"";
  append_json_utf8(out, value);
  out += '"';
}

}  // namespace

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const std::string_view logger_name(msg.logger_name.data(), msg.logger_name.size());
  const std::string_view payload(msg.payload.data(), msg.payload.size());
  const auto level = spdlog::level::to_string_view(msg.level);
  std::string out = "{\"time\":\"" + utc_timestamp(msg.time) + "\"";
  append_key(out, "level", std::string_view(level.data(), level.size()));
  append_key(out, "logger", logger_name);
  std::vector<std::pair<std::string, std::string>> fields;
  if (logger_name == kConnectionLogger && parse_logfmt(payload, fields)) {
    for (const auto& [key, value] : fields) {
      if (key == "link" && all_digits(value)) {
        out += ",\"link\":" + value;
      } else if (key != "time" && key != "level" && key != "logger" && key != "msg") {
        append_key(out, key, value);
      }
    }
  }
  append_key(out, "msg", payload);
  out += "}\n";
  dest.append(out.data(), out.data() + out.size());
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

}  // namespace cellemu::core
