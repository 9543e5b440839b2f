#include "emulator/control/fault_command.h"

#include "emulator/control/fault_help.h"
#include "emulator/control/fault_table.h"
#include "emulator/core/quote_input.h"

namespace cellemu::control {
namespace {

const FaultVerb* find_row(const std::vector<std::string>& words, FaultVerbs verbs) {
  const FaultVerb* without_sub = nullptr;
  for (const auto& row : verbs) {
    if (row.verb != words[0]) continue;
    if (row.sub.empty()) {
      without_sub = &row;
    } else if (words.size() > 1 && words[1] == row.sub) {
      return &row;
    }
  }
  return without_sub;
}

std::string no_row_error(const std::vector<std::string>& words, FaultVerbs verbs) {
  const std::string usage = usage_of(words[0], verbs);
  if (usage.empty()) {
    return "unknown verb " + core::quote_input(words[0]) + "; verbs: " + verb_names(verbs);
  }
  if (words.size() == 1) return "usage: " + usage;
  return "usage: " + usage + " (unknown " + words[0] + " setting " + core::quote_input(words[1]) +
         ")";
}

std::string usage_error(const FaultVerb& row, const std::string& detail) {
  return "usage: " + row.usage_explained() + " (" + detail + ")";
}

std::string got(const FaultArg& arg, std::string_view word) {
  const std::string quoted = core::quote_input(word);
  return arg.kind == FaultArg::Kind::Choice ? "got " + quoted : "got " + arg.name + " " + quoted;
}

// Binds `--flag VALUE` pairs to their arguments; returns the other words, in order.
std::optional<std::vector<std::string>> take_flags(const FaultVerb& row,
                                                   const std::vector<std::string>& words,
                                                   FaultCommand& c, std::string& error) {
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::size_t k = 0;
    while (k < row.args.size() && (row.args[k].flag.empty() || row.args[k].flag != words[i])) ++k;
    if (k == row.args.size()) {
      positional.push_back(words[i]);
      continue;
    }
    const FaultArg& arg = row.args[k];
    auto value = i + 1 < words.size() ? arg.parse(words[i + 1]) : std::nullopt;
    if (!value) {
      error = usage_error(
          row, i + 1 < words.size() ? got(arg, words[i + 1]) : arg.flag + " needs " + arg.name);
      return std::nullopt;
    }
    c.values[k] = std::move(*value);
    ++i;
  }
  return positional;
}

// The next value of a positional argument: one word, or every word left for a Rest argument.
std::optional<FaultValue> take_value(const FaultVerb& row, const FaultArg& arg,
                                     const std::vector<std::string>& words, std::size_t& next,
                                     std::string& error) {
  if (next == words.size()) {
    if (arg.optional) return arg.fallback;
    error = usage_error(row, arg.name + " missing");
    return std::nullopt;
  }
  std::string word = words[next++];
  while (arg.kind == FaultArg::Kind::Rest && next < words.size()) word += " " + words[next++];
  auto value = arg.parse(word);
  if (!value) error = usage_error(row, got(arg, word));
  return value;
}

bool bind_args(const FaultVerb& row, const std::vector<std::string>& words, FaultCommand& c,
               std::string& error) {
  c.values.assign(row.args.size(), FaultValue{});
  for (std::size_t k = 0; k < row.args.size(); ++k) {
    if (!row.args[k].flag.empty()) c.values[k] = row.args[k].fallback;
  }
  const auto positional = take_flags(row, words, c, error);
  if (!positional) return false;
  std::size_t next = 0;
  for (std::size_t k = 0; k < row.args.size(); ++k) {
    if (!row.args[k].flag.empty()) continue;
    auto value = take_value(row, row.args[k], *positional, next, error);
    if (!value) return false;
    c.values[k] = std::move(*value);
  }
  if (next == positional->size()) return true;
  error = usage_error(row, "unexpected " + core::quote_input((*positional)[next]));
  return false;
}

}  // namespace

bool FaultCommand::has(std::size_t i) const {
  return i < values.size() && !std::holds_alternative<std::monostate>(values[i]);
}

std::int64_t FaultCommand::integer(std::size_t i) const {
  const auto* v = i < values.size() ? std::get_if<std::int64_t>(&values[i]) : nullptr;
  return v ? *v : 0;
}

core::Duration FaultCommand::duration(std::size_t i) const {
  const auto* v = i < values.size() ? std::get_if<core::Duration>(&values[i]) : nullptr;
  return v ? *v : core::Duration::zero();
}

double FaultCommand::number(std::size_t i) const {
  const auto* v = i < values.size() ? std::get_if<double>(&values[i]) : nullptr;
  return v ? *v : 0.0;
}

std::string FaultCommand::text(std::size_t i) const {
  const auto* v = i < values.size() ? std::get_if<std::string>(&values[i]) : nullptr;
  return v ? *v : std::string();
}

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::string current;
  bool quoted = false;
  bool have = false;
  for (const char c : line) {
    if (c == '"') {
      quoted = !quoted;
      have = true;
    } else if (c == ' ' && !quoted) {
      if (have) words.push_back(current);
      current.clear();
      have = false;
    } else {
      current += c;
      have = true;
    }
  }
  if (have) words.push_back(current);
  return words;
}

std::optional<FaultCommand> parse_fault(const std::vector<std::string>& words, FaultVerbs verbs,
                                        std::string& error) {
  if (words.empty()) {
    error = "empty command; try: status, pdp-deact, link 0 reset, net delay 200";
    return std::nullopt;
  }
  const FaultVerb* row = find_row(words, verbs);
  if (!row) {
    error = no_row_error(words, verbs);
    return std::nullopt;
  }
  FaultCommand c;
  c.verb = row;
  for (const auto& word : words) c.source += (c.source.empty() ? "" : " ") + word;
  const std::vector<std::string> args(words.begin() + (row->sub.empty() ? 1 : 2), words.end());
  if (!bind_args(*row, args, c, error)) return std::nullopt;
  return c;
}

std::optional<FaultCommand> parse_fault(const std::vector<std::string>& words, std::string& error) {
  return parse_fault(words, fault_verbs(), error);
}

std::optional<FaultCommand> parse_fault(std::string_view line, std::string& error) {
  return parse_fault(split_words(line), error);
}

}  // namespace cellemu::control
