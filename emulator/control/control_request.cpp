#include "emulator/control/control_request.h"

#include <nlohmann/json.hpp>

#include "emulator/core/quote_input.h"

namespace cellemu::control {
namespace {

using nlohmann::json;

constexpr const char* kExample = R"(; send e.g. {"cmd":"status","modem":0})";

std::optional<std::vector<std::string>> words_of(const json& request, std::string& error) {
  const bool has_cmd = request.contains("cmd");
  if (has_cmd == request.contains("args")) {
    error = std::string("give either \"cmd\" (a string) or \"args\" (a list of words)") + kExample;
    return std::nullopt;
  }
  if (has_cmd) {
    const json& cmd = request["cmd"];
    if (!cmd.is_string()) {
      error = std::string("\"cmd\" must be a string, not ") + cmd.type_name() + kExample;
      return std::nullopt;
    }
    return split_words(cmd.get_ref<const std::string&>());
  }
  const json& args = request["args"];
  std::vector<std::string> words;
  for (const auto& a : args.is_array() ? args : json::array({json::object()})) {
    if (!a.is_string() && !a.is_number()) {
      error = "\"args\" must be a list of strings or numbers, e.g. [\"link\",\"0\",\"reset\"]";
      return std::nullopt;
    }
    words.push_back(a.is_string() ? a.get<std::string>() : a.dump());
  }
  return words;
}

std::optional<std::size_t> modem_of(const json& request, std::size_t modems, std::string& error) {
  if (!request.contains("modem")) return 0;
  const json& m = request["modem"];
  const auto last = std::to_string(modems == 0 ? 0 : modems - 1);
  if (!m.is_number_integer()) {
    error = std::string("\"modem\" must be a modem number from 0 to ") + last + ", not " +
            (m.is_number() ? m.dump() : m.type_name());
    return std::nullopt;
  }
  const bool negative = m.is_number_unsigned() ? false : m.get<std::int64_t>() < 0;
  if (negative || m.get<std::uint64_t>() >= modems) {
    error = "no modem " + m.dump() + " (this emulator runs " + std::to_string(modems) + ")";
    return std::nullopt;
  }
  return static_cast<std::size_t>(m.get<std::uint64_t>());
}

bool known_fields(const json& request, std::string& error) {
  for (const auto& [key, value] : request.items()) {
    if (key != "cmd" && key != "args" && key != "modem") {
      error = "unknown field " + core::quote_input(key) + " (a request has cmd or args, and modem)";
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<ControlRequest> ControlRequest::parse(std::string_view line, std::size_t modems,
                                                    std::string& error) {
  const json request = json::parse(line, nullptr, false);
  if (request.is_discarded() || !request.is_object()) {
    error = std::string("not a JSON object") + kExample;
    return std::nullopt;
  }
  if (!known_fields(request, error)) return std::nullopt;
  const auto words = words_of(request, error);
  if (!words) return std::nullopt;
  const auto modem = modem_of(request, modems, error);
  if (!modem) return std::nullopt;
  auto command = parse_fault(*words, error);
  if (!command) return std::nullopt;
  return ControlRequest{*modem, std::move(*command)};
}

}  // namespace cellemu::control
