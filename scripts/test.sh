#!/bin/sh
# SPDX-License-Identifier: MIT
# Install what is missing, build everything and run every test (ctest).
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh test
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
cmake --build build -j"$(nproc)"
cd build
ctest --output-on-failure -j"$(nproc)"
