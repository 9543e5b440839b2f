#!/usr/bin/env bash
# Runs every fuzz target for a few seconds. Usage: scripts/fuzz-smoke.sh BUILD_DIR [SECONDS]
# Each target first replays fuzz/corpus/<name without fuzz_>/ (seeds and every input that once
# made it fail, e.g. fuzz/corpus/module_fs/ for fuzz_module_fs), then explores.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build-fuzz}
SECONDS_PER_TARGET=${2:-15}
status=0
for target in "$BUILD_DIR"/fuzz/fuzz_*; do
  name=$(basename "$target")
  corpus=$(mktemp -d)
  seed=fuzz/corpus/${name#fuzz_}
  [ -d "$seed" ] && cp "$seed"/* "$corpus"/
  if "$target" "$corpus" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 \
      -print_final_stats=1 >"$corpus.log" 2>&1; then
    runs=$(grep -E '^stat::number_of_executed_units' "$corpus.log" | awk '{print $2}')
    cov=$(grep -oE 'cov: [0-9]+' "$corpus.log" | tail -1)
    echo "fuzz $name: ok, ${runs:-?} executions, ${cov:-cov: ?}"
  else
    echo "fuzz $name: FAILED"; tail -40 "$corpus.log"; status=1
  fi
  rm -rf "$corpus" "$corpus.log"
done
exit $status
