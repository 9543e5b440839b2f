// The fault table: one row per verb, from which the parser, the help texts and the README's verb
// table are made; and the argument types the verbs still to come need.
#include "emulator/control/fault_table.h"

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "emulator/control/fault_command.h"
#include "emulator/control/fault_help.h"

namespace cellemu::control {
namespace {
using namespace std::chrono_literals;

// The usages the README's "### Verbs" table lists in its first column: every `code span` of it
// ("`sim remove\|insert`"), with the Markdown escape of | undone.
std::multiset<std::string> readme_usages() {
  std::ifstream in(std::string(CELLEMU_SOURCE_DIR) + "/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const auto start = readme.find("### Verbs");
  const auto end = readme.find("\n#", start + 1);
  std::multiset<std::string> usages;
  std::istringstream section(readme.substr(start, end - start));
  const std::regex code("`([^`]*)`");
  for (std::string line; std::getline(section, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const std::string first = line.substr(0, line.find(" | "));
    for (std::sregex_iterator it(first.begin(), first.end(), code), stop; it != stop; ++it) {
      usages.insert(std::regex_replace((*it)[1].str(), std::regex(R"(\\\|)"), "|"));
    }
  }
  return usages;
}

TEST(FaultTable, ReadmeListsEveryVerbWithItsUsage) {
  std::multiset<std::string> table;
  for (const auto& row : fault_verbs()) table.insert(row.usage());
  EXPECT_EQ(readme_usages(), table)
      << "README.md \"### Verbs\" must list exactly the usages of emulator/control/fault_table.cpp";
}

TEST(FaultTable, RowsOfAVerbAreTogetherAndSubVerbsUnique) {
  std::set<std::string> seen;
  std::set<std::pair<std::string, std::string>> rows;
  std::string previous;
  for (const auto& row : fault_verbs()) {
    if (row.verb != previous) {
      EXPECT_TRUE(seen.insert(row.verb).second) << row.verb << " rows are not together";
    }
    previous = row.verb;
    EXPECT_TRUE(rows.insert({row.verb, row.sub}).second) << row.usage();
    EXPECT_NE(row.handler, nullptr) << row.usage();
    EXPECT_FALSE(row.help.empty()) << row.usage();
  }
}

TEST(FaultTable, HelpListsEveryRowAndWhatItsArgumentsAccept) {
  const std::string help = verbs_help(fault_verbs());
  for (const auto& row : fault_verbs()) {
    EXPECT_NE(help.find("  " + row.usage() + " "), std::string::npos) << row.usage();
    EXPECT_NE(help.find(row.help), std::string::npos) << row.usage();
  }
  EXPECT_NE(help.find("RSSI: 0-31 or 99"), std::string::npos) << help;
  EXPECT_NE(help.find("MS: a duration from 0 to 1h"), std::string::npos) << help;
  const std::string summary = verbs_summary(fault_verbs());
  for (const auto& row : fault_verbs()) {
    EXPECT_NE(summary.find(row.usage()), std::string::npos) << row.usage();
  }
}

// Verbs announced for later, written as rows of a table of their own: the argument types must be
// able to say them (a rest-of-line text, an optional --pdu flag, sub-verbs beside a verb's plain
// row) without a change to the parser.
const std::vector<FaultVerb>& coming_verbs() {
  enum class Power { On, Off };
  static const std::vector<FaultVerb> kRows = {
      {"sms", "deliver", {word("FROM"), rest("TEXT"), flag("--pdu", hex("HEX"))}, "an SMS arrives"},
      {"sms", "fail", {integer("CAUSE", {{0, 511}})}, "the next send fails"},
      {"sms", "list", {}, "what the service centre holds"},
      {"clock", "set", {word("ISO8601|TZ")}, "network time"},
      {"battery", "", {integer("MV", {{2800, 4400}})}, "battery voltage"},
      {"power", "", {choice<Power>({{"on", Power::On}, {"off", Power::Off}})}, "power"},
      {"sim", "lock", {word("PIN")}, "the SIM asks for PIN"},
      {"sim", "", {choice<int>({{"remove", 0}, {"insert", 1}})}, "SIM pulled / back"},
      {"link", "mqtt", {choice<int>({{"close", 0}, {"reset", 1}, {"blackhole", 2}})}, "MQTT"},
      {"link", "", {integer("ID", {{0, 5}}), choice<int>({{"close", 0}, {"reset", 1}})}, "link"},
  };
  return kRows;
}

std::optional<FaultCommand> coming(const std::string& line, std::string& error) {
  return parse_fault(split_words(line), coming_verbs(), error);
}

TEST(FaultTable, ArgumentTypesExpressTheVerbsToCome) {
  std::string error;
  auto c = coming("sms deliver +8613800000000 \"hello there\" and more", error);
  ASSERT_TRUE(c) << error;
  EXPECT_EQ(c->text(0), "+8613800000000");
  EXPECT_EQ(c->text(1), "hello there and more");
  EXPECT_FALSE(c->has(2));
  c = coming("sms deliver 10086 hi --pdu 0791AB", error);
  ASSERT_TRUE(c) << error;
  EXPECT_EQ(c->text(1), "hi");
  EXPECT_EQ(c->text(2), "0791AB");
  EXPECT_FALSE(coming("sms deliver 10086 hi --pdu 0791A", error));
  EXPECT_EQ(error,
            "usage: sms deliver FROM TEXT [--pdu HEX] with FROM one line of text, in quotes if it "
            "has spaces, TEXT the rest of the line, HEX an even number of hex digits (got HEX "
            "'0791A')");
  EXPECT_FALSE(coming("sms deliver 10086 hi --pdu", error));
  EXPECT_NE(error.find("(--pdu needs HEX)"), std::string::npos) << error;
  EXPECT_FALSE(coming("sms deliver 10086", error));
  EXPECT_NE(error.find("(TEXT missing)"), std::string::npos) << error;
  ASSERT_TRUE(coming("sms list", error)) << error;
  EXPECT_EQ(coming("sms fail 500", error)->integer(0), 500);
  EXPECT_EQ(coming("clock set +32", error)->text(0), "+32");
  EXPECT_EQ(coming("battery 3700", error)->integer(0), 3700);
  EXPECT_EQ(coming("power off", error)->integer(0), 1);
  EXPECT_EQ(coming("sim lock 0000", error)->verb->sub, "lock");
  EXPECT_EQ(coming("sim remove", error)->verb->sub, "");
  EXPECT_EQ(coming("link mqtt reset", error)->integer(0), 1);
  EXPECT_EQ(coming("link 3 close", error)->integer(0), 3);
  EXPECT_EQ(usage_of("sim", coming_verbs()), "sim lock PIN | sim remove|insert");
}

}  // namespace
}  // namespace cellemu::control
