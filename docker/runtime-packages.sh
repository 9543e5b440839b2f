#!/usr/bin/env bash
# Prints, one per line, the Debian packages holding the shared libraries BINARY needs, so the
# slim runtime image installs exactly those (the list follows the build when dependencies change).
#   docker/runtime-packages.sh build/cellemu
set -euo pipefail
binary=$1
packages=()
while read -r lib; do
  # Debian 12 has a merged /usr: ldd may print /lib/... where dpkg knows /usr/lib/... or back.
  owner=""
  for candidate in "$lib" "$(readlink -f "$lib")" "/usr$lib" "${lib#/usr}"; do
    if owner=$(dpkg-query -S "$candidate" 2>/dev/null); then break; fi
    owner=""
  done
  if [ -z "$owner" ]; then
    echo "runtime-packages: no Debian package holds $lib" >&2
    exit 1
  fi
  owner=${owner%%:*}  # "libfmt9:amd64: /usr/lib/..." -> "libfmt9"
  packages+=("${owner%%,*}")  # a file several packages list: the first will do
done < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
printf '%s\n' "${packages[@]}" | sort -u
