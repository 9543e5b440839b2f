#include "emulator/core/logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "emulator/core/json_log_formatter.h"

namespace cellemu::core {
namespace {
// Created up front so that threads of a fleet only ever look loggers up.
constexpr std::string_view kLayers[] = {"app", "at",      "port",    "net",
                                        "tls", "session", "control", "conn"};
}  // namespace

std::shared_ptr<spdlog::logger> logger(std::string_view layer) {
  const std::string name(layer);
  if (auto existing = spdlog::get(name)) return existing;
  try {
    return spdlog::stderr_color_mt(name);  // takes the registry's level and formatter
  } catch (const spdlog::spdlog_ex&) {
    return spdlog::get(name);  // another thread registered it first
  }
}

bool configure_logging(std::string_view level, LogFormat format) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") return false;
  for (auto layer : kLayers) logger(layer);
  spdlog::set_level(parsed);
  if (format == LogFormat::Json) {
    spdlog::set_formatter(std::make_unique<JsonLogFormatter>());
  } else {
    spdlog::set_formatter(
        std::make_unique<spdlog::pattern_formatter>("%H:%M:%S.%e %^%-5l%$ [%n] %v"));
  }
  return true;
}

}  // namespace cellemu::core
