#!/bin/sh
# SPDX-License-Identifier: MIT
# The main job: install what is missing, build, and validate the Ale
# pledge and its follow-up with pledge-validate.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh build
# The main job needs no test framework: the tests are configured off here
# and back on by scripts/test.sh.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" --target pledge-validate
exec build/tools/pledge-validate/pledge-validate --resolve \
    examples/ale-2024.yaml examples/ale-2024-follow-up-2025.yaml
