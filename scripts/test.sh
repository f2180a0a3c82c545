#!/usr/bin/env bash
# The README's test command: configure, build everything, run every test with CTest.
# BUILD_DIR and CMAKE_EXTRA select the build (CI uses a second, sanitized build); CTEST_EXCLUDE
# is the label regex left out (default: bench, the benchmark, which is never a timed test).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DTS_WERROR=ON ${CMAKE_EXTRA:-} >/dev/null
ninja -C "$BUILD_DIR"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 -LE "${CTEST_EXCLUDE:-bench}"
