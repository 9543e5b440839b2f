#!/usr/bin/env bash
# The memory- and thread-safety part of the test suite (run by scripts/test.sh, so by CI):
#  1. clang with AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer instrumentation: the
#     whole test suite, then a short run of every fuzz target (fuzz/README.md);
#  2. clang with ThreadSanitizer: the cellemu binary, driven by the integration tests of the parts
#     that run threads (fleets of modems on a thread pool, the control socket answering across
#     threads, the TCP front end).
# Usage: scripts/sanitize.sh [asan|tsan|fuzz|all]   (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
jobs=$(nproc)
# -O1 with line tables: what the sanitizers' authors recommend, and the cheapest to compile.
opt=(-DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG"
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG")

if [ "$what" = all ] || [ "$what" = asan ] || [ "$what" = fuzz ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${opt[@]}" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCELLEMU_FUZZ=ON -DCELLEMU_BUILD_BENCH=OFF -DCELLEMU_TEST_SHARDS=8 >/dev/null
  cmake --build build-asan -j "$jobs"
fi
if [ "$what" = all ] || [ "$what" = asan ]; then
  echo "== ASan + UBSan: the whole suite"
  # Eight gtest shards per binary (an ASan process costs ~0.2 s to start and end) and two jobs a
  # core: most tests wait on sockets, ptys and timers, not on the CPU.
  (cd build-asan &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --output-on-failure -j "$((2 * jobs))" --timeout 900)
fi
if [ "$what" = all ] || [ "$what" = fuzz ]; then
  echo "== fuzz smoke"
  ./scripts/fuzz-smoke.sh build-asan "${FUZZ_SECONDS:-6}"
fi
if [ "$what" = all ] || [ "$what" = tsan ]; then
  echo "== TSan: fleets, control socket, TCP front end"
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${opt[@]}" \
    -DCELLEMU_SANITIZE=thread \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DCELLEMU_BUILD_BENCH=OFF -DCELLEMU_BUILD_TESTS=OFF >/dev/null
  cmake --build build-tsan -j "$jobs" --target cellemu
  # The threads are in the binary; the tests that drive it need no instrumentation of their own,
  # so the regular build's integration tests run the TSan binary (CELLEMU_BINARY).
  [ -f build/build.ninja ] ||
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j "$jobs" --target cellemu cellemu_integration_tests
  CELLEMU_BINARY=$PWD/build-tsan/cellemu CELLEMU_BINARY_SANITIZER=thread \
    TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
    ctest --test-dir build --output-on-failure -j "$jobs" --timeout 600 \
    -R 'Fixture|FaultsCtl|Report|PtyBasics|ControlSocket'
fi
