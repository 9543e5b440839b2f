#include "emulator/app/config_file.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "emulator/core/quote_input.h"

namespace cellemu::app {
namespace {

// A bad value is quoted up to this many bytes; a whole reason never runs longer than a line.
constexpr std::size_t kQuotedValue = 32;
constexpr std::size_t kLongestReason = 400;

// Keys that make no sense in a file.
constexpr std::string_view kCommandLineOnly[] = {"config", "help", "version"};

std::string option_key(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return key;
}

// The option's values as CLI11 would have received them from the command line.
std::optional<std::string> values_of(const std::string& key, const YAML::Node& node,
                                     std::vector<std::string>& values) {
  if (node.IsScalar()) {
    values.push_back(node.Scalar());
    return std::nullopt;
  }
  if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        return fmt::format("line {}: {}: expected a value", item.Mark().line + 1, key);
      }
      values.push_back(item.Scalar());
    }
    return std::nullopt;
  }
  if (node.IsNull()) return fmt::format("line {}: {}: no value", node.Mark().line + 1, key);
  return fmt::format("line {}: {}: expected a value or a list, not a mapping", node.Mark().line + 1,
                     key);
}

// CLI11's message without its "--key: " prefix, each long value it quotes cut short.
std::string shortened(std::string why, const std::string& key,
                      const std::vector<std::string>& values) {
  const std::string prefix = "--" + key + ": ";
  if (why.rfind(prefix, 0) == 0) why.erase(0, prefix.size());
  for (const auto& value : values) {
    if (value.size() <= kQuotedValue) continue;
    const std::string quoted = core::quote_input(value, kQuotedValue);
    for (auto at = why.find(value); at != std::string::npos; at = why.find(value, at)) {
      why.replace(at, value.size(), quoted);
      at += quoted.size();
    }
  }
  return why.size() <= kLongestReason ? why : core::quote_input(why, kLongestReason);
}

std::optional<std::string> apply_option(CLI::App& app, const std::string& key,
                                        const YAML::Node& node) {
  const int line = node.Mark().line + 1;
  CLI::Option* opt = app.get_option_no_throw("--" + key);
  if (!opt || std::find(std::begin(kCommandLineOnly), std::end(kCommandLineOnly), key) !=
                  std::end(kCommandLineOnly)) {
    return fmt::format(
        "line {}: unknown key {} (expected an option name without dashes such "
        "as count or log-level, or profiles / scenario)",
        line, core::quote_input(key));
  }
  std::vector<std::string> values;
  if (auto err = values_of(key, node, values)) return err;
  if (values.size() > 1 && opt->get_items_expected_max() <= 1) {
    return fmt::format("line {}: {}: takes one value, not a list", line, key);
  }
  if (opt->count() > 0) return std::nullopt;  // the command line wins
  try {
    opt->add_result(values);
    opt->run_callback();
  } catch (const CLI::Error& e) {
    opt->clear();
    return fmt::format("line {}: {}: {}", line, key, shortened(e.what(), key, values));
  }
  return std::nullopt;
}

std::optional<std::string> apply_document(const YAML::Node& root, CLI::App& app,
                                          AppOptions& options) {
  if (root.IsNull()) return std::nullopt;  // an empty file
  if (!root.IsMap()) {
    return fmt::format("line {}: expected a mapping of option names to values",
                       root.Mark().line + 1);
  }
  for (const auto& item : root) {
    const std::string key = option_key(item.first.Scalar());
    if (key == "profiles") {
      if (auto err = ProfileOverrides::parse(item.second, options.profile_overrides)) return err;
    } else if (key == "scenario") {
      std::string error;  // ":LINE: reason" (no source name here) -> "line LINE: reason"
      options.scenario = scenario::parse_scenario(item.second, "", error);
      if (!options.scenario) return "line " + error.substr(1);
    } else if (auto err = apply_option(app, key, item.second)) {
      return err;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ConfigFile::apply_text(const std::string& text, const std::string& name,
                                                  CLI::App& app, AppOptions& options) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return fmt::format("{}:{}: {}", name, e.mark.line + 1, e.msg);
  }
  if (auto err = apply_document(root, app, options)) {
    // "line N: why" -> "FILE:N: why", the way compilers name a place in a file.
    if (err->rfind("line ", 0) == 0) {
      const auto colon = err->find(':');
      return name + ":" + err->substr(5, colon - 5) + err->substr(colon);
    }
    return name + ": " + *err;
  }
  return std::nullopt;
}

std::optional<std::string> ConfigFile::apply(CLI::App& app, AppOptions& options) {
  std::ifstream in(options.config);
  if (!in) return fmt::format("{}: cannot read the config file", options.config);
  std::stringstream text;
  text << in.rdbuf();
  return apply_text(text.str(), options.config, app, options);
}

}  // namespace cellemu::app
