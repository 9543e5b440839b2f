// Replays fuzz_sms_pdu's seed corpus and every input that once broke the SMS codec.
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "fuzz/sms_pdu_checks.h"

namespace cellemu::fuzz {
namespace {

TEST(SmsFuzzRegression, CorpusAndPastCrashes) {
  const std::filesystem::path dir =
      std::filesystem::path(CELLEMU_SOURCE_DIR) / "fuzz/corpus/sms_pdu";
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(check_sms_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()))
        << entry.path();
    ++n;
  }
  EXPECT_GE(n, 17u);
}

}  // namespace
}  // namespace cellemu::fuzz
