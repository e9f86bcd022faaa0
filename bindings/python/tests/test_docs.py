# SPDX-License-Identifier: MIT
"""docs/python.md: every ```python snippet runs, in order, in one namespace,
from the root of the repository."""
from __future__ import annotations

import contextlib
import io
import os
import re
import unittest

from pledgetest import REPO, load_tests  # noqa: F401

DOC = REPO / "docs" / "python.md"


def snippets() -> list[tuple[int, str]]:
    """(line number, code) of each python block of the tutorial."""
    text = DOC.read_text(encoding="utf-8")
    out = []
    for m in re.finditer(r"^```python\n(.*?)^```$", text, re.S | re.M):
        out.append((text.count("\n", 0, m.start()) + 2, m.group(1)))
    return out


class DocsTest(unittest.TestCase):
    def test_snippets_run(self) -> None:
        blocks = snippets()
        self.assertGreaterEqual(len(blocks), 8)
        namespace: dict[str, object] = {"__name__": "python_md"}
        cwd = os.getcwd()
        os.chdir(REPO)
        try:
            for line, code in blocks:
                with self.subTest(line=line):
                    out = io.StringIO()
                    with contextlib.redirect_stdout(out):
                        exec(compile(code, f"{DOC}:{line}", "exec"), namespace)
                    self.assertTrue(out.getvalue() or "print(" not in code)
        finally:
            os.chdir(cwd)

    def test_printed_values_in_comments(self) -> None:
        """The "# value" comments after print() calls with one argument show
        what the tutorial's snippets really print (a spot check)."""
        namespace: dict[str, object] = {}
        cwd = os.getcwd()
        os.chdir(REPO)
        try:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                for line, code in snippets():
                    exec(compile(code, f"{DOC}:{line}", "exec"), namespace)
        finally:
            os.chdir(cwd)
        printed = out.getvalue()
        for expected in ("Ale – medborgarlöften", "ale-2024 sv", "2024-01-01 None 2024 och tillsvidare",
                         "<Activity tryggare-trafikmiljo>", "11 5", "20% done", "in_progress",
                         "68.0 2024-10-31", "None None", "True\n[]\n"):
            with self.subTest(expected=expected):
                self.assertIn(expected, printed)


if __name__ == "__main__":
    unittest.main()
