#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a passing test suite: installs the dependencies,
# builds, and runs every test (unit, model transcripts, integration through real ptys).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
cd build
ctest --output-on-failure -j "$(nproc)" --timeout 300
