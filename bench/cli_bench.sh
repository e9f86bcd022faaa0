#!/bin/sh
# SPDX-License-Identifier: MIT
# Benchmarks of pledge-validate; the figures go to docs/performance.md,
# section "pledge-validate". Not a test: times depend on the machine.
#
#   bench/cli_bench.sh [BUILD_DIR [CORPUS_DIR]]
#
# 1. one small file: median wall time of a whole run (process start,
#    built-in schema compilation, reading, validation, output);
# 2. a corpus of 2,000 files with --jobs 1, against the floor of merely
#    parsing the same files with libyaml (events, no tree) in one process;
# 3. the same corpus with --jobs 2 (and --jobs N for N cores, if more).
#
# BUILD_DIR defaults to build-bench/, configured here as Release. The
# corpus is CORPUS_DIR, else the model benchmark's (2,000 files written by
# bench/gen_pledges.c), else 1,000 pledges and 1,000 follow-ups made here
# from examples/ (the Ale pledge and its follow-up, ids renumbered).
# Needs hyperfine, a C compiler, pkg-config and libyaml's headers.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
corpus=${2:-}
runs=${RUNS:-30}

if [ ! -x "$build/tools/pledge-validate/pledge-validate" ] || [ -z "${1:-}" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
        -DPLEDGE_BINDINGS=OFF >/dev/null
    cmake --build "$build" -j"$(nproc)" --target pledge-validate >/dev/null
fi
bin=$build/tools/pledge-validate/pledge-validate

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

# The model benchmark's corpus: 2,000 synthetic pledges of about 8 KB from
# bench/gen_pledges.c (fixed seed, so the same files every time).
if [ -z "$corpus" ] && [ -f "$root/bench/gen_pledges.c" ]; then
    cc -O2 -o "$work/gen_pledges" "$root/bench/gen_pledges.c"
    corpus=$work/corpus
    "$work/gen_pledges" 2000 --dir "$corpus"
fi
if [ -z "$corpus" ]; then
    # Without the generator: 1,000 Ale pledges and their follow-ups.
    corpus=$work/corpus
    mkdir -p "$corpus"
    i=0
    while [ $i -lt 1000 ]; do
        n=$(printf '%04d' $i)
        sed "s/^id: ale-2024\$/id: bench-$n/" "$root/examples/ale-2024.yaml" \
            >"$corpus/pledge-$n.yaml"
        sed -e "s/^pledge: ale-2024\$/pledge: bench-$n/" \
            -e "s/^id: ale-2024-uppfoljning-2025\$/id: bench-$n-2025/" \
            "$root/examples/ale-2024-follow-up-2025.yaml" >"$corpus/pledge-$n-follow-up.yaml"
        i=$((i + 1))
    done
fi
files=$(find "$corpus" -name '*.yaml' | wc -l)
bytes=$(find "$corpus" -name '*.yaml' -exec cat {} + | wc -c)

# The floor: libyaml's event parser over every file, nothing else.
# shellcheck disable=SC2046 # pkg-config's words are wanted
cc -O2 -o "$work/floor" "$root/bench/libyaml_floor.c" $(pkg-config --cflags --libs yaml-0.1)

find "$corpus" -name '*.yaml' | LC_ALL=C sort >"$work/list"
small=$root/examples/ale-2024.yaml
cores=$(nproc)

median() {
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]
for x in r: print("%-24s median %8.2f ms  (min %.2f, max %.2f)  CPU %.0f ms user + %.0f ms sys (means)" % (x["command"][:24], x["median"]*1e3, x["min"]*1e3, x["max"]*1e3, x["user"]*1e3, x["system"]*1e3))' "$1"
}

# The machine's load says how far wall times can be trusted.
echo "== pledge-validate $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $files files, $bytes bytes; $(uptime | sed 's/.*load/load/')"
echo "== 1. one small file ($(wc -c <"$small") bytes)"
hyperfine -N --style none --warmup 5 --runs "$((runs * 3))" --export-json "$work/small.json" \
    -n "one file" "$bin --quiet $small" >/dev/null
median "$work/small.json"

echo "== 2-3. the corpus"
# xargs would split the list; one call is what CI does.
set -- $(cat "$work/list")
cmd_floor="$work/floor $*"
cmd_j1="$bin --quiet --jobs 1 $*"
cmd_j2="$bin --quiet --jobs 2 $*"
cmd_jn="$bin --quiet --jobs $cores $*"
if [ "$cores" -gt 2 ]; then
    hyperfine -N -i --style none --warmup 2 --runs "$runs" --export-json "$work/corpus.json" \
        -n "libyaml parse floor" "$cmd_floor" -n "jobs 1" "$cmd_j1" \
        -n "jobs 2" "$cmd_j2" -n "jobs $cores" "$cmd_jn" >/dev/null
else
    hyperfine -N -i --style none --warmup 2 --runs "$runs" --export-json "$work/corpus.json" \
        -n "libyaml parse floor" "$cmd_floor" -n "jobs 1" "$cmd_j1" \
        -n "jobs 2" "$cmd_j2" >/dev/null
fi
median "$work/corpus.json"
python3 -c 'import json,sys; r={x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
f=r.pop("libyaml parse floor")
for k, x in r.items():
    print("%-20s %.2fx the floor (median), %.2fx (min)" % (k, x["median"]/f["median"], x["min"]/f["min"]))
j1 = r["jobs 1"]
for k, x in r.items():
    if k != "jobs 1":
        print("%-20s %.2fx the wall time of jobs 1 (median), %.2fx (min)" % (k, x["median"]/j1["median"], x["min"]/j1["min"]))' "$work/corpus.json"
echo "== $(uptime | sed 's/.*load/load/')"
