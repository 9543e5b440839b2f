#!/usr/bin/env bash
# Builds the cellemu image and proves that it answers AT over a published port:
#   ./docker/test-image.sh           # needs a running Docker engine; IMAGE=name:tag to rename
# Checks: the image builds; it runs as a non-root user; arguments pass through the entrypoint;
# the HEALTHCHECK turns healthy; "AT\r" sent to the published port from the host gets "OK".
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=${IMAGE:-cellemu:test}

if ! docker info >/dev/null 2>&1; then
  echo "test-image: no Docker engine reachable ('docker info' failed); start dockerd first" >&2
  exit 2
fi

echo "== build $IMAGE"
docker build -f docker/Dockerfile -t "$IMAGE" .

echo "== user and entrypoint"
uid=$(docker run --rm --entrypoint id "$IMAGE" -u)
[ "$uid" != 0 ] || { echo "FAIL: the image runs as root" >&2; exit 1; }
docker run --rm "$IMAGE" --version

echo "== run, publish 7000 on a free host port"
cid=$(docker run -d -p 127.0.0.1::7000 "$IMAGE")
trap 'docker rm -f "$cid" >/dev/null 2>&1 || true' EXIT
port=$(docker port "$cid" 7000/tcp | head -n 1 | sed 's/.*://')
echo "modem0 on 127.0.0.1:$port"

status=starting
for _ in $(seq 60); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$cid")
  [ "$status" = healthy ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$cid")" = true ] || break
  sleep 1
done
echo "health: $status"
[ "$status" = healthy ] || { docker logs "$cid" >&2; echo "FAIL: not healthy" >&2; exit 1; }

# AT over the published port with bash's /dev/tcp (no client tools needed). The health probe may
# hold the port for a moment (then we read BUSY): try again.
ask_at() {
  local answer="" line
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'AT\r' >&3
  local deadline=$((SECONDS + 5))
  while [ $SECONDS -lt $deadline ] && IFS= read -r -t 5 -u 3 line; do
    answer+="$line"$'\n'
    case $line in OK* | BUSY* | ERROR*) break ;; esac
  done
  exec 3<&-
  printf '%s' "$answer"
}
answer=""
for _ in 1 2 3; do
  answer=$(ask_at)
  case $answer in *BUSY*) sleep 1 ;; *) break ;; esac
done
printf 'answer: %q\n' "$answer"
case $answer in
  *$'\nOK\r'*) echo "PASS: $IMAGE answers AT with OK on 127.0.0.1:$port" ;;
  *) docker logs "$cid" >&2; echo "FAIL: no OK" >&2; exit 1 ;;
esac
