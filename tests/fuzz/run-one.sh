#!/bin/sh
# SPDX-License-Identifier: MIT
# usage: run-one.sh TARGET SECONDS DICT WORK_CORPUS [SEED_DIR...]
# Runs one libFuzzer target for SECONDS (or $FUZZ_SECONDS when set); new
# inputs go to WORK_CORPUS,
# crashes to WORK_CORPUS/../crashes/. Exits non-zero on a finding.
set -eu
target=$1 seconds=${FUZZ_SECONDS:-$2} dict=$3 corpus=$4
shift 4
seeds=""
for d in "$@"; do [ -d "$d" ] && seeds="$seeds $d"; done
mkdir -p "$corpus" "$corpus/../crashes"
# shellcheck disable=SC2086 # the seed folders are separate arguments
exec "$target" -max_total_time="$seconds" -dict="$dict" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$corpus/../crashes/$(basename "$target")-" "$corpus" $seeds
