#!/usr/bin/env bash
# System calls per MiB on the transparent data paths: each subject is watched while
# bench/data_path moves BYTES through it, and the calls of the relaying loop (epoll_wait,
# epoll_ctl, read/recvfrom, write/sendto, timerfd_settime) are printed per MiB moved.
# The counts come from the kernel's syscall tracepoints (`perf stat`), which barely slow the
# subject; without perf, from `strace -c`, which slows it so much that more data piles up per
# wake-up (fewer, larger reads for a subject that reads until the pty is empty).
# Usage: bench/syscalls.sh [BYTES]   (env: BUILD_DIR, default build-bench; TRACER=perf|strace)
set -euo pipefail
cd "$(dirname "$0")/.."
BYTES=${1:-8388608}
BUILD_DIR=${BUILD_DIR:-build-bench}
if [ -z "${TRACER:-}" ]; then
  TRACER=strace
  perf stat -e syscalls:sys_enter_read true >/dev/null 2>&1 && TRACER=perf
fi
command -v "$TRACER" >/dev/null ||
  { echo "bench/syscalls.sh needs perf or strace (apt-get install strace)" >&2; exit 1; }
export TRACER
[ -x "$BUILD_DIR/data_path" ] ||
  BUILD_DIR=$BUILD_DIR BUILD_TYPE=Release ./scripts/build.sh -DCELLEMU_BUILD_TESTS=OFF >/dev/null
B=$(cd "$BUILD_DIR" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# traced.sh OUT PROGRAM ARGS...: PROGRAM starts stopped, the tracer attaches, then it runs, so
# the whole transfer is counted (the relay moves data as soon as it exists). The tracer attaches
# rather than starting PROGRAM because `strace PROGRAM` blocks the SIGTERM data_path ends a
# subject with, and the subject would live on.
cat >"$work/traced.sh" <<'EOF'
#!/usr/bin/env bash
out=$1
shift
bash -c 'kill -STOP $$; exec "$@"' traced "$@" &
pid=$!
until grep -q '^State:[[:space:]]*T' "/proc/$pid/status" 2>/dev/null; do sleep 0.01; done
if [ "$TRACER" = perf ]; then
  events=""
  for c in epoll_wait epoll_pwait epoll_ctl read recvfrom recvmsg readv write sendto sendmsg \
    writev timerfd_settime; do events+="${events:+,}syscalls:sys_enter_$c"; done
  perf stat -x, -e "$events" -o "$out" -p "$pid" 2>/dev/null &
  tracer=$!
  sleep 0.5  # perf stat gives no sign of being attached; it takes some milliseconds
else
  strace -f -c -o "$out" -p "$pid" 2>/dev/null &
  tracer=$!
  until grep -q 'TracerPid:[[:space:]]*[1-9]' "/proc/$pid/status" 2>/dev/null; do sleep 0.01; done
fi
trap 'kill -INT "$tracer"; wait "$tracer"; kill -TERM "$pid"; wait "$pid"; exit 0' TERM
kill -CONT "$pid"
wait "$pid"
wait "$tracer"
EOF
chmod +x "$work/traced.sh"
# The relay is given socat's command line by data_path: one more wrapper puts it under traced.sh.
cat >"$work/relay.sh" <<EOF
#!/bin/sh
exec "$work/traced.sh" "$work/relay.txt" "$B/fast_relay" "\$@"
EOF
chmod +x "$work/relay.sh"

calls() {  # SUMMARY SYSCALL... -> the calls of those syscalls, summed
  local file=$1
  shift
  if [ "$TRACER" = perf ]; then
    # perf stat -x,: count,unit,event,...
    awk -F, -v names=" $* " '{ e = $3; sub(/^syscalls:sys_enter_/, "", e) }
      index(names, " " e " ") && $1 ~ /^[0-9]+$/ { s += $1 } END { print s + 0 }' "$file"
  else
    # strace -c columns: % time, seconds, usecs/call, calls, [errors,] syscall
    awk -v names=" $* " 'index(names, " " $NF " ") { s += $4 } END { print s + 0 }' "$file"
  fi
}
per_mib() { awk -v c="$1" -v b="$BYTES" 'BEGIN { printf "%.0f", c / (b / 1048576) }'; }

printf '%-28s %10s %10s %10s %10s %10s %10s\n' "calls per MiB ($TRACER)" epoll_wait epoll_ctl \
  read write timerfd total
for mode in up down; do
  for subject in relay air780ep nm28; do
    out="$work/$subject-$mode.txt"
    if [ "$subject" = relay ]; then
      rm -f "$work/relay.txt"
      timeout 120 "$B/data_path" relay "$mode" "$BYTES" -- "$work/relay.sh" >/dev/null
      # the relay ends by itself when the server closes; strace writes its summary after it
      # (perf writes a header at once: wait for the counts)
      for _ in $(seq 200); do
        grep -qE 'sys_enter|total' "$work/relay.txt" 2>/dev/null && break
        sleep 0.05
      done
      mv "$work/relay.txt" "$out"
    else
      timeout 120 "$B/data_path" "$subject" "$mode" "$BYTES" -- "$work/traced.sh" "$out" \
        "$B/cellemu" --log-level warn --model "$subject" >/dev/null
    fi
    ew=$(calls "$out" epoll_wait epoll_pwait)
    ec=$(calls "$out" epoll_ctl)
    rd=$(calls "$out" read recvfrom recvmsg readv)
    wr=$(calls "$out" write sendto sendmsg writev)
    tf=$(calls "$out" timerfd_settime)
    label="pty->TCP"
    [ "$mode" = down ] && label="TCP->pty"
    printf '%-28s %10s %10s %10s %10s %10s %10s\n' "$label, $subject" "$(per_mib "$ew")" \
      "$(per_mib "$ec")" "$(per_mib "$rd")" "$(per_mib "$wr")" "$(per_mib "$tf")" \
      "$(per_mib $((ew + ec + rd + wr + tf)))"
  done
done
