#!/usr/bin/env bash
# Installs what Stratus needs from Debian 12 packages (idempotent, quiet when
# nothing is missing), then configures and builds with Ninja.
#
#   cmake/setup.sh            build into <repo>/build
#   STRATUS_SANITIZE=ON ...   AddressSanitizer + UBSan build in <repo>/build-asan
#   CI=true ...               warnings are errors
#
# Sourced by run.sh and test.sh; prints the build directory's path last.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAN="${STRATUS_SANITIZE:-OFF}"
if [ "$SAN" = "ON" ]; then BUILD="${STRATUS_BUILD_DIR:-$ROOT/build-asan}"; else BUILD="${STRATUS_BUILD_DIR:-$ROOT/build}"; fi

PKGS=(qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools
      qt6-svg-dev libtorrent-rasterbar-dev libsqlcipher-dev libbotan-2-dev
      libisal-dev qtkeychain-qt6-dev libssl-dev cmake ninja-build pkg-config g++
      clang-format)
# Packaging: cpack -G DEB (dpkg-shlibdeps, file) and the checks of tests/installer_check.
PKGS+=(dpkg-dev file appstream desktop-file-utils)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "stratus: installing missing packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

WERROR=OFF
if [ "${CI:-}" = "true" ]; then WERROR=ON; fi
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRATUS_WERROR="$WERROR" -DSTRATUS_SANITIZE="$SAN" >/dev/null
else
  cmake "$BUILD" -DSTRATUS_WERROR="$WERROR" -DSTRATUS_SANITIZE="$SAN" >/dev/null
fi
cmake --build "$BUILD" -- --quiet >&2
echo "$BUILD"
