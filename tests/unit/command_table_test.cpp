// at::CommandTable: a command declares its forms; the table runs the one asked for, answers the
// forms that do not exist and prints test texts.
#include "emulator/at/command_table.h"

#include <gtest/gtest.h>

#include "emulator/at/at_interpreter.h"
#include "emulator/core/manual_timer_service.h"
#include "emulator/core/memory_channel.h"

namespace cellemu::at {
namespace {

struct Device {
  int value = 7;
  int links = 4;
  bool knob = true;
};

Outcome read_value(Device& d, CommandContext& ctx) {
  ctx.info("+VAL: " + std::to_string(d.value));
  return Final::ok();
}
Outcome set_value(Device& d, CommandContext& ctx) {
  const auto v = ctx.args() ? ctx.args()->int_in(0, 0, 9) : std::nullopt;
  if (!v) return Final::cme(CmeError::OperationNotAllowed);
  d.value = *v;
  return Final::ok();
}
Outcome exec_reset(Device& d, CommandContext&) {
  d.value = 0;
  return Final::ok();
}
std::string computed(Device& d) {
  return "+CALC: " + std::to_string(d.value * 2);
}
std::string link_ids(Device& d) {
  return "(0-" + std::to_string(d.links - 1) + ")";
}
bool knob_on(Device& d) {
  return d.knob;
}

// The table behind a real AT engine on an in-memory line (ATE0 as after a host's init).
class Bench : public CommandDispatcher {
 public:
  explicit Bench(const CommandTable<Device>& table) : table_(table) {
    settings_.echo = false;
    interp_.set_dispatcher(*this);
  }
  std::optional<Outcome> dispatch(CommandContext& ctx) override {
    return table_.dispatch(device, ctx);
  }
  std::string ask(std::string_view line) {
    interp_.on_input(line);
    return channel_.take_output();
  }

  Device device;

 private:
  const CommandTable<Device>& table_;
  core::MemoryChannel channel_;
  core::ManualTimerService timers_;
  AtSettings settings_;
  AtInterpreter interp_{channel_, timers_, settings_};
};

CommandTable<Device> table() {
  CommandTable<Device> t(AbsentForms::all(Final::cme(CmeError::OperationNotAllowed)), link_ids);
  t.add("+VAL", {.test = "+VAL: (0-9)", .read = read_value, .set = set_value, .exec = exec_reset});
  t.add("+RO", {.read = read_value});
  t.add("+CALC", {.test = computed, .exec = exec_reset});
  t.add("+IDS", {.test = "+IDS: {ids},(1-{ids})", .exec = exec_reset});
  t.add("+PLAIN", {.exec = exec_reset, .absent = AbsentForms::all(Final::error())});
  t.add("+MIXED", {.set = set_value,
                   .absent = AbsentForms{
                       .read = Final::ok(), .set = Final::error(), .exec = Final::error()}});
  t.add("+KNOB", {.test = "+KNOB: (0,1)", .exec = exec_reset, .enabled = knob_on});
  return t;
}

TEST(CommandTable, EachFormRunsItsOwnHandler) {
  const auto t = table();
  Bench b(t);
  EXPECT_EQ(b.ask("AT+VAL?\r"), "\r\n+VAL: 7\r\n\r\nOK\r\n");
  EXPECT_EQ(b.ask("AT+VAL=3\r"), "\r\nOK\r\n");
  EXPECT_EQ(b.ask("AT+VAL?\r"), "\r\n+VAL: 3\r\n\r\nOK\r\n");
  EXPECT_EQ(b.ask("AT+VAL\r"), "\r\nOK\r\n");
  EXPECT_EQ(b.device.value, 0);
  EXPECT_EQ(b.ask("AT+VAL=?\r"), "\r\n+VAL: (0-9)\r\n\r\nOK\r\n");
}

TEST(CommandTable, AbsentFormsGetTheTableAnswer) {
  const auto t = table();
  Bench b(t);
  EXPECT_EQ(b.ask("AT+RO\r"), "\r\n+CME ERROR: 3\r\n");
  EXPECT_EQ(b.ask("AT+RO=1\r"), "\r\n+CME ERROR: 3\r\n");
  EXPECT_EQ(b.device.value, 7);
  EXPECT_EQ(b.ask("AT+RO=?\r"), "\r\nOK\r\n");  // no test text: OK alone
}

TEST(CommandTable, ACommandOverridesTheAbsentAnswers) {
  const auto t = table();
  Bench b(t);
  EXPECT_EQ(b.ask("AT+PLAIN?\r"), "\r\nERROR\r\n");
  EXPECT_EQ(b.ask("AT+PLAIN=1\r"), "\r\nERROR\r\n");
  EXPECT_EQ(b.ask("AT+MIXED?\r"), "\r\nOK\r\n");
  EXPECT_EQ(b.ask("AT+MIXED\r"), "\r\nERROR\r\n");
  EXPECT_EQ(b.ask("AT+MIXED=5\r"), "\r\nOK\r\n");
}

TEST(CommandTable, TestTextsAreComputedOrExpanded) {
  const auto t = table();
  Bench b(t);
  EXPECT_EQ(b.ask("AT+CALC=?\r"), "\r\n+CALC: 14\r\n\r\nOK\r\n");
  EXPECT_EQ(b.ask("AT+IDS=?\r"), "\r\n+IDS: (0-3),(1-(0-3))\r\n\r\nOK\r\n");
  b.device.links = 8;
  EXPECT_EQ(b.ask("AT+IDS=?\r"), "\r\n+IDS: (0-7),(1-(0-7))\r\n\r\nOK\r\n");
}

TEST(CommandTable, ASwitchedOffCommandIsUnknown) {
  const auto t = table();
  Bench b(t);
  EXPECT_EQ(b.ask("AT+KNOB=?\r"), "\r\n+KNOB: (0,1)\r\n\r\nOK\r\n");
  b.device.knob = false;
  EXPECT_EQ(b.ask("AT+KNOB=?\r"), "\r\nERROR\r\n");
  EXPECT_EQ(b.ask("AT+KNOB\r"), "\r\nERROR\r\n");
  EXPECT_EQ(b.ask("AT+NONE\r"), "\r\nERROR\r\n");
}

TEST(CommandTable, ExpandIdsReplacesEveryPlaceholder) {
  std::string text = "{ids}:{ids}";
  expand_ids(text, "(0-5),");
  EXPECT_EQ(text, "(0-5),:(0-5),");
  std::string none = "no placeholder";
  expand_ids(none, "x");
  EXPECT_EQ(none, "no placeholder");
}

// The verbose texts come from the model's table; a number it lacks stays a number.
TEST(CmeErrorTexts, VerboseTextsComeFromTheModelTable) {
  static constexpr CmeText kTexts[] = {{CmeError::OperationNotAllowed, "not now"},
                                       {CmeError{777}, "Vendor Text"}};
  core::MemoryChannel channel;
  AtSettings settings;
  Responder r(channel, settings, kTexts);
  settings.cmee = 2;
  r.final(Final::cme(CmeError::OperationNotAllowed));
  r.final(Final::cme(CmeError{777}));
  r.final(Final::cme(CmeError::SimNotInserted));
  EXPECT_EQ(channel.take_output(),
            "\r\n+CME ERROR: not now\r\n\r\n+CME ERROR: Vendor Text\r\n\r\n+CME ERROR: 10\r\n");
  settings.cmee = 1;
  r.final(Final::cme(CmeError{777}));
  settings.cmee = 0;
  r.final(Final::cme(CmeError{777}));
  EXPECT_EQ(channel.take_output(), "\r\n+CME ERROR: 777\r\n\r\nERROR\r\n");
}

}  // namespace
}  // namespace cellemu::at
