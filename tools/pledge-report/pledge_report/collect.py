# SPDX-License-Identifier: MIT
"""Reading the input: the files of the PATH arguments (as pledge-validate
takes them), their validation by the library, and the valid documents,
grouped by pledge."""
from __future__ import annotations

import datetime as _dt
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

import pledge

from .i18n import last_day


class UsageError(Exception):
    """A PATH that yields no file or cannot be read (exit status 2)."""


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _yaml_name(name: str) -> bool:
    return name.endswith((".yaml", ".yml"))


def expand(paths: list[str]) -> list[str]:
    """The files of the PATH arguments in load order (cli.md): a folder
    gives every *.yaml / *.yml below it in byte-wise sorted path order,
    without hidden names and symbolic links to folders; a file named
    explicitly is always taken; a file reached twice is taken once."""
    files: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    def walk(folder: str) -> list[str]:
        found: list[str] = []
        try:
            names = os.listdir(folder)
        except OSError as e:
            raise UsageError(f"{folder}: {e.strerror}") from None
        for name in names:
            if _hidden(name):
                continue
            full = os.path.join(folder, name)
            try:
                st = os.lstat(full)
            except OSError:
                continue
            if stat.S_ISDIR(st.st_mode):
                found += walk(full)
            elif stat.S_ISLNK(st.st_mode):
                if not os.path.isdir(full) and _yaml_name(name):
                    found.append(full)
            elif stat.S_ISREG(st.st_mode) and _yaml_name(name):
                found.append(full)
        return found

    for path in paths:
        if path == "-":
            raise UsageError("-: standard input is not supported (give files or folders)")
        if os.path.isdir(path):
            below = sorted(walk(path), key=os.fsencode)
            if not below:
                raise UsageError(f"{path}: no *.yaml or *.yml file in this folder")
            for f in below:
                add(f)
        elif os.path.exists(path):
            add(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return files


# A line that starts a new document or ends one (YAML 1.2 c-forbidden: such
# a line can stand inside no scalar, so it always marks a boundary).
_MARKER = re.compile(r"^(---|\.\.\.)(?=[ \t\r\n]|$)")
_DIRECTIVE = re.compile(r"^%")


def split_stream(text: str) -> list[str]:
    """The documents of a YAML stream as separate texts, in stream order.

    Used only for a stream where some document is invalid, to load the
    others on their own (pledge.load_all takes a stream whole)."""
    docs: list[str] = []
    cur: list[str] = []
    explicit = False      # the current document began with ---
    pending: list[str] = []  # directives of the next document

    def content(lines: list[str]) -> bool:
        for line in lines:
            s = line.strip()
            if s and not s.startswith("#"):
                return True
        return False

    def close() -> None:
        nonlocal cur, explicit
        if explicit or content(cur):
            docs.append("".join(cur))
        cur = []
        explicit = False

    for line in text.splitlines(keepends=True):
        m = _MARKER.match(line)
        if m and m[1] == "---":
            close()
            cur = pending + [line]
            pending = []
            explicit = True
        elif m:  # "..." ends the document
            cur.append(line)
            close()
        elif _DIRECTIVE.match(line) and not explicit and not content(cur):
            pending.append(line)
        else:
            cur.append(line)
    close()
    return docs


# Problems after which the library reads no further in a stream (cli.md,
# Limits): the documents after them were never validated.
_STREAM_ENDS = {"yaml.syntax", "yaml.invalid-utf8", "yaml.limit", "io.error"}


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
    """Validate the files of ``paths`` together (as pledge-validate does),
    print the diagnostics to ``stderr``, and load the valid documents."""
    files = expand(paths)
    diagnostics = pledge.validate(*files, resolve=resolve)
    # In pledge-validate's order: by file in load order, then position.
    order = {os.path.normpath(f): i for i, f in enumerate(files)}
    diagnostics.sort(key=lambda d: (order.get(os.path.normpath(d.file), len(order)),
                                    d.line, d.column))
    invalid: dict[str, set[int]] = {}
    cut: dict[str, int] = {}   # a stream whose reading stopped at this document
    col = Collection()
    for d in diagnostics:
        if not quiet or d.severity == "error":
            _print_diagnostic(d, stderr)
        if d.severity == "error":
            key = os.path.normpath(d.file)
            invalid.setdefault(key, set()).add(d.document)
            if d.code in _STREAM_ENDS:
                cut[key] = min(cut.get(key, d.document), d.document)
            if d.code == "io.error":
                col.unreadable = True
    col.errors = sum(len(v) for v in invalid.values())

    docs: list[Any] = []
    for path in files:
        bad = invalid.get(os.path.normpath(path))
        if not bad:
            docs += pledge.load_all(path)
            continue
        if path.endswith(".json"):
            continue  # one document, and it is invalid
        try:
            with open(path, encoding="utf-8") as f:
                chunks = split_stream(f.read())
        except (OSError, UnicodeDecodeError):
            continue
        for i, chunk in enumerate(chunks):
            if i >= cut.get(os.path.normpath(path), len(chunks)):
                break  # pledge-validate read no further: neither does the report
            if i in bad:
                continue
            try:
                docs.append(pledge.loads(chunk, name=path))
            except pledge.Error:
                # Cannot be told apart from its neighbours: left out, and
                # counted (the validation above said nothing against it).
                col.errors += 1

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

