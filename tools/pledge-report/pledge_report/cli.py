# SPDX-License-Identifier: MIT
"""The command: pledge-report [--lang sv|en] [--output DIR] [--resolve] PATH..."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any, TextIO

import pledge

from .collect import Collection, UsageError, collect
from .i18n import LANGUAGES, Lang
from .render import Renderer
from .view import PageBuilder, index_row

INDEX = "index.html"

# Swedish alphabetical order for the index: å, ä, ö after z (code point
# order would put ä before å).
_SV_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03", "æ": "z\x02", "ø": "z\x03"})


def _sort_key(row: dict[str, Any]) -> tuple[bool, str, str, str]:
    """By area (pledges without one last), then title, then id."""
    area = row["area"].text if row["area"] else ""
    title = row["title"].text if row["title"] else ""
    return (not area, area.casefold().translate(_SV_ORDER),
            title.casefold().translate(_SV_ORDER), row["id"])


def render_pages(col: Collection, lang: str = "sv",
                 stderr: TextIO = sys.stderr) -> tuple[dict[str, str], int]:
    """Every page as {file name: HTML text}, and the number of pledges
    that could not be given a page."""
    language = Lang(lang)
    renderer = Renderer(language)
    pages: dict[str, str] = {}
    rows = []
    skipped = 0
    for doc in col.pledges:
        name = f"{doc.id}.html"
        if name == INDEX:
            print(f"{doc.file}: error: a pledge with the id \"index\" would overwrite the index "
                  "page: left out", file=stderr)
            skipped += 1
            continue
        page = PageBuilder(language, doc, col.follow_ups.get(doc.id, [])).build()
        pages[name] = renderer.pledge(page)
        rows.append(index_row(page, page["area"]["short"]))
    rows.sort(key=_sort_key)
    pages[INDEX] = renderer.index(rows)
    return pages, skipped


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pledge-report",
        description="Write an accessible static web page per citizen pledge (medborgarlöfte), "
                    "with its progress from the follow-ups, and an index page.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="pledge and follow-up files, or folders (every *.yaml / *.yml below)")
    p.add_argument("--lang", choices=LANGUAGES, default="sv",
                   help="language of the pages (default: sv)")
    p.add_argument("-o", "--output", metavar="DIR", default="out",
                   help="folder to write the pages to (default: out)")
    p.add_argument("--resolve", action="store_true",
                   help="a follow-up whose pledge is not among the files is an error")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print errors only: no warnings, no summary")
    p.add_argument("--version", action="version", version=f"pledge-report {pledge.__version__}")
    return p


def main(argv: list[str] | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    stderr = stderr or sys.stderr
    args = _parser().parse_args(argv)
    try:
        col = collect(args.paths, resolve=args.resolve, stderr=stderr, quiet=args.quiet)
    except UsageError as e:
        print(f"pledge-report: {e}", file=stderr)
        return 2
    pages, skipped = render_pages(col, args.lang, stderr)
    try:
        os.makedirs(args.output, exist_ok=True)
        for name, html in pages.items():
            with open(os.path.join(args.output, name), "w", encoding="utf-8", newline="\n") as f:
                f.write(html)
    except OSError as e:
        print(f"pledge-report: {args.output}: {e.strerror}", file=stderr)
        return 2
    left_out = col.errors + skipped
    if not args.quiet:
        n = len(pages) - 1
        msg = f"pledge-report: {n} pledge page{'s' if n != 1 else ''} and {INDEX} written to {args.output}"
        if left_out:
            msg += f"; {left_out} invalid document{'s' if left_out != 1 else ''} left out"
        print(msg, file=stderr)
    if col.unreadable:
        return 2
    return 1 if left_out else 0
