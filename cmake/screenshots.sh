#!/usr/bin/env bash
# Takes a PNG of each page of stratus-desktop into docs/screenshots/ (or $1):
# the first-run wizard, then Files, Storage node, Paper node and Settings of
# an app running on its own local network with a few files stored and the
# storage node and paper node switched on. Under Xvfb (the xvfb package is
# installed if it is missing and apt-get can), else with Qt's offscreen
# platform (QWidget::grab() works there too, with Qt's own fonts).
# Needs a build: cmake --build build --target stratus-desktop stratus
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${STRATUS_BUILD_DIR:-$root/build}
app=$build/app/desktop/stratus-desktop
stratus=$build/app/cli/stratus
out=$(mkdir -p "${1:-$root/docs/screenshots}" && cd "${1:-$root/docs/screenshots}" && pwd)
[ -x "$app" ] && [ -x "$stratus" ] || { echo "build stratus-desktop and stratus first ($build)" >&2; exit 1; }

if ! command -v xvfb-run >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  echo "screenshots: installing xvfb" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null || true
fi

work=$(mktemp -d)
cleanup() {
  "$stratus" devnet down --dir "$work/app/devnet" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

run() {
  if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1280x800x24" "$@"
  else
    QT_QPA_PLATFORM=offscreen "$@"
  fi
}
export STRATUS_BIN=$stratus

# 1. Every page of the wizard (no account yet; nothing is created), in
#    English, and its secret page in German.
run "$app" --data "$work/app" --lang en --screenshot "$out" >/dev/null
run "$app" --data "$work/app" --lang de --screenshot "$work/de" >/dev/null
cp "$work/de/wizard-secret.png" "$out/wizard-secret-de.png"

# 2. An account and the settings the wizard leaves: the local network,
#    storage contributed and a paper node.
echo x >"$work/seed.txt"
"$stratus" pack "$work/seed.txt" --out "$work/packed" --data "$work/app/account" >/dev/null
mkdir -p "$work/Stratus"
cat >"$work/app/desktop.ini" <<INI
[General]
configured=true

[sync]
folder=$work/Stratus

[node]
storage=true
storage_bytes=2147483648
paper=true

[ui]
geometry=
INI
mkdir -p "$work/drop/photos"
head -c 3000000 /dev/urandom >"$work/drop/photos/holiday.jpg"
head -c 800000 /dev/urandom >"$work/drop/report.pdf"
head -c 12000 /dev/urandom >"$work/drop/notes.txt"
run "$app" --data "$work/app" --lang en --import "$work/drop/photos" --import "$work/drop/report.pdf" \
  --import "$work/drop/notes.txt" --screenshot "$out" --screenshot-delay "${STRATUS_SCREENSHOT_DELAY:-45}"
ls -l "$out"
