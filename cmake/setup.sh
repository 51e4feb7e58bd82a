#!/usr/bin/env bash
# Installs what Stratus needs from Debian 12 packages (idempotent, quiet when
# nothing is missing), then configures and builds with Ninja.
#   cmake/setup.sh [build-dir]      (default: <repo>/build)
# Environment: STRATUS_SANITIZE=ON builds with ASan+UBSan; CI=true turns
# warnings into errors.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-$ROOT/build}"

PKGS=(qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools
      qt6-svg-dev libtorrent-rasterbar-dev libsqlcipher-dev libbotan-2-dev
      libisal-dev qtkeychain-qt6-dev libssl-dev cmake ninja-build pkg-config g++)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "stratus: installing missing packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

WERROR=OFF
if [ "${CI:-}" = "true" ]; then WERROR=ON; fi
SAN="${STRATUS_SANITIZE:-OFF}"
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRATUS_WERROR="$WERROR" -DSTRATUS_SANITIZE="$SAN" >/dev/null
else
  cmake "$BUILD" -DSTRATUS_WERROR="$WERROR" -DSTRATUS_SANITIZE="$SAN" >/dev/null
fi
cmake --build "$BUILD" -- -j"$(nproc)" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
test "${PIPESTATUS[0]}" = 0
