#include "emulator/core/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace cellemu::core {

std::shared_ptr<spdlog::logger> logger(std::string_view layer) {
  const std::string name(layer);
  if (auto existing = spdlog::get(name)) return existing;
  auto created = spdlog::stderr_color_mt(name);
  created->set_level(spdlog::default_logger()->level());
  return created;
}

bool configure_logging(std::string_view level, LogFormat format) {
  const auto parsed = spdlog::level::from_str(std::string(level));
  if (parsed == spdlog::level::off && level != "off") return false;
  spdlog::set_level(parsed);
  if (format == LogFormat::Json) {
    spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e","level":"%l","logger":"%n","msg":"%v"})");
  } else {
    spdlog::set_pattern("%H:%M:%S.%e %^%-5l%$ [%n] %v");
  }
  spdlog::apply_all([parsed](const std::shared_ptr<spdlog::logger>& l) { l->set_level(parsed); });
  return true;
}

}  // namespace cellemu::core
