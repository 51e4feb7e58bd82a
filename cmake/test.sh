#!/usr/bin/env bash
# Set up, build, and run the whole test suite in parallel.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(bash "$ROOT/cmake/setup.sh")"
cd "$BUILD"
ctest -j"${STRATUS_TEST_JOBS:-2}" --output-on-failure --timeout 600 "$@"
