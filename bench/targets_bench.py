#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The four targets of issue 12, measured through pledge-validate itself.

    bench/targets_bench.py [--runs N] BUILD_DIR

BUILD_DIR is a Release build (cmake -DCMAKE_BUILD_TYPE=Release) holding
tools/pledge-validate/pledge-validate and bench/gen_pledges. Every ratio is
against the floor timed in the same rounds of interleaved runs: libyaml's
bare event parse of the same bytes (bench/libyaml_floor.c, built here).
The ratio given first is the median of the rounds' ratios; the ratio of
the medians and that of the fastest runs follow it. Peak RSS is GNU time's maximum resident set
size (/usr/bin/time). Not a test: the figures depend on the machine and its load (see
docs/performance.md); the script prints the load average it saw.

  1. pledge mode, 2,000 files, --jobs 1, against the floor;
  2. the same 2,000 documents as one stream, against the floor; peak RSS of
     the 250- and 2,000-document streams;
  3. --jobs 2 against --jobs 1 on the 2,000 files;
  4. one small file (the Ale pledge), whole process.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))



def run(cmd, cpu=None):
    """Wall seconds of one run, on core @p cpu alone when given; the output
    is discarded."""
    pin = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None
    start = time.perf_counter()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        preexec_fn=pin).returncode
    wall = time.perf_counter() - start
    if rc not in (0, 1):
        sys.exit("failed (%d): %s" % (rc, " ".join(cmd[:3])))
    return wall


def peak_rss(cmd):
    """Peak RSS (KiB) of @p cmd by GNU time: a forked Python child's own
    ru_maxrss would count the interpreter it was forked from."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().split()[-1])


def rounds(cmds, runs, pinned=()):
    """Run every command once per round, interleaved: the times of each, by
    round. The commands named in @p pinned (single-threaded) run on one
    core, the same for all of them in a round and the next core in the
    next round: this shared machine's cores slow down one at a time, for
    seconds, so a ratio is only fair between runs on the same core."""
    times = {name: [] for name in cmds}
    cpus = sorted(os.sched_getaffinity(0))
    for name, cmd in cmds.items():  # warm the page cache
        run(cmd)
    for i in range(runs):
        cpu = cpus[i % len(cpus)]
        for name, cmd in cmds.items():
            times[name].append(run(cmd, cpu if name in pinned else None))
    return times


def ratio(t, a, b):
    """@p a against @p b: the median of their ratios round by round (the
    two ran seconds apart, so a machine whose speed jumps between two
    levels, as this shared one does, the floor included, moves both),
    beside the ratio of their medians and that of their fastest runs."""
    per_round = statistics.median(x / y for x, y in zip(t[a], t[b]))
    return "%.2fx (ratio of medians %.2fx, of fastest runs %.2fx)" % (
        per_round, statistics.median(t[a]) / statistics.median(t[b]), min(t[a]) / min(t[b]))


def ms(t, name):
    return statistics.median(t[name]) * 1e3


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    bin_ = os.path.join(args.build, "tools/pledge-validate/pledge-validate")
    gen = os.path.join(args.build, "bench/gen_pledges")
    with tempfile.TemporaryDirectory() as work:
        floor = os.path.join(work, "floor")
        src = os.path.join(ROOT, "bench/libyaml_floor.c")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"],
                               capture_output=True, text=True, check=True).stdout.split()
        subprocess.run(["cc", "-O2", "-o", floor, src] + flags, check=True)
        corpus = os.path.join(work, "files")
        s250 = os.path.join(work, "s250.yaml")
        s2000 = os.path.join(work, "s2000.yaml")
        for a in (["2000", "--dir", corpus], ["250", s250], ["2000", s2000]):
            subprocess.run([gen] + a, check=True, stdout=subprocess.DEVNULL)
        files = sorted(os.path.join(corpus, n) for n in os.listdir(corpus))
        small = os.path.join(ROOT, "examples/ale-2024.yaml")
        print("== pledge-validate, %d cores, load average %.1f at the start"
              % (os.cpu_count(), os.getloadavg()[0]))

        t = rounds({"floor": [floor] + files,
                    "jobs 1": [bin_, "-q", "--jobs", "1"] + files}, args.runs,
                   pinned=("floor", "jobs 1"))
        print("1. 2,000 files --jobs 1: %.0f ms, floor %.0f ms: %s the floor"
              % (ms(t, "jobs 1"), ms(t, "floor"), ratio(t, "jobs 1", "floor")))
        # --jobs 2 against --jobs 1, neither pinned: two cores against one
        t = rounds({"jobs 1": [bin_, "-q", "--jobs", "1"] + files,
                    "jobs 2": [bin_, "-q", "--jobs", "2"] + files}, args.runs)
        print("3. --jobs 2: %.0f ms: %s --jobs 1" % (ms(t, "jobs 2"), ratio(t, "jobs 2", "jobs 1")))

        t = rounds({"floor": [floor, s2000],
                    "stream": [bin_, "-q", "--jobs", "1", s2000]}, args.runs,
                   pinned=("floor", "stream"))
        r = {"stream": max(peak_rss([bin_, "-q", s2000]) for _ in range(3)),
             "stream 250": max(peak_rss([bin_, "-q", s250]) for _ in range(3)),
             "floor": peak_rss([floor, s2000])}
        print("2. stream of 2,000: %.0f ms, floor %.0f ms: %s the floor"
              % (ms(t, "stream"), ms(t, "floor"), ratio(t, "stream", "floor")))
        print("   peak RSS: 250 documents %.1f MiB, 2,000 documents %.1f MiB (%+.0f%%); "
              "floor %.1f MiB" % (r["stream 250"] / 1024, r["stream"] / 1024,
                                  100.0 * (r["stream"] / r["stream 250"] - 1),
                                  r["floor"] / 1024))

        t = rounds({"small": [bin_, "-q", small]}, args.runs * 3)
        print("4. one small file (%d bytes), whole process: %.1f ms (fastest %.1f ms)"
              % (os.path.getsize(small), ms(t, "small"), min(t["small"]) * 1e3))
        print("== load average %.1f at the end" % os.getloadavg()[0])


if __name__ == "__main__":
    main()
