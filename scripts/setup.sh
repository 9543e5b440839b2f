#!/usr/bin/env bash
# Installs what cellemu needs to build and test, from Debian 12's own packages only.
# Works as root or through sudo; does nothing when everything is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  libboost-dev libssl-dev openssl ca-certificates libspdlog-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  libyaml-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-serial python3-pytest python3-scapy socat
  mosquitto mosquitto-clients
  gsm-utils
  libslirp-dev libglib2.0-dev
  clang libclang-rt-14-dev
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
echo "setup: installing ${missing[*]}" >&2
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
