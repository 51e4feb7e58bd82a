#!/usr/bin/env bash
# The main job: set up, build, and with a display launch stratus-desktop on
# the local network it starts itself (it blocks until the app is closed, and
# closing the app stops that network). Without a display (or under CI): start
# a local network of 8 storage nodes and 2 paper nodes on loopback and show a
# put/get round trip on it — including losing two nodes, which the paper
# nodes notice and attest in their logs — what the nodes earned for it,
# checked to the unit, what it cost, and two devices syncing a folder.
#
#   STRATUS_DEVNET_DIR   where the local network lives (default ~/.local/share/stratus/devnet)
#   STRATUS_KEEP_DEVNET=1  leave the network running afterwards
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(bash "$ROOT/cmake/setup.sh")"
STRATUS="$BUILD/app/cli/stratus"

# With a display, the main job is the desktop app: on first run its wizard
# creates an account and starts a local network in the app's data dir (the
# embedded default); drop a file and watch it spread over the nodes. This
# blocks until the app is closed, which stops the local network it started.
if [ -z "${CI:-}" ] && [ -z "${STRATUS_CLI_DEMO:-}" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; } \
   && [ -x "$BUILD/app/desktop/stratus-desktop" ]; then
  echo "== starting stratus-desktop (close it to stop; STRATUS_CLI_DEMO=1 shows the command-line round trip instead)"
  exec "$BUILD/app/desktop/stratus-desktop"
fi
echo "== no display (or CI): showing the command-line round trip instead of the desktop app"

DATA="${STRATUS_DATA_DIR:-$HOME/.local/share/stratus}"
DEVNET="${STRATUS_DEVNET_DIR:-$DATA/devnet}"
CLIENT="$DATA/demo-client"
NET="$DEVNET/network.json"
WORK="$(mktemp -d /tmp/stratus-demo-XXXXXX)"
stop() {
  if [ "${STRATUS_KEEP_DEVNET:-0}" != 1 ]; then
    "$STRATUS" devnet down --dir "$DEVNET" >/dev/null 2>&1 || true
    echo "== local network stopped (STRATUS_KEEP_DEVNET=1 keeps it running)"
  else
    echo "== the local network keeps running; stop it with: $STRATUS devnet down --dir $DEVNET"
  fi
  rm -rf "$WORK"
}
trap stop EXIT

"$STRATUS" devnet down --dir "$DEVNET" >/dev/null 2>&1 || true
echo "== starting a local network of 8 storage nodes and 2 paper nodes (validators) in $DEVNET"
"$STRATUS" devnet up --nodes 8 --validators 2 --storage 512MiB --dir "$DEVNET"

SAMPLE="$WORK/sample.bin"
head -c $((40 * 1024 * 1024)) /dev/urandom > "$SAMPLE"
printf 'Stratus keeps this line safe.\n%.0s' $(seq 1 280000) >> "$SAMPLE"
echo "== stratus put: chunk, encrypt, erasure-code (4+2), place 6 shards on 6 nodes"
"$STRATUS" put "$SAMPLE" --to /demo --network "$NET" --data "$CLIENT"
"$STRATUS" ls --network "$NET" --data "$CLIENT"
"$STRATUS" devnet status --dir "$DEVNET"

# Nodes that hold something: status lines read "  nodeN  running  ...  used X, free Y".
mapfile -t holders < <("$STRATUS" devnet status --dir "$DEVNET" | awk '/^  node/ && !/used 0 B,/ {print $1}')
echo "== killing two nodes that hold shards: ${holders[0]} ${holders[1]}"
"$STRATUS" devnet kill "${holders[0]}" --dir "$DEVNET"
"$STRATUS" devnet kill "${holders[1]}" --dir "$DEVNET"

echo "== stratus get: the first 4 shards to arrive are enough"
"$STRATUS" get /demo/sample.bin --out "$WORK/restored.bin" --network "$NET" --data "$CLIENT"
if cmp -s "$SAMPLE" "$WORK/restored.bin"; then
  echo "== round trip OK: the file came back byte-identical with two of its nodes down"
else
  echo "== round trip FAILED: the restored file differs" >&2
  exit 1
fi
echo "== the paper nodes saw them go (an audit round every second):"
sleep 2
"$STRATUS" nodes --network "$NET" --data "$CLIENT"
"$STRATUS" devnet restart "${holders[0]}" --dir "$DEVNET"
"$STRATUS" devnet restart "${holders[1]}" --dir "$DEVNET"
echo "== their transparency logs (signed attestations, one per node and 10 s epoch), checked:"
sleep 10
"$STRATUS" log verify --network "$NET" --data "$CLIENT"
"$STRATUS" log show --network "$NET" --data "$CLIENT" | tail -n 9
echo "== what the storage nodes earned (signed statements per 10 s epoch; base fee, storage, egress, multiplier, penalties):"
"$STRATUS" earnings show --network "$NET" --data "$CLIENT" --node "${holders[2]:-node1}" --epochs 4
echo "== one statement exported and recomputed by anyone, to the micro-credit:"
EPOCH="$("$STRATUS" earnings show --network "$NET" --data "$CLIENT" --node "${holders[2]:-node1}" --json \
  | sed -n 's/.*"epoch": \([0-9]*\),.*/\1/p' | head -n 1)"
"$STRATUS" earnings export --network "$NET" --data "$CLIENT" --node "${holders[2]:-node1}" \
  --statement "${EPOCH:-0}" --out "$WORK/statement.stratus"
"$STRATUS" earnings verify "$WORK/statement.stratus" --network "$NET"
echo "== and what storing the sample costs the client (credits from the devnet's faucet):"
"$STRATUS" credits --network "$NET" --data "$CLIENT"

echo "== folder sync: two devices of one new account, each running \`stratus sync\`"
SECRET="$("$STRATUS" account create --data "$WORK/laptop" --network "$NET" --json \
  | sed -n 's/.*"recovery_secret": "\([^"]*\)".*/\1/p')"
printf '%s\n' "$SECRET" > "$WORK/secret.txt"
"$STRATUS" account restore --data "$WORK/desktop" --network "$NET" --secret-file "$WORK/secret.txt"
mkdir -p "$WORK/A/Docs" "$WORK/B/Docs"
"$STRATUS" sync --data "$WORK/laptop" --network "$NET" --folder "Docs=$WORK/A/Docs" --device-name laptop \
  > "$WORK/sync-a.log" 2>&1 &
SYNC_A=$!
"$STRATUS" sync --data "$WORK/desktop" --network "$NET" --folder "Docs=$WORK/B/Docs" --device-name desktop \
  > "$WORK/sync-b.log" 2>&1 &
SYNC_B=$!
echo "Written on the laptop at $(date -u +%H:%M:%S)." > "$WORK/A/Docs/hello.txt"
for _ in $(seq 1 60); do [ -f "$WORK/B/Docs/hello.txt" ] && break; sleep 0.5; done
if cmp -s "$WORK/A/Docs/hello.txt" "$WORK/B/Docs/hello.txt"; then
  echo "== the file written on the laptop is on the desktop: $(cat "$WORK/B/Docs/hello.txt")"
else
  echo "== sync did not deliver the file in 30 s; see $WORK/sync-*.log" >&2
fi
kill "$SYNC_A" "$SYNC_B" 2>/dev/null || true
wait "$SYNC_A" "$SYNC_B" 2>/dev/null || true
"$STRATUS" account devices --data "$WORK/laptop" --network "$NET"
echo "== the local network lives on this machine only: it is a demo, not a backup"
