# SPDX-License-Identifier: MIT
"""The packaging tests' tally: check() counts, finish() prints the plain
"N passed, N failed" line that CI reads and exits 1 on any failure."""
import sys

_counts = {"passed": 0, "failed": 0}


def check(cond, what):
    if cond:
        _counts["passed"] += 1
    else:
        _counts["failed"] += 1
        print("FAIL:", what)


def finish():
    print(f"{_counts['passed']} passed, {_counts['failed']} failed")
    sys.exit(1 if _counts["failed"] else 0)
