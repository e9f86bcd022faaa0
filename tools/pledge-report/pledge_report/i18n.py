# SPDX-License-Identifier: MIT
"""The page's language: message catalogs (i18n/sv.json, i18n/en.json) and
the display forms of dates, numbers and the format's enumerations."""
from __future__ import annotations

import calendar
import datetime as _dt
import json
import os
import re
from typing import Any

LANGUAGES = ("sv", "en")
_HERE = os.path.dirname(os.path.abspath(__file__))

# "2024", "2024-02", "2024-02-14" (a partial date of format.md), as text.
_PARTIAL = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")


def load_catalog(lang: str) -> dict[str, Any]:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    with open(os.path.join(_HERE, "i18n", f"{lang}.json"), encoding="utf-8") as f:
        return json.load(f)


def parse_partial(value: Any) -> tuple[int, int, int] | None:
    """(year, month, day) of a partial date, 0 for what was not written;
    None for anything else."""
    if isinstance(value, _dt.date):
        return (value.year, value.month, value.day)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, 0, 0)
    if not isinstance(value, str):
        return None
    m = _PARTIAL.match(value)
    if not m:
        return None
    return (int(m[1]), int(m[2] or 0), int(m[3] or 0))


def last_day(value: Any) -> _dt.date | None:
    """The last day a partial date stands for (2024 -> 2024-12-31)."""
    p = parse_partial(value)
    if p is None:
        return None
    y, m, d = p
    if not m:
        return _dt.date(y, 12, 31)
    if not d:
        return _dt.date(y, m, calendar.monthrange(y, m)[1])
    return _dt.date(y, m, d)


def first_day(value: Any) -> _dt.date | None:
    p = parse_partial(value)
    if p is None:
        return None
    y, m, d = p
    return _dt.date(y, m or 1, d or 1)


class Lang:
    """Display forms in one language."""

    def __init__(self, lang: str) -> None:
        self.code = lang
        self.cat = load_catalog(lang)

    def t(self, key: str, **kw: Any) -> str:
        text = self.cat["t"][key]
        return text.format(**kw) if kw else text

    def enum(self, table: str, value: Any) -> str:
        """The display name of an enumeration value; the value itself when
        the catalog lacks it (a newer format's value)."""
        if value is None:
            return ""
        return self.cat.get(table, {}).get(str(value), str(value).replace("_", " "))

    def status(self, status: str) -> str:
        return self.enum("status", status)

    def verdict(self, table: str, value: bool | None) -> str:
        return self.cat[table]["none" if value is None else ("true" if value else "false")]

    def date(self, value: Any) -> str:
        """A date or partial date in words: "14 februari 2025", "februari
        2025", "2025"; other values as given."""
        p = parse_partial(value)
        if p is None:
            return "" if value is None else str(value)
        y, m, d = p
        if not m:
            return str(y)
        month = self.cat["months"][m - 1]
        if not d:
            return f"{month} {y}"
        return f"{d} {month} {y}"

    def number(self, value: Any, decimals: int | None = None) -> str:
        """A number as written in the language: 41,5 / 41.5; 1 200 / 1,200
        (no trailing zeros, at most ``decimals`` (default 2) places)."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            text = f"{value:,d}"
        else:
            places = 2 if decimals is None else decimals
            text = f"{float(value):,.{places}f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            if text in ("-0", ""):
                text = "0"
        if self.code == "sv":
            # 1,234.5 -> 1 234,5 (no-break space between groups)
            text = text.replace(",", "\u00a0").replace(".", ",")
        return text.replace("-", "\u2212") if text.startswith("-") else text

    def percent(self, share: float) -> str:
        """0.2 -> "20 %" / "20%" (whole percent, half away from zero)."""
        n = int(share * 100 + 0.5) if share >= 0 else -int(-share * 100 + 0.5)
        return self.t("pct", n=n)

    def value(self, value: Any, unit: str | None) -> str:
        """An indicator value in its unit."""
        if value is None:
            return ""
        if unit == "percent":
            return self.t("pct", n=self.number(value, 1))
        return self.number(value)

    def change(self, value: float | None, unit: str | None) -> str:
        if value is None:
            return ""
        sign = "+" if value > 0 else ""
        num = sign + self.number(value, 1)
        if unit == "percent":
            return f"{num} {self.t('percentage_points')}"
        return num
