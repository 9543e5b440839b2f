// Which sanitizer the tests were built with: process figures (RSS, thread count) that the tests
// check mean something else under a sanitizer's runtime.
#pragma once

#include <cstdlib>
#include <string_view>

namespace cellemu::testing {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CELLEMU_TEST_ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define CELLEMU_TEST_TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) && !defined(CELLEMU_TEST_ASAN)
#define CELLEMU_TEST_ASAN 1
#endif
#if defined(__SANITIZE_THREAD__) && !defined(CELLEMU_TEST_TSAN)
#define CELLEMU_TEST_TSAN 1
#endif

#ifdef CELLEMU_TEST_ASAN
// AddressSanitizer keeps freed memory in quarantine: RSS says nothing about leaks (its own leak
// checker does, at exit).
inline constexpr bool kRssMeaningful = false;
#else
inline constexpr bool kRssMeaningful = true;
#endif

// ThreadSanitizer runs a background thread of its own in every process. The binary under test
// may be built apart from the tests (scripts/sanitize.sh drives a TSan cellemu with the regular
// integration tests): CELLEMU_BINARY_SANITIZER=thread says so.
inline int runtime_threads() {
#ifdef CELLEMU_TEST_TSAN
  return 1;
#else
  const char* binary = std::getenv("CELLEMU_BINARY_SANITIZER");
  return binary != nullptr && std::string_view(binary) == "thread" ? 1 : 0;
#endif
}

}  // namespace cellemu::testing
