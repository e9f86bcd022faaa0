#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: tests/fuzz/run.sh SECONDS [BUILD_DIR]
# Builds the fuzz targets under ASan+UBSan with clang (in BUILD_DIR,
# default build-fuzz) and runs every target for SECONDS, one after the
# other, with the seeds and dictionary of its ctest. Findings land in
# BUILD_DIR/tests/fuzz/corpus/crashes/; once fixed, copy each into
# tests/data/fuzz/<target>/ so that every build replays it.
set -eu
seconds=${1:?usage: run.sh SECONDS [BUILD_DIR]}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$top/build-fuzz}
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DPLEDGE_SANITIZE=ON -DPLEDGE_FUZZ=ON -DPLEDGE_BINDINGS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
cd "$build"
FUZZ_SECONDS=$seconds ctest -L fuzz -j1 --timeout $((seconds + 300)) --output-on-failure
