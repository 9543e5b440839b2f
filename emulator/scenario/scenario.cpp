#include "emulator/scenario/scenario.h"

#include "emulator/core/quote_input.h"

namespace cellemu::scenario {
namespace {

using namespace std::chrono_literals;

// A scenario may wait up to a year of emulated time; longer would never be seen.
constexpr core::DurationRange kEventTime{.max = 365 * 24h, .bare_unit = 1s};

std::string where(const std::string& source, const YAML::Node& node) {
  return source + ":" + std::to_string(node.Mark().line + 1) + ": ";
}

std::optional<core::Duration> duration_field(const YAML::Node& event, const char* key,
                                             const std::string& source, std::string& error) {
  const auto node = event[key];
  auto d = node.IsScalar() ? core::parse_duration(node.Scalar(), kEventTime) : std::nullopt;
  if (!d) {
    error = where(source, node) + "'" + key + "' must be " + kEventTime.accepted() + ", got " +
            (node.IsScalar() ? core::quote_input(node.Scalar()) : "no single value");
  }
  return d;
}

bool known_keys(const YAML::Node& node, const std::string& source, std::string& error) {
  for (const auto& kv : node) {
    const auto key = kv.first.Scalar();
    if (key != "at" && key != "after" && key != "delay" && key != "do" && key != "modem") {
      error = where(source, kv.first) + "unknown key " + core::quote_input(key) +
              " (allowed: at, after, delay, do, modem)";
      return false;
    }
  }
  return true;
}

// at: DURATION, or after: "AT+COMMAND" (with an optional delay:).
bool parse_trigger(const YAML::Node& node, const std::string& head, const std::string& source,
                   Event& e, std::string& error) {
  if (node["at"] && node["after"]) {
    error = head + "'at' and 'after' exclude each other";
    return false;
  }
  if (node["at"]) {
    e.at = duration_field(node, "at", source, error);
    if (!e.at) return false;
  } else if (node["after"]) {
    if (!node["after"].IsScalar() || node["after"].Scalar().empty()) {
      error = where(source, node["after"]) + "'after' must be the start of a command line";
      return false;
    }
    e.after = node["after"].Scalar();
  } else {
    error = head + "needs 'at: DURATION' or 'after: \"AT+COMMAND\"'";
    return false;
  }
  if (!node["delay"]) return true;
  const auto d = duration_field(node, "delay", source, error);
  if (d) e.delay = *d;
  return d.has_value();
}

bool parse_modem(const YAML::Node& node, const std::string& source, Event& e, std::string& error) {
  if (!node["modem"]) return true;
  int modem = -1;
  if (!YAML::convert<int>::decode(node["modem"], modem) || modem < 0) {
    error = where(source, node["modem"]) + "'modem' must be a modem number";
    return false;
  }
  e.modem = modem;
  return true;
}

// do: VERB ARGS, or the words as a list; checked against the fault table.
bool parse_action(const YAML::Node& node, const std::string& source, Event& e, std::string& error) {
  const auto act = node["do"];
  std::vector<std::string> words;
  if (act && act.IsScalar()) words = control::split_words(act.Scalar());
  if (act && act.IsSequence()) {
    for (const auto& w : act) words.push_back(w.Scalar());
  }
  std::string why;
  auto command = control::parse_fault(words, why);
  if (!command) {
    error = where(source, act ? act : node) + (act ? why : "missing 'do: VERB ARGS'");
    return false;
  }
  e.command = std::move(*command);
  return true;
}

std::optional<Event> parse_event(const YAML::Node& node, std::size_t index,
                                 const std::string& source, std::string& error) {
  const std::string head = where(source, node) + "event " + std::to_string(index + 1) + ": ";
  if (!node.IsMap()) {
    error = head + "expected a mapping with 'at' or 'after', and 'do'";
    return std::nullopt;
  }
  Event e;
  e.line = node.Mark().line + 1;
  if (!known_keys(node, source, error) || !parse_trigger(node, head, source, e, error) ||
      !parse_modem(node, source, e, error) || !parse_action(node, source, e, error)) {
    return std::nullopt;
  }
  return e;
}

}  // namespace

std::optional<Scenario> parse_scenario(const YAML::Node& root, const std::string& source,
                                       std::string& error) {
  if (!root.IsMap() || !root["events"] || !root["events"].IsSequence()) {
    error = source + ":" + std::to_string(root.Mark().line + 1) +
            ": expected a top-level 'events:' list";
    return std::nullopt;
  }
  Scenario scenario;
  std::size_t index = 0;
  for (const auto& node : root["events"]) {
    auto event = parse_event(node, index++, source, error);
    if (!event) return std::nullopt;
    scenario.events.push_back(std::move(*event));
  }
  return scenario;
}

std::optional<Scenario> load_scenario(const std::string& path, std::string& error) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    error = path + ": cannot read the file";
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    error = path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return std::nullopt;
  }
  return parse_scenario(root, path, error);
}

}  // namespace cellemu::scenario
