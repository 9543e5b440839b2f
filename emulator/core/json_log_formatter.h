#pragma once

#include <memory>

#include <spdlog/formatter.h>

namespace cellemu::core {

// --log-format json: one JSON object per line,
//   {"time":"2024-07-23T08:35:01.123Z","level":"info","logger":"app","msg":"..."}
// with every string properly escaped (spdlog's pattern formatter cannot escape). Connection
// events (logger "conn") also carry their fields as keys: "modem", "link", "proto", "peer",
// "event", "result", "detail".
class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace cellemu::core
