# SPDX-License-Identifier: MIT
"""Reading the input: the files of the PATH arguments, their validation and
their valid documents, all by the library's validation session
(pledge.read), grouped by pledge."""
from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

import pledge

from .i18n import last_day


class UsageError(Exception):
    """A PATH the tool does not take ("-": standard input; exit status 2)."""


@dataclass
class Collection:
    """What was read: valid pledges and their follow-ups, in load order."""

    pledges: list[pledge.Pledge] = field(default_factory=list)
    follow_ups: dict[str, list[pledge.FollowUp]] = field(default_factory=dict)
    errors: int = 0        # documents left out, and unreadable files
    unreadable: bool = False


def _print_diagnostic(d: pledge.Diagnostic, out: TextIO) -> None:
    """One line as pledge-validate's text format prints it."""
    where = d.file
    if d.line:
        where += f":{d.line}:{d.column}"
    line = f"{where}: {d.severity}: {d.message} [{d.code}]"
    if d.instance_path:
        line += f" at {d.instance_path}"
    # Controls (an escape sequence in a message quoting the data) shown as U+FFFD.
    line = "".join("\ufffd" if (ord(c) < 32 or 0x7f <= ord(c) < 0xa0) else c for c in line)
    print(line, file=out)


def collect(paths: list[str], *, resolve: bool = False, stderr: TextIO = sys.stderr,
            quiet: bool = False) -> Collection:
    """Validate the files of ``paths`` together, as pledge-validate does
    (one validation session of the library: folders, load order, the
    cross-document checks), print the diagnostics to ``stderr``, and keep
    the valid documents. A PATH that yields no file or cannot be read is an
    io.error, and ``unreadable`` is then set (exit status 2)."""
    for path in paths:
        if path == "-":
            raise UsageError("-: standard input is not supported (give files or folders)")
    col = Collection()
    docs: list[pledge.Pledge | pledge.FollowUp] = []
    for f in pledge.read(*paths, resolve=resolve):
        # already in pledge-validate's order: by file in load order, then position
        invalid = {i for i, doc in enumerate(f.documents) if doc is None}
        for d in f.diagnostics:
            if not quiet or d.severity == "error":
                _print_diagnostic(d, stderr)
            if d.severity == "error":
                invalid.add(d.document)  # the file's own problems too (io.error)
                if d.code == "io.error":
                    col.unreadable = True
        col.errors += len(invalid)
        docs += [doc for doc in f.documents if doc is not None]

    for doc in docs:
        if isinstance(doc, pledge.Pledge):
            col.pledges.append(doc)
        else:
            col.follow_ups.setdefault(doc.pledge_id, []).append(doc)
    return col


def follow_up_key(d: dict[str, Any], order: int) -> tuple[Any, ...]:
    """How a follow-up sorts among the reports on one pledge (format.md,
    latest status): its date as its last day (no date: its period's end),
    then the later period end, then load order."""
    period = d.get("period") or {}
    end = last_day(period.get("end"))
    date = last_day(d.get("date")) or end
    return (date or _dt.date.min, end or _dt.date.min, order)

