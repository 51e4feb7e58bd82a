#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and
# runs each for a while:  cmake/fuzz.sh [SECONDS per target, default 60]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECS="${1:-60}"
bash "$ROOT/cmake/setup.sh" >/dev/null # packages
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
done
BUILD="$ROOT/build-fuzz"
[ -f "$BUILD/build.ninja" ] || CXX=clang++ CC=clang cmake -S "$ROOT" -B "$BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSTRATUS_FUZZ=ON -DSTRATUS_BUILD_DESKTOP=OFF -DSTRATUS_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" --target fuzz_manifest fuzz_text_ids fuzz_tree_head fuzz_statement fuzz_sync_wire -- --quiet
for t in fuzz_manifest fuzz_text_ids fuzz_tree_head fuzz_statement fuzz_sync_wire; do
  mkdir -p "$BUILD/corpus/$t"
  echo "== $t for ${SECS}s"
  "$BUILD/tests/fuzz/$t" -max_total_time="$SECS" -max_len=65536 "$BUILD/corpus/$t" \
    $([ -d "$ROOT/tests/fuzz/seeds/${t#fuzz_}" ] && echo "$ROOT/tests/fuzz/seeds/${t#fuzz_}") 2>&1 | tail -3
done
