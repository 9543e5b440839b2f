#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running emulator: installs the dependencies,
# builds, and starts cellemu (Air780EP unless told otherwise). Arguments go to cellemu, e.g.
#   ./scripts/start.sh --model nm28 --link /tmp/ttyCELL0
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
exec ./build/cellemu "$@"
