// core::parse_duration and parse_number: the one parser every duration and scale a user writes
// goes through, with the range of its field.
#include "emulator/core/duration_parser.h"

#include <gtest/gtest.h>

#include "emulator/core/quote_input.h"

namespace cellemu::core {
namespace {
using namespace std::chrono_literals;

constexpr DurationRange kSeconds{.max = 24h, .bare_unit = 1s};
constexpr DurationRange kMillis{.max = 1h, .bare_unit = 1ms};

TEST(DurationParser, UnitsAndBareNumbers) {
  EXPECT_EQ(parse_duration("500ms", kSeconds), 500ms);
  EXPECT_EQ(parse_duration("30s", kSeconds), 30s);
  EXPECT_EQ(parse_duration("10m", kSeconds), 10min);
  EXPECT_EQ(parse_duration("2min", kSeconds), 2min);
  EXPECT_EQ(parse_duration("1h", kSeconds), 1h);
  EXPECT_EQ(parse_duration("1d", kSeconds), 24h);
  EXPECT_EQ(parse_duration("1.5s", kSeconds), 1500ms);
  EXPECT_EQ(parse_duration("0.1s", kSeconds), 100ms);
  EXPECT_EQ(parse_duration("1e3ms", kSeconds), 1s);
  EXPECT_EQ(parse_duration("20", kSeconds), 20s);
  EXPECT_EQ(parse_duration("20", kMillis), 20ms);
  EXPECT_EQ(parse_duration("0", kSeconds), 0s);
}

TEST(DurationParser, RefusesWhatIsNotADuration) {
  for (const char* text : {"", "s", "abc", "-1s", "+1s", " 1s", "1 s", "0x10", "inf", "nan", "infs",
                           "1e", "1.2.3s", "5y", "1e400"}) {
    EXPECT_FALSE(parse_duration(text, kSeconds)) << text;
  }
}

// The inputs of issue 14 item 8: each was taken and wrapped to a small or negative value.
TEST(DurationParser, OverflowIsRefusedWithTheRange) {
  std::string error;
  EXPECT_FALSE(parse_duration("1e300s", kSeconds, &error));
  EXPECT_EQ(error,
            "expected a duration from 0 to 1d such as 500ms, 30s or 10m (a bare number counts "
            "seconds), got '1e300s'");
  EXPECT_FALSE(parse_duration("1e308", kMillis, &error));
  EXPECT_NE(error.find("from 0 to 1h"), std::string::npos) << error;
  EXPECT_NE(error.find("counts milliseconds"), std::string::npos) << error;
  EXPECT_FALSE(parse_duration("1e18", kSeconds));
  EXPECT_FALSE(parse_duration("25h", kSeconds));
  EXPECT_EQ(parse_duration("24h", kSeconds), 24h);
  EXPECT_EQ(parse_duration("86400", kSeconds), 24h);
  EXPECT_FALSE(parse_duration("1ms", DurationRange{.min = 1s, .max = 1min}));
}

TEST(DurationParser, Numbers) {
  constexpr NumberRange kScale{0.001, 1000};
  EXPECT_EQ(parse_number("60", kScale), 60.0);
  EXPECT_EQ(parse_number("2.5", kScale), 2.5);
  EXPECT_EQ(parse_number("0.001", kScale), 0.001);
  EXPECT_EQ(parse_number("1e3", kScale), 1000.0);
  std::string error;
  for (const char* text : {"inf", "1e-300", "0", "1001", "nan", "-1", "", "1x", "1e400"}) {
    EXPECT_FALSE(parse_number(text, kScale, &error)) << text;
  }
  EXPECT_EQ(error, "expected a number from 0.001 to 1000, got '1e400'");
}

TEST(DurationParser, FormatReadsBack) {
  for (const auto d : {Duration(0), Duration(250ms), Duration(90s), Duration(10min), Duration(1h),
                       Duration(720h), Duration(1500ms)}) {
    EXPECT_EQ(parse_duration(format_duration(d), {.max = 1000h}), d) << format_duration(d);
  }
  EXPECT_EQ(format_duration(720h), "30d");
  EXPECT_EQ(format_duration(90s), "90s");
}

TEST(QuoteInput, ShortPrefixAndLength) {
  EXPECT_EQ(quote_input("soon"), "'soon'");
  EXPECT_EQ(quote_input("a\nb"), "'a\\nb'");
  const std::string huge(50 * 1024 * 1024, 'A');
  EXPECT_EQ(quote_input(huge), "'" + std::string(32, 'A') + "...' (52428800 bytes)");
  EXPECT_EQ(quote_input(std::string(33, 'b'), 32), "'" + std::string(32, 'b') + "...' (33 bytes)");
}

}  // namespace
}  // namespace cellemu::core
