#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/control/fault_verb.h"

namespace cellemu::control {

// One parsed verb of the fault vocabulary, shared by the live control socket (`cellemu ctl`),
// scenario files and replay directives: the row of fault_table.cpp it matched and one typed value
// per argument of that row, in the row's order. Handlers read them with the accessor of the
// argument's kind; an absent optional argument reads as 0 / empty.
struct FaultCommand {
  const FaultVerb* verb = nullptr;
  std::vector<FaultValue> values;
  std::string source;  // the words as given, for logs

  bool has(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;  // Integer and Choice arguments
  core::Duration duration(std::size_t i) const;
  double number(std::size_t i) const;     // Percentage
  std::string text(std::size_t i) const;  // Word, Rest and Hex
  template <typename E>
  E as(std::size_t i) const {  // a choice's enum value
    return static_cast<E>(integer(i));
  }
};

// Parses "link 0 reset" (or the same words as a list) against the vocabulary (fault_verbs(), or
// another table in tests). On error returns nullopt and sets `error` to one line naming the verb
// and the argument and saying what is accepted:
//   usage: signal RSSI [BER] with RSSI 0-31 or 99, BER 0-7 or 99 (got RSSI '40')
std::optional<FaultCommand> parse_fault(const std::vector<std::string>& words, FaultVerbs verbs,
                                        std::string& error);
std::optional<FaultCommand> parse_fault(const std::vector<std::string>& words, std::string& error);
std::optional<FaultCommand> parse_fault(std::string_view line, std::string& error);

// Words of a line, split on spaces; double quotes group words ("urc \"+CPIN: READY\"").
std::vector<std::string> split_words(std::string_view line);

}  // namespace cellemu::control
