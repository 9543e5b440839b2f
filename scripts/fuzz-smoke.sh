#!/usr/bin/env bash
# Runs every fuzz target for a few seconds, starting from its seed corpus (fuzz/corpus/NAME, which
# holds every crash input found so far, so each is replayed first). A target of the list that was
# not built is a failure; other fuzz_* targets found in BUILD_DIR run too.
# Usage: scripts/fuzz-smoke.sh BUILD_DIR [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build-fuzz}
SECONDS_PER_TARGET=${2:-15}
TARGETS="fuzz_line_assembler fuzz_at_engine fuzz_escape fuzz_fault_command fuzz_scenario
  fuzz_config fuzz_control fuzz_module_fs fuzz_sms_pdu"
built=$(find "$BUILD_DIR/fuzz" -maxdepth 1 -name 'fuzz_*' -type f -executable -printf '%f\n' \
  2>/dev/null || true)
status=0
for name in $(printf '%s\n' $TARGETS $built | awk '!seen[$0]++'); do
  target=$BUILD_DIR/fuzz/$name
  if [ ! -x "$target" ]; then
    echo "fuzz $name: FAILED (not built: $target)"; status=1; continue
  fi
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
