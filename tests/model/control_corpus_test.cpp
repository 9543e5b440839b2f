// Every input in fuzz/corpus/control (the seeds and each crash fuzz_control has found) replayed
// through the fuzz target's own harness, so the regular suite (and its ASan/UBSan/TSan stages)
// keeps them as regression tests without a fuzzing build.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

// One harness for the fuzzer and this test: the fuzz target's source, as it is.
#include "fuzz/fuzz_control.cpp"

namespace {

TEST(ControlCorpus, EveryInputRunsClean) {
  const std::filesystem::path dir =
      std::filesystem::path(CELLEMU_SOURCE_DIR) / "fuzz/corpus/control";
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    SCOPED_TRACE(entry.path().filename().string());
    EXPECT_EQ(
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()), 0);
    ++inputs;
  }
  EXPECT_GE(inputs, 4u);
}

}  // namespace
