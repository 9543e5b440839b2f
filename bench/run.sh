#!/usr/bin/env bash
# Prints cellemu's benchmark figures next to the physical floor, measured in the same run.
# Usage: bench/run.sh [ROUNDS] [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
ITERATIONS=${2:-3000}
BUILD_DIR=${BUILD_DIR:-build-bench}
BUILD_DIR=$BUILD_DIR BUILD_TYPE=Release ./scripts/build.sh -DCELLEMU_BUILD_TESTS=OFF >/dev/null
B=$BUILD_DIR

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start() {  # start PROGRAM ARGS... ; prints the pty path
  local out
  out=$(mktemp)
  "$@" >"$out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.05; done
  head -n1 "$out"
  rm -f "$out"
}

emu_pty=$(start "$B/cellemu" --log-level warn)
raw_pty=$(start "$B/raw_pty_responder")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
emu=(); raw=()
for _ in $(seq "$ROUNDS"); do  # alternate so both see the same machine load
  emu+=("$("$B/at_roundtrip" "$emu_pty" "$ITERATIONS" | cut -d' ' -f1)")
  raw+=("$("$B/at_roundtrip" "$raw_pty" "$ITERATIONS" | cut -d' ' -f1)")
done
emu_med=$(printf '%s\n' "${emu[@]}" | median)
raw_med=$(printf '%s\n' "${raw[@]}" | median)

printf '\nAT round trip (AT\\r -> \\r\\nOK\\r\\n, echo off), %s rounds x %s commands, %s\n' \
  "$ROUNDS" "$ITERATIONS" "$(date -u +%Y-%m-%d)"
printf '%-28s %12s\n' "responder" "median (us)"
printf '%-28s %12.2f\n' "raw C pty responder" "$raw_med"
printf '%-28s %12.2f\n' "cellemu (air780ep)" "$emu_med"
awk -v e="$emu_med" -v r="$raw_med" 'BEGIN { printf "%-28s %12.2f   (target <= 1.2)\n", "ratio cellemu/raw", e/r }'
