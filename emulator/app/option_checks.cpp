#include "emulator/app/option_checks.h"

#include <fmt/format.h>

namespace cellemu::app {

CLI::Validator duration_check(const core::DurationRange& range) {
  return CLI::Validator(
      [range](std::string& value) {
        std::string error;
        return core::parse_duration(value, range, &error) ? std::string() : error;
      },
      "");  // the range is in each option's help; no ":DURATION" after the type name
}

CLI::Validator number_check(const core::NumberRange& range) {
  return CLI::Validator(
      [range](std::string& value) {
        std::string error;
        return core::parse_number(value, range, &error) ? std::string() : error;
      },
      "");
}

CLI::Option* add_duration_option(CLI::App& app, const std::string& name, core::Duration& target,
                                 const core::DurationRange& range, const std::string& help) {
  auto store = [&target, range](const std::string& value) {
    target = core::parse_duration(value, range).value_or(target);
  };
  return app.add_option_function<std::string>(name, store, help)
      ->check(duration_check(range))
      ->type_name("DURATION")
      ->default_str(core::format_duration(target));
}

CLI::Option* add_duration_option(CLI::App& app, const std::string& name,
                                 std::optional<core::Duration>& target,
                                 const core::DurationRange& range, const std::string& help) {
  auto store = [&target, range](const std::string& value) {
    target = core::parse_duration(value, range);
  };
  return app.add_option_function<std::string>(name, store, help)
      ->check(duration_check(range))
      ->type_name("DURATION");
}

CLI::Option* add_number_option(CLI::App& app, const std::string& name, double& target,
                               const core::NumberRange& range, const std::string& help) {
  auto store = [&target, range](const std::string& value) {
    target = core::parse_number(value, range).value_or(target);
  };
  return app.add_option_function<std::string>(name, store, help)
      ->check(number_check(range))
      ->type_name("X")
      ->default_str(fmt::format("{}", target));
}

}  // namespace cellemu::app
