# SPDX-License-Identifier: MIT
"""Shared helpers of the Python binding tests.

Every test module does ``from pledgetest import load_tests``: unittest then
runs its tests through a suite that remembers the run's result and, when
the interpreter exits (after unittest's own report), prints one last line
``N passed, N failed`` for logs and scripts to pick up.
"""
from __future__ import annotations

import atexit
import os
import re
import sys
import unittest
from pathlib import Path
from typing import Any

REPO = Path(os.environ.get("PLEDGE_SOURCE_DIR") or Path(__file__).resolve().parents[3])
EXAMPLES = REPO / "examples"
ALE = EXAMPLES / "ale-2024.yaml"
ALE_FOLLOW_UP = EXAMPLES / "ale-2024-follow-up-2025.yaml"
DATA = Path(__file__).resolve().parent / "data"
FULL = DATA / "full-pledge.yaml"
FULL_FOLLOW_UP = DATA / "full-follow-up.yaml"


# ---- the final summary line ----------------------------------------------------

_runs: list[unittest.TestResult] = []


def _test_id(test: Any) -> str:
    case = getattr(test, "test_case", test)  # a failed subTest counts for its test
    return case.id()


def _print_summary() -> None:
    result = _runs[0]
    failed = {_test_id(t) for t, _ in result.failures + result.errors}
    failed |= {_test_id(t) for t in result.unexpectedSuccesses}
    skipped = len(result.skipped)
    passed = max(result.testsRun - len(failed) - skipped, 0)
    line = f"{passed} passed, {len(failed)} failed"
    if skipped:
        line += f", {skipped} skipped"
    sys.stderr.flush()
    print(line, file=sys.stderr, flush=True)


class _SummarySuite(unittest.TestSuite):
    def run(self, result: unittest.TestResult, debug: bool = False) -> unittest.TestResult:
        if not _runs:
            _runs.append(result)
            atexit.register(_print_summary)
        return super().run(result, debug)


def load_tests(loader: unittest.TestLoader, tests: unittest.TestSuite,
               pattern: str | None) -> unittest.TestSuite:
    return _SummarySuite([tests])


# ---- YAML 1.2 with PyYAML ------------------------------------------------------------

def yaml12_loader() -> type:
    """PyYAML's SafeLoader with the YAML 1.2 core schema's resolvers in place
    of its YAML 1.1 ones (booleans, nulls, integers with octal and
    sexagesimal forms, floats, timestamps; merge and value keys dropped)."""
    import yaml

    class Yaml12Loader(yaml.SafeLoader):
        pass

    replaced = {"bool", "null", "int", "float", "timestamp", "merge", "value"}
    replaced = {f"tag:yaml.org,2002:{t}" for t in replaced}
    Yaml12Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in replaced]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    add = Yaml12Loader.add_implicit_resolver
    add("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    add("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"))
    add("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        list("-+0123456789"))
    add("tag:yaml.org,2002:float",
        re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                   r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
        list("-+.0123456789"))

    def construct_null(loader: Any, node: Any) -> None:
        return None

    def construct_bool(loader: Any, node: Any) -> bool:
        return loader.construct_scalar(node).lower() == "true"

    def construct_int(loader: Any, node: Any) -> int:
        text = loader.construct_scalar(node)
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)  # "010" is ten in YAML 1.2

    def construct_float(loader: Any, node: Any) -> float:
        text = loader.construct_scalar(node).lower()
        if text.endswith(".inf"):
            return float("-inf") if text.startswith("-") else float("inf")
        if text == ".nan":
            return float("nan")
        return float(text)

    Yaml12Loader.add_constructor("tag:yaml.org,2002:null", construct_null)
    Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", construct_bool)
    Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Yaml12Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    return Yaml12Loader


def read_yaml12(path: Path) -> list[Any]:
    """Every document of the file, read as YAML 1.2 by PyYAML."""
    import yaml

    with open(path, encoding="utf-8") as f:
        return list(yaml.load_all(f, Loader=yaml12_loader()))


# ---- memory ---------------------------------------------------------------------------

def rss_bytes() -> int:
    """The process's resident set size now (not its peak)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no procfs: the peak, which grows with any leak too
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
