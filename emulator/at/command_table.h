#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "emulator/at/command_context.h"

namespace cellemu::at {

// What a module answers to the forms a command does not have ("AT+CSQ?" where only "AT+CSQ"
// exists). It differs per command set and now and then per command (spec v250 §3, nm28.md §3):
// a table holds its command set's answer, a command may override it.
struct AbsentForms {
  Final read;
  Final set;
  Final exec;

  static AbsentForms all(const Final& answer) { return {answer, answer, answer}; }
};

// The information text of a test form ("AT+CSQ=?" -> "+CSQ: (0-31,99),(0-7,99)"), printed before
// OK; empty: OK alone. Fixed text, or computed from the model when it shows model data. "{ids}"
// in it stands for the table's id range ("(0-7)"), as the modem is configured now.
template <class Target>
class TestText {
 public:
  using Make = std::string (*)(Target&);

  TestText() = default;
  TestText(const char* text) : text_(text) {}             // NOLINT: a table entry reads as text
  TestText(std::string text) : text_(std::move(text)) {}  // NOLINT
  TestText(Make make) : make_(make) {}                    // NOLINT

  std::string render(Target& target) const { return make_ ? make_(target) : text_; }

 private:
  std::string text_;
  Make make_ = nullptr;
};

// One command: which of its forms exist, with a handler each, and its test answer as data. A
// handler runs only for its own form; every other form is answered by the table.
template <class Target>
struct CommandForms {
  using Handler = Outcome (*)(Target&, CommandContext&);

  TestText<Target> test;   // AT+X=? (every command has one)
  Handler read = nullptr;  // AT+X?
  Handler set = nullptr;   // AT+X=<args>
  Handler exec = nullptr;  // AT+X
  // This command's answers to its absent forms; unset: the table's.
  std::optional<AbsentForms> absent;
  // A command a profile knob can switch off: while this says false it is unknown (plain ERROR).
  bool (*enabled)(Target&) = nullptr;
};

// Replaces every "{ids}" in `text` with `ids`.
void expand_ids(std::string& text, std::string_view ids);

// Exact command name -> its forms. Handlers are plain functions of the model instance, so one
// table is built per model type and shared by every modem of that type.
template <class Target>
class CommandTable {
 public:
  using Command = CommandForms<Target>;
  using IdRange = std::string (*)(Target&);

  // `absent`: the command set's answer to absent forms; `ids`: what "{ids}" in test texts reads.
  explicit CommandTable(AbsentForms absent, IdRange ids = nullptr)
      : absent_(std::move(absent)), ids_(ids) {}

  void add(std::string name, Command command) {
    commands_.insert_or_assign(std::move(name), std::move(command));
  }
  bool contains(const std::string& name) const { return commands_.contains(name); }

  // nullopt: not a command of this table (or switched off).
  std::optional<Outcome> dispatch(Target& target, CommandContext& ctx) const {
    const auto it = commands_.find(ctx.cmd().name);
    if (it == commands_.end()) return std::nullopt;
    const Command& c = it->second;
    if (c.enabled && !c.enabled(target)) return std::nullopt;
    switch (ctx.kind()) {
      case CommandKind::Exec:
        return c.exec ? c.exec(target, ctx) : absent(c).exec;
      case CommandKind::Set:
        return c.set ? c.set(target, ctx) : absent(c).set;
      case CommandKind::Read:
        return c.read ? c.read(target, ctx) : absent(c).read;
      case CommandKind::Test:
        return test(c, target, ctx);
    }
    return std::nullopt;
  }

 private:
  const AbsentForms& absent(const Command& c) const { return c.absent ? *c.absent : absent_; }

  Outcome test(const Command& c, Target& target, CommandContext& ctx) const {
    std::string text = c.test.render(target);
    if (text.empty()) return Final::ok();
    if (ids_ && text.find("{ids}") != std::string::npos) expand_ids(text, ids_(target));
    ctx.info(text);
    return Final::ok();
  }

  std::unordered_map<std::string, Command> commands_;
  AbsentForms absent_;
  IdRange ids_;
};

}  // namespace cellemu::at
