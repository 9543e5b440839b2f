#!/usr/bin/env bash
# The long fuzz run (fuzz/README.md, "Long runs"): every fuzz target of BUILD_DIR, JOBS at a time
# under `nice 19`, each from a copy of its seed corpus, until it has executed RUNS inputs or
# SECONDS have passed, whichever comes first. Corpora, crash artifacts and logs stay in OUT; a
# crash fails the run. Prints one line per target and the total. Run again with the same OUT, a
# target goes on from the corpus it grew before (TARGETS picks some: "fuzz_sms_pdu fuzz_ppp").
# Usage: scripts/fuzz-long.sh BUILD_DIR OUT [SECONDS] [RUNS]   (env: JOBS, default 2; TARGETS)
# Example: scripts/fuzz-long.sh build-asan /tmp/fuzz-long 1800 20000000
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=$(cd "${1:?BUILD_DIR with fuzz/fuzz_* (built with -DCELLEMU_FUZZ=ON)}" && pwd)
OUT=${2:?OUT directory for corpora, artifacts and logs}
SECS=${3:-1800}
RUNS=${4:-20000000}
JOBS=${JOBS:-2}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SRC=$(pwd)

targets=${TARGETS:-$(find -H "$BUILD_DIR/fuzz" -maxdepth 1 -name 'fuzz_*' -type f -executable \
  -printf '%f\n' | sort)}
[ -n "$targets" ] || { echo "no fuzz_* targets in $BUILD_DIR/fuzz" >&2; exit 1; }

run_one() {
  local name=$1 corpus="$OUT/corpus-$1" artifacts="$OUT/artifacts-$1" log="$OUT/$1-$STAMP.log" rc=0
  mkdir -p "$corpus" "$artifacts"
  local seed="$SRC/fuzz/corpus/${name#fuzz_}"
  if [ -d "$seed" ]; then cp -n "$seed"/* "$corpus"/ 2>/dev/null || true; fi
  nice -n 19 "$BUILD_DIR/fuzz/$name" "$corpus" -max_total_time="$SECS" -runs="$RUNS" \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1 || rc=$?
  local execs secs cov
  execs=$(awk '/^stat::number_of_executed_units/ {print $2}' "$log")
  secs=$(awk '/^stat::average_exec_per_sec/ {r=$2} END {print r}' "$log")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  printf '%s rc=%s executions=%s per_second=%s coverage=%s\n' "$name" "$rc" "${execs:-0}" \
    "${secs:-?}" "${cov:-?}"
}
export -f run_one
STAMP=$(date -u +%Y%m%d-%H%M%S)
export BUILD_DIR OUT SECS RUNS SRC STAMP

started=$(date -u '+%Y-%m-%d %H:%M UTC')
summary="$OUT/summary-$STAMP.txt"
printf '%s\n' $targets | xargs -P "$JOBS" -I{} bash -c 'run_one {}' | tee "$summary"
echo "started $started, ended $(date -u '+%Y-%m-%d %H:%M UTC'), $JOBS at a time, $SECS s or $RUNS" \
  "executions per target"
awk '{for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      total += v["executions"]; if (v["rc"] != 0) bad = bad " " $1 }
     END { printf "total executions: %d\n", total
           if (bad != "") { print "FAILED:" bad; exit 1 } }' "$summary"
