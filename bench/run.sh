#!/usr/bin/env bash
# Runs every benchmark and prints one table: cellemu next to the physical floor (a raw C pty
# responder, the kernel's own connect/close) and next to socat relaying the same pty<->TCP paths,
# measured in the same run, alternating, medians of ROUNDS runs. See bench/README.md.
# Usage: bench/run.sh [ROUNDS]      (env: BUILD_DIR, default build-bench; QUICK=1 for a smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
BUILD_DIR=${BUILD_DIR:-build-bench}
if [ "${QUICK:-0}" = 1 ]; then ROUNDS=1; fi
BUILD_DIR=$BUILD_DIR BUILD_TYPE=Release ./scripts/build.sh -DCELLEMU_BUILD_TESTS=OFF >/dev/null
B=$(cd "$BUILD_DIR" && pwd)
AT_ITER=${AT_ITER:-3000}         # round trips per AT run
DATA_BYTES=${DATA_BYTES:-8388608} # bytes per data-path run
FLEETS=${FLEETS:-"10 100 1000"}
STREAM_RATE=100000               # bytes/s each streaming modem of a fleet receives
[ "${QUICK:-0}" = 1 ] && { AT_ITER=500; DATA_BYTES=1048576; FLEETS="10 100"; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.2f", a / b }'; }
# met VALUE OP LIMIT -> "yes"/"NO"
met() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { ok = (op == "<=") ? v <= l : v >= l; print ok ? "yes" : "NO" }'; }

rows=()
transparent_up=nan  # set by the data paths, the reference of the dial-up row
row() { rows+=("$(printf '%-52s %10s %10s %7s %8s %4s' "$@")"); }
section() { rows+=("" "$1"); }

# start VAR PROGRAM ARGS... : runs a program that prints its pty path first, in this shell (not in
# a $(...) subshell, so that its pid reaches `pids` and the EXIT trap), and sets VAR to the path.
start() {
  local var=$1 out
  shift
  out=$(mktemp -p "$work")
  "$@" >"$out" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 400); do [ -s "$out" ] && break; sleep 0.05; done
  printf -v "$var" '%s' "$(head -n1 "$out" | cut -d' ' -f1)"
}

# --- 1. AT round trip --------------------------------------------------------------------------
echo "AT round trips ..." >&2
start air_pty "$B/cellemu" --log-level warn
start nm_pty "$B/cellemu" --log-level warn --model nm28
start raw_pty "$B/raw_pty_responder"
start asio_pty "$B/asio_pty_responder"
air=(); nm=(); raw=(); asio=()
# A round trip is ~50 us of mostly kernel and scheduler time, so on a shared VM single runs
# vary by +-20%: three times as many rounds as elsewhere (each takes a fraction of a second).
for _ in $(seq $((ROUNDS * 3))); do  # alternate so all see the same machine load
  raw+=("$("$B/at_roundtrip" "$raw_pty" "$AT_ITER" | cut -d' ' -f1)")
  asio+=("$("$B/at_roundtrip" "$asio_pty" "$AT_ITER" | cut -d' ' -f1)")
  air+=("$("$B/at_roundtrip" "$air_pty" "$AT_ITER" | cut -d' ' -f1)")
  nm+=("$("$B/at_roundtrip" "$nm_pty" "$AT_ITER" | cut -d' ' -f1)")
done
raw_med=$(printf '%s\n' "${raw[@]}" | median)
asio_med=$(printf '%s\n' "${asio[@]}" | median)
air_med=$(printf '%s\n' "${air[@]}" | median)
nm_med=$(printf '%s\n' "${nm[@]}" | median)
section "AT round trip, AT\\r -> \\r\\nOK\\r\\n, echo off (median us; ref: raw C responder)"
row "  air780ep" "$air_med" "$raw_med" "$(ratio "$air_med" "$raw_med")" "<= 1.2" \
  "$(met "$(ratio "$air_med" "$raw_med")" "<=" 1.2)"
row "  nm28" "$nm_med" "$raw_med" "$(ratio "$nm_med" "$raw_med")" "<= 1.2" \
  "$(met "$(ratio "$nm_med" "$raw_med")" "<=" 1.2)"
row "  (minimal Asio responder: the event loop alone)" "$asio_med" "$raw_med" \
  "$(ratio "$asio_med" "$raw_med")" "" ""

# Instructions per command: the whole process under callgrind for N1 and N2 commands; the
# difference over N2-N1 leaves start-up and shutdown out.
callgrind_total() {  # N PROGRAM ARGS... -> total instructions of the program
  local n=$1 out cg pid
  shift
  out=$(mktemp -p "$work")
  cg="$work/cg.$RANDOM"
  valgrind --tool=callgrind --callgrind-out-file="$cg" "$@" >"$out" 2>/dev/null &
  pid=$!
  for _ in $(seq 600); do [ -s "$out" ] && break; sleep 0.05; done
  "$B/at_roundtrip" "$(head -n1 "$out")" "$n" >/dev/null
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  awk '/^(summary|totals):/ {print $2; exit}' "$cg"
}
per_command() {  # PROGRAM ARGS... -> instructions per AT command
  local a b
  a=$(callgrind_total 1000 "$@")
  b=$(callgrind_total 6000 "$@")
  awk -v a="$a" -v b="$b" 'BEGIN { printf "%.0f", (b - a) / 5000 }'
}
if command -v valgrind >/dev/null; then
  echo "callgrind ..." >&2
  raw_ir=$(per_command "$B/raw_pty_responder")
  asio_ir=$(per_command "$B/asio_pty_responder")
  air_ir=$(per_command "$B/cellemu" --log-level warn)
  nm_ir=$(per_command "$B/cellemu" --log-level warn --model nm28)
  section "AT instructions per command, callgrind, user space (ref: raw C responder)"
  row "  air780ep" "$air_ir" "$raw_ir" "$(ratio "$air_ir" "$raw_ir")" "<= 20" \
    "$(met "$(ratio "$air_ir" "$raw_ir")" "<=" 20)"
  row "  nm28" "$nm_ir" "$raw_ir" "$(ratio "$nm_ir" "$raw_ir")" "<= 20" \
    "$(met "$(ratio "$nm_ir" "$raw_ir")" "<=" 20)"
  row "  (minimal Asio responder: the event loop alone)" "$asio_ir" "$raw_ir" \
    "$(ratio "$asio_ir" "$raw_ir")" "" ""
fi
# The round-trip subjects are done: end them now rather than let them idle through the rest.
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()

# --- 2. Data paths ------------------------------------------------------------------------------
echo "data paths ..." >&2
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 1 -subj /CN=localhost >/dev/null 2>&1
data_run() {  # SUBJECT MODE TLS(0/1) -> MB/s
  local subject=$1 mode=$2 tls=$3 args=()
  [ "$tls" = 1 ] && args=(--tls "$work/cert.pem" "$work/key.pem")
  local program=("$B/cellemu" --log-level warn --model "$subject")
  case $subject in
    socat) program=() ;;
    relay) program=("$B/fast_relay") ;;
  esac
  timeout 120 "$B/data_path" "$subject" "$mode" "$DATA_BYTES" "${args[@]}" -- "${program[@]}" ||
    echo nan
}
bare_up=(); bare_down=()
for _ in $(seq "$ROUNDS"); do
  bare_up+=("$(timeout 60 "$B/bare_pty" up "$DATA_BYTES" || echo nan)")
  bare_down+=("$(timeout 60 "$B/bare_pty" down "$DATA_BYTES" || echo nan)")
done
section "The bare pty, two processes, 64 KiB writes and reads (median MB/s): the ceiling"
row "  host -> module (slave -> master)" "$(printf '%s\n' "${bare_up[@]}" | median)" "" "" "" ""
row "  module -> host (master -> slave)" "$(printf '%s\n' "${bare_down[@]}" | median)" "" "" "" ""
for tls in 0 1; do
  if [ "$tls" = 1 ]; then
    # fast_relay speaks plain TCP only: over TLS socat's OPENSSL: relay stays the reference.
    section "Data paths over TLS 1.2 (median MB/s; ref: socat PTY <-> OPENSSL:)"
    refs=(socat)
  else
    section "Data paths (median MB/s; ref: bench/fast_relay.c, epoll + read/write + TCP_NODELAY)"
    refs=(relay socat)
  fi
  for mode in up down push; do
    declare -A vals=()
    for _ in $(seq "$ROUNDS"); do  # alternate so all see the same machine load
      for subject in "${refs[@]}" air780ep nm28; do
        vals[$subject]+="$(data_run "$subject" "$mode" "$tls") "
      done
    done
    ref_med=$(printf '%s\n' ${vals[${refs[0]}]} | median)
    case $mode in
      up) label="transparent pty->TCP"; target=0.9 ;;
      down) label="transparent TCP->pty"; target=$([ "$tls" = 1 ] && echo 0.9 || echo 1.0) ;;
      push) label="framed push TCP->pty (1460-byte frames)"
        target=$([ "$tls" = 1 ] && echo 0.7 || echo 1.0) ;;
    esac
    for model in air780ep nm28; do
      m=$(printf '%s\n' ${vals[$model]} | median)
      r=$(ratio "$m" "$ref_med")
      row "  $label, $model" "$m" "$ref_med" "$r" ">= $target" "$(met "$r" ">=" "$target")"
      if [ "$tls$mode$model" = "0upair780ep" ]; then transparent_up=$m; fi
    done
    if [ "${#refs[@]}" -gt 1 ]; then
      so=$(printf '%s\n' ${vals[socat]} | median)
      row "  $label, (socat, Nagle on)" "$so" "$ref_med" "$(ratio "$so" "$ref_med")" "" ""
    fi
    unset vals
  done
done

# System calls per MiB on the transparent paths (perf's syscall tracepoints, or strace; counts,
# not times), printed below the table.
syscalls=""
if command -v perf >/dev/null || command -v strace >/dev/null; then
  echo "system calls ..." >&2
  syscalls=$(BUILD_DIR=$BUILD_DIR bench/syscalls.sh "$DATA_BYTES" || echo "(bench/syscalls.sh failed)")
fi

# --- 2b. Dial-up: the kernel's TCP over PPP (ppp_tun: a TUN device in a network namespace of its
# own, so root) against the transparent pty->TCP figure above. Left out without root or TUN.
if [ "$(id -u)" = 0 ] && [ -c /dev/net/tun ]; then
  echo "dial-up ..." >&2
  declare -A ppp=()
  for _ in $(seq "$ROUNDS"); do
    for model in air780ep nm28; do
      ppp[$model]+="$(timeout 120 "$B/ppp_tun" "$B/cellemu" "$DATA_BYTES" --model "$model" || echo nan) "
    done
  done
  section "Dial-up PPP, kernel TCP over TUN -> pty -> cellemu (slirp) -> TCP (median MB/s; ref: transparent pty->TCP, air780ep)"
  for model in air780ep nm28; do
    m=$(printf '%s\n' ${ppp[$model]} | median)
    row "  PPP TCP upload, $model" "$m" "$transparent_up" "$(ratio "$m" "$transparent_up")" "" ""
  done
fi

# --- 3. Fleet -----------------------------------------------------------------------------------
echo "fleets ..." >&2
fleet_runs=$(( ROUNDS < 3 ? ROUNDS : 3 ))
declare -A f_start f_rss f_idle f_load f_mbps
rss1=()
for _ in $(seq "$fleet_runs"); do
  rss1+=("$("$B/fleet_bench" 1 0 1 0 -- "$B/cellemu" --log-level warn | cut -d' ' -f2)")
done
rss1_med=$(printf '%s\n' "${rss1[@]}" | median)
for n in $FLEETS; do
  streams=$(( n / 10 )); probes=$(( n / 20 )); [ "$probes" -lt 1 ] && probes=1
  st=(); rs=(); id=(); ld=(); mb=()
  for _ in $(seq "$fleet_runs"); do
    read -r a b c d e < <("$B/fleet_bench" "$n" "$streams" "$probes" "$STREAM_RATE" -- \
      "$B/cellemu" --log-level warn)
    st+=("$a"); rs+=("$b"); id+=("$c"); ld+=("$d"); mb+=("$e")
  done
  f_start[$n]=$(printf '%s\n' "${st[@]}" | median)
  f_rss[$n]=$(printf '%s\n' "${rs[@]}" | median)
  f_idle[$n]=$(printf '%s\n' "${id[@]}" | median)
  f_load[$n]=$(printf '%s\n' "${ld[@]}" | median)
  f_mbps[$n]=$(printf '%s\n' "${mb[@]}" | median)
done
section "Fleet (--count N, 2 threads; N/10 modems stream 100 kB/s each, N/20 others probed)"
for n in $FLEETS; do
  per=$(awk -v r="${f_rss[$n]}" -v r1="$rss1_med" -v n="$n" 'BEGIN { printf "%.1f", (r - r1) / (n - 1) }')
  row "  N=$n start-up until N ptys printed (ms)" \
    "$(awk -v s="${f_start[$n]}" 'BEGIN { printf "%.0f", s * 1000 }')" "" "" "" ""
  row "  N=$n RSS per idle modem (KiB)" "$per" "" "" "<= 64" "$(met "$per" "<=" 64)"
  row "  N=$n AT round trip idle / streaming (us)" "${f_load[$n]}" "${f_idle[$n]}" \
    "$(ratio "${f_load[$n]}" "${f_idle[$n]}")" "" ""
  row "  N=$n streams received (MB/s of offered)" "${f_mbps[$n]}" \
    "$(awk -v n="$n" -v r="$STREAM_RATE" 'BEGIN { printf "%.2f", n / 10 * r / 1e6 }')" "" "" ""
done
set -- $FLEETS
first=$1; last=${!#}
if [ "$first" != "$last" ]; then
  grow=$(awk -v a="${f_start[$first]}" -v b="${f_start[$last]}" 'BEGIN { printf "%.1f", b / a }')
  scale=$(( last / first ))
  row "  start-up growth N=$first -> $last (x)" "$grow" "$scale" "$(ratio "$grow" "$scale")" \
    "<= 1" "$(met "$(ratio "$grow" "$scale")" "<=" 1)"
fi

# --- 4. Connection churn ------------------------------------------------------------------------
echo "churn ..." >&2
fl=(); ca=(); cn=()
for _ in $(seq "$ROUNDS"); do
  fl+=("$("$B/churn" 2 floor)")
  ca+=("$("$B/churn" 2 air780ep -- "$B/cellemu" --log-level warn)")
  cn+=("$("$B/churn" 2 nm28 -- "$B/cellemu" --log-level warn --model nm28)")
done
fl_med=$(printf '%s\n' "${fl[@]}" | median)
section "Connection churn against a loopback server (median cycles/s; ref: connect+accept+close)"
for model in air780ep nm28; do
  if [ "$model" = air780ep ]; then vals=("${ca[@]}"); label="CIPSTART/CIPCLOSE"; else
    vals=("${cn[@]}"); label="IPOPEN/IPCLOSE"; fi
  m=$(printf '%s\n' "${vals[@]}" | median)
  row "  $label, $model" "$m" "$fl_med" "$(ratio "$m" "$fl_med")" "" ""
done

# --- MQTT publish round trips (the Air780EP's own client) ----------------------------------------
echo "MQTT round trips ..." >&2
MQTT_COUNT=${MQTT_COUNT:-2000}
[ "${QUICK:-0}" = 1 ] && MQTT_COUNT=300
mq_emu=(); mq_direct=()
for _ in $(seq "$ROUNDS"); do
  read -r e d < <(python3 bench/mqtt_roundtrip.py "$B/cellemu" "$MQTT_COUNT")
  mq_emu+=("$e"); mq_direct+=("$d")
done
mq_emu_med=$(printf '%s\n' "${mq_emu[@]}" | median)
mq_direct_med=$(printf '%s\n' "${mq_direct[@]}" | median)
section "MQTT QoS 1 publish round trips via mosquitto (median per s; ref: mosquitto_pub -q 1 -M 1)"
row "  AT+MPUB -> OK, PUBACK, air780ep" "$mq_emu_med" "$mq_direct_med" \
  "$(ratio "$mq_emu_med" "$mq_direct_med")" "" ""

# --- 5. Micro-benchmarks ------------------------------------------------------------------------
echo "micro-benchmarks ..." >&2
micro=$("$B/micro_bench" --benchmark_min_time=0.2 --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=csv 2>/dev/null |
  awk -F, '/_median"?,/ { gsub(/"/, "", $1); sub(/_median$/, "", $1);
    label = $8; gsub(/"/, "", label); rate = ($6 != "") ? sprintf("%.0f MB/s", $6 / 1e6) : "";
    printf "%s|%s|%.1f|%s\n", $1, label, $4, rate }')
section "Micro-benchmarks, in process (median ns per operation; throughput where bytes flow)"
while IFS='|' read -r name label ns rate; do
  [ -n "$name" ] || continue
  row "  $name${label:+ ($label)}" "$ns" "$rate" "" "" ""
done <<<"$micro"

# --- The table ----------------------------------------------------------------------------------
printf '\ncellemu benchmarks, %s, %s rounds; %s cores, %s, kernel %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
  "$ROUNDS" "$(nproc)" "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(uname -r)"
printf 'load average before: %s, after: %s\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-52s %10s %10s %7s %8s %4s\n' "measure" "cellemu" "reference" "ratio" "target" "met"
printf '%s\n' "${rows[@]}"
if [ -n "$syscalls" ]; then
  printf '\nSystem calls per MiB on the transparent paths (bench/syscalls.sh)\n%s\n' "$syscalls"
fi
