#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Time pledge-report on N generated pledges (default 300, each with two
follow-ups): run.py LAUNCHER WORKDIR [N] [RUNS]. Prints the wall time of
each run of the whole command (Python start, validation of every file,
loading, progress, rendering, writing) and the best and median."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: run.py LAUNCHER WORKDIR [N] [RUNS]", file=sys.stderr)
        return 2
    launcher, work = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    corpus, out = os.path.join(work, "corpus"), os.path.join(work, "out")
    shutil.rmtree(work, ignore_errors=True)
    here = os.path.dirname(os.path.abspath(__file__))
    subprocess.run([sys.executable, os.path.join(here, "gen_corpus.py"), str(n), corpus], check=True)
    files = len(os.listdir(corpus))
    times = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        r = subprocess.run([launcher, "-q", corpus, "-o", out], capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if r.returncode != 0:
            print(r.stderr, file=sys.stderr)
            return 1
    pages = len(os.listdir(out))
    size = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print(f"pledge-report: {n} pledges ({files} files) -> {pages} pages, {size / 1e6:.1f} MB")
    print("runs (s): " + " ".join(f"{t:.2f}" for t in times))
    print(f"best {min(times):.2f} s, median {statistics.median(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
