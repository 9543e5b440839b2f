#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

namespace cellemu::core {

// Named loggers per layer ("at", "port", "net", "tls", "session", "control", "app", and "conn"
// for connection events), all sharing the level and format set by configure_logging(). Logs go
// to stderr: stdout carries only the pty path(s) so scripts can read them. Safe to call from any
// thread.
std::shared_ptr<spdlog::logger> logger(std::string_view layer);

enum class LogFormat { Text, Json };
// Accepts spdlog level names (trace, debug, info, warn, error, critical, off). Json: one JSON
// object per line (JsonLogFormatter).
bool configure_logging(std::string_view level, LogFormat format = LogFormat::Text);

}  // namespace cellemu::core
