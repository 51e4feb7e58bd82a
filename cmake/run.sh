#!/usr/bin/env bash
# The main job: set up, build, and show the data pipeline's round trip on a
# sample file — pack (chunk, encrypt, erasure-code), lose two shards, unpack.
# (Later: start the desktop app on a local network.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(bash "$ROOT/cmake/setup.sh")"
STRATUS="$BUILD/app/cli/stratus"

DEMO="${STRATUS_DEMO_DIR:-$(mktemp -d /tmp/stratus-demo-XXXXXX)}"
mkdir -p "$DEMO"
SAMPLE="$DEMO/sample.bin"
echo "== a 48 MiB sample file: $SAMPLE"
head -c $((40 * 1024 * 1024)) /dev/urandom > "$SAMPLE"
printf 'Stratus keeps this line safe.\n%.0s' $(seq 1 280000) >> "$SAMPLE"
rm -rf "$DEMO/shards" "$DEMO/restored.bin"

echo "== stratus pack: chunk, encrypt, erasure-code (4 data + 2 parity shards per segment)"
"$STRATUS" pack "$SAMPLE" --out "$DEMO/shards" --data "$DEMO/account"
ls -l "$DEMO/shards"

echo "== losing two shard files (any two of each segment's six may go)"
mapfile -t shards < <(ls "$DEMO/shards" | grep -v manifest)
rm -v "$DEMO/shards/${shards[0]}" "$DEMO/shards/${shards[3]}"

echo "== stratus unpack: fetch, verify, decode, decrypt"
"$STRATUS" unpack "$DEMO/shards" --out "$DEMO/restored.bin" --data "$DEMO/account"
if cmp -s "$SAMPLE" "$DEMO/restored.bin"; then
  echo "== round trip OK: $DEMO/restored.bin is byte-identical to the sample"
else
  echo "== round trip FAILED: restored file differs" >&2
  exit 1
fi
