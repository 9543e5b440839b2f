#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: installs the dependencies,
# builds, and runs every test: unit, model transcripts (every conformance case), integration
# through real ptys against real loopback TCP/UDP/TLS servers, soak, the seed trace replay; then
# the same suite under ASan+UBSan, a fuzz smoke run and the threaded parts under TSan
# (scripts/sanitize.sh). CELLEMU_QUICK=1 skips the sanitizer and fuzz stages.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
# Two jobs a core: most tests wait on sockets, ptys and timers, not on the CPU.
(cd build && ctest --output-on-failure -j "$((2 * $(nproc)))" --timeout 300)
if [ "${CELLEMU_QUICK:-0}" != 1 ]; then
  ./scripts/sanitize.sh all
fi
echo "test.sh: all stages passed"
