#include "emulator/at/line_assembler.h"

#include <gtest/gtest.h>

#include "emulator/core/bytes.h"

namespace cellemu::at {
namespace {

// Records every event as text so whole sequences can be compared.
class Recorder : public LineAssembler::Listener {
 public:
  void on_echo(std::string_view b) override { log += "E(" + core::escape_bytes(b) + ")"; }
  void on_line(LineKind k, std::string_view body) override {
    static constexpr const char* kKinds[] = {"CMD", "NOTAT", "LONG", "REPEAT"};
    log += std::string(kKinds[static_cast<int>(k)]) + "(" + core::escape_bytes(body) + ")";
    if (k == LineKind::Command && body == "+CIPSEND" && assembler) {
      assembler->begin_window(WindowSpec{.length = std::nullopt, .echo = echo_window});
    }
  }
  void on_window_done(WindowEnd end, std::string data) override {
    static constexpr const char* kEnds[] = {"len", "ctrlz", "esc", "forced"};
    log += std::string("W[") + kEnds[static_cast<int>(end)] + "](" + core::escape_bytes(data) + ")";
  }
  void on_data(std::string_view b) override { log += "D(" + core::escape_bytes(b) + ")"; }

  std::string log;
  LineAssembler* assembler = nullptr;
  bool echo_window = false;
};

// Events with echo merged, so outputs of different read splits compare equal.
std::string run(std::string_view input, bool echo, const std::vector<std::size_t>& splits) {
  AtSettings settings;
  settings.echo = echo;
  Recorder rec;
  LineAssembler assembler(rec, settings, 16);
  rec.assembler = &assembler;
  std::size_t from = 0;
  std::vector<std::size_t> cuts = splits;
  cuts.push_back(input.size());
  for (std::size_t cut : cuts) {
    std::size_t pos = from;
    while (pos < cut) pos += assembler.feed(input.substr(pos, cut - pos));
    from = cut;
  }
  std::string merged;  // join adjacent echo events
  std::string& log = rec.log;
  std::size_t i = 0;
  std::string pending_echo;
  while (i < log.size()) {
    if (log.compare(i, 2, "E(") == 0) {
      const auto close = log.find(')', i);
      pending_echo += log.substr(i + 2, close - i - 2);
      i = close + 1;
      continue;
    }
    if (!pending_echo.empty()) merged += "E(" + pending_echo + ")";
    pending_echo.clear();
    const auto close = log.find(')', i);
    merged += log.substr(i, close - i + 1);
    i = close + 1;
  }
  if (!pending_echo.empty()) merged += "E(" + pending_echo + ")";
  return merged;
}

TEST(LineAssembler, LinesEchoAndKinds) {
  EXPECT_EQ(run("AT\rat+csq\rSHUT OK\r\r", true, {}),
            "E(AT\\r)CMD()E(at+csq\\r)CMD(+csq)E(SHUT OK\\r)NOTAT(SHUT OK)E(\\r)");
}

TEST(LineAssembler, BackspaceNeverDeletesThePrefix) {
  EXPECT_EQ(run("AT+CSX\x08Q\r", false, {}), "CMD(+CSQ)");
  EXPECT_EQ(run("AT\x08\x08\x08\r", false, {}), "CMD()");
}

TEST(LineAssembler, RepeatNeedsNoTerminator) {
  EXPECT_EQ(run("a/", false, {}), "REPEAT()");
}

TEST(LineAssembler, OverlongLineIsOneError) {
  EXPECT_EQ(run("AT+0123456789ABCDEFGHIJ\r", false, {}), "LONG(AT+0123456789ABCDE)");
}

TEST(LineAssembler, LineFeedAfterTerminatorIsSwallowed) {
  EXPECT_EQ(run("AT\r\nAT\r", true, {}), "E(AT\\r\\n)CMD()E(AT\\r)CMD()");
  // Arriving in a later read it is still swallowed (and echoed after the line ran).
  EXPECT_EQ(run("AT\r\nAT\r", true, {3}), "E(AT\\r)CMD()E(\\nAT\\r)CMD()");
}

TEST(LineAssembler, WindowDropsLeadingLineFeedAfterBareCr) {  // LM CIPSEND note 6, D-013
  EXPECT_EQ(run("AT+CIPSEND\r\n123\x1A", false, {11}), "CMD(+CIPSEND)W[ctrlz](123)");
  EXPECT_EQ(run("AT+CIPSEND\r\n123\x1A", false, {}), "CMD(+CIPSEND)W[ctrlz](123)");
  EXPECT_EQ(run("AT+CIPSEND\rab\x1B", false, {}), "CMD(+CIPSEND)W[esc](ab)");
}

TEST(LineAssembler, WindowEchoesPayloadButNotTerminator) {  // S0: 666888 echoed, \x1A not
  AtSettings settings;
  Recorder rec;
  rec.echo_window = true;
  LineAssembler a(rec, settings);
  rec.assembler = &a;
  a.feed("AT+CIPSEND\r");
  a.feed("666888\r\n\x1A");
  EXPECT_EQ(rec.log, "E(AT+CIPSEND\\r)CMD(+CIPSEND)E(666888\\r\\n)W[ctrlz](666888\\r\\n)");
}

TEST(LineAssembler, FixedWindowTakesExactlyLengthThenCommandState) {
  AtSettings settings;
  settings.echo = false;
  Recorder rec;
  LineAssembler a(rec, settings);
  a.begin_window(WindowSpec{.length = 3, .max_store = 1460});
  EXPECT_EQ(a.feed("a\x1A"
                   "cAT\r"),
            6u);
  EXPECT_EQ(rec.log, "W[len](a\\x1Ac)CMD()");
}

TEST(LineAssembler, WindowStoresAtMostMaxStore) {  // OQ-29
  AtSettings settings;
  Recorder rec;
  LineAssembler a(rec, settings);
  a.begin_window(WindowSpec{.max_store = 4});
  a.feed("123456789\x1A");
  EXPECT_EQ(rec.log, "W[ctrlz](1234)");
}

TEST(LineAssembler, TransparentPassesEverything) {
  AtSettings settings;
  Recorder rec;
  LineAssembler a(rec, settings);
  a.enter_transparent();
  a.feed("AT+CSTT\r\n");
  EXPECT_EQ(rec.log, "D(AT+CSTT\\r\\n)");
}

// S3 and S5 may be set to characters that are ordinary by default (DEL as backspace is common):
// they still end and edit the line wherever they fall in a read.
TEST(LineAssembler, TerminatorAndBackspaceFollowS3AndS5) {
  AtSettings settings;
  settings.echo = false;
  settings.s3 = '~';
  settings.s5 = 0x7F;
  Recorder rec;
  LineAssembler a(rec, settings);
  a.feed("AT+CSX\x7FQ~ATI\r~");
  EXPECT_EQ(rec.log, "CMD(+CSQ)CMD(I\\r)");
}

// The line handed to the listener stays what it was while the listener switches the assembler
// into another mode (a handler starting data mode).
TEST(LineAssembler, LineStaysValidWhileTheListenerSwitchesMode) {
  struct Switcher : LineAssembler::Listener {
    void on_echo(std::string_view) override {}
    void on_line(LineKind, std::string_view body) override {
      assembler->enter_transparent();
      assembler->reset();
      seen = std::string(body);
    }
    void on_window_done(WindowEnd, std::string) override {}
    void on_data(std::string_view) override {}
    LineAssembler* assembler = nullptr;
    std::string seen;
  };
  AtSettings settings;
  Switcher listener;
  LineAssembler a(listener, settings);
  listener.assembler = &a;
  a.feed("AT+CIPSTART=\"TCP\",\"1.2.3.4\",5\r");
  EXPECT_EQ(listener.seen, "+CIPSTART=\"TCP\",\"1.2.3.4\",5");
  EXPECT_FALSE(a.mid_line());
}

// The same bytes give the same lines whatever the reads look like (CR-only terminators: the
// placement of an LF echo legitimately depends on reads, OQ-59).
TEST(LineAssembler, EveryByteBoundaryGivesTheSameEvents) {
  const std::string inputs[] = {
      "AT+CSQ\rATE0\rAT+CIPSTART=\"TCP\",\"a\",1\rxx\r\rAT+CSX\x08Q\rA/",
      "AT+CIPSEND\rhello\r\n\x1A"
      "AT\r",
      "AT+CIPSEND\r\n12\x1B"
      "at\r",
  };
  for (const auto& input : inputs) {
    for (bool echo : {true, false}) {
      const std::string whole = run(input, echo, {});
      for (std::size_t cut = 1; cut < input.size(); ++cut) {
        if (input[cut - 1] == '\r' && input[cut] == '\n') continue;
        EXPECT_EQ(run(input, echo, {cut}), whole)
            << "split at " << cut << " of " << core::escape_bytes(input);
      }
    }
  }
}

}  // namespace
}  // namespace cellemu::at
