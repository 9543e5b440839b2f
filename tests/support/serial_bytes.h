// How tests compare and show the bytes of a serial line: exactly, and escaped in failure messages
// (printable ASCII as is, \r \n \t \\ and every other byte as \xHH).
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "emulator/core/bytes.h"

namespace cellemu::testing {

inline constexpr std::size_t kMiB = 1024 * 1024;

// `bytes` as a failure message shows them: escaped, the first `max` bytes.
inline std::string shown(std::string_view bytes, std::size_t max = 4096) {
  return core::escape_bytes(bytes, max);
}

// EXPECT_TRUE(same_bytes(got, want)): `got` must be exactly `want`; a failure shows where they
// part and both sides escaped.
inline ::testing::AssertionResult same_bytes(std::string_view got, std::string_view want) {
  if (got == want) return ::testing::AssertionSuccess();
  const auto at = std::mismatch(got.begin(), got.end(), want.begin(), want.end()).first;
  return ::testing::AssertionFailure()
         << "bytes differ from offset " << (at - got.begin()) << " (got " << got.size() << ", want "
         << want.size() << ")\n   got: " << shown(got) << "\n  want: " << shown(want);
}

}  // namespace cellemu::testing
