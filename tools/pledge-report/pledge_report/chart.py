# SPDX-License-Identifier: MIT
"""A small inline SVG chart of an indicator: its measurements against the
planned path from baseline to target. Built as text with every piece of
data escaped; coordinates with fixed decimals, so the bytes are the same
on every run. The chart has a text alternative (title and description);
the page shows the same data in a table beside it."""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from markupsafe import Markup, escape

from .i18n import Lang

W, H = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 48, 14, 14, 30
MEASURED = "#1d4ed8"   # 6.7:1 on white
PLANNED = "#7e22ce"    # 6.9:1 on white
AXIS = "#4b5563"       # 7.5:1 on white


def _nice(v: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is >= v > 0."""
    p = 10.0 ** math.floor(math.log10(v))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * p >= v * (1 - 1e-12):
            return m * p
    return 10.0 * p


def _f(x: float) -> str:
    return f"{x:.1f}"


def indicator_chart(lang: Lang, iid: str, text: str, unit: str | None,
                    points: list[tuple[_dt.date, float]],
                    baseline: tuple[_dt.date | None, Any] | None,
                    target: tuple[_dt.date | None, Any] | None,
                    verdict: str) -> Markup | None:
    """The chart as SVG markup, or None when there is nothing to draw."""
    base = baseline if baseline and baseline[0] and baseline[1] is not None else None
    tgt = target if target and target[0] and target[1] is not None else None
    if not points and not base and not tgt:
        return None
    dates = [d for d, _ in points] + ([base[0]] if base else []) + ([tgt[0]] if tgt else [])
    values = [float(v) for _, v in points] + ([float(base[1])] if base else []) + \
        ([float(tgt[1])] if tgt else [])
    d0, d1 = min(dates), max(dates)
    if d0 == d1:
        d0 -= _dt.timedelta(days=182)
        d1 += _dt.timedelta(days=183)
    if unit == "percent":
        lo, hi = 0.0, 100.0
    else:
        lo = min(0.0, min(values))
        hi = _nice(max(values) * 1.1) if max(values) > 0 else 1.0
        if lo < 0:
            lo = -_nice(-lo * 1.1)
    span_days = (d1 - d0).days
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(d: _dt.date) -> float:
        return LEFT + pw * (d - d0).days / span_days

    def y(v: float) -> float:
        return TOP + ph * (1.0 - (float(v) - lo) / (hi - lo))

    uid = f"chart-{iid}"
    out: list[str] = []
    # Text alternative: what the chart shows, in words.
    desc = [lang.t("chart_series", values=", ".join(
        f"{lang.date(d.isoformat())}: {lang.value(v, unit)}" for d, v in points) or "–")]
    if base:
        desc.append(lang.t("chart_baseline", value=lang.value(base[1], unit),
                           date=lang.date(base[0].isoformat())))
    if tgt:
        desc.append(lang.t("chart_target", value=lang.value(tgt[1], unit),
                           date=lang.date(tgt[0].isoformat())))
    desc.append(lang.t("chart_on_track", verdict=verdict))
    out.append(f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" '
               f'aria-labelledby="{escape(uid)}-t {escape(uid)}-d" focusable="false">')
    out.append(f'<title id="{escape(uid)}-t">{escape(lang.t("chart_label", text=text))}</title>')
    out.append(f'<desc id="{escape(uid)}-d">{escape(" ".join(desc))}</desc>')
    # Grid and axis labels (lowest, middle, highest value).
    for v in (lo, (lo + hi) / 2, hi):
        yy = _f(y(v))
        out.append(f'<line x1="{LEFT}" y1="{yy}" x2="{W - RIGHT}" y2="{yy}" '
                   f'stroke="#d1d5db" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{yy}" text-anchor="end" dominant-baseline="middle" '
                   f'font-size="11" fill="{AXIS}">{escape(lang.value(round(v, 1), unit))}</text>')
    out.append(f'<line x1="{LEFT}" y1="{_f(TOP + ph)}" x2="{W - RIGHT}" y2="{_f(TOP + ph)}" '
               f'stroke="{AXIS}" stroke-width="1"/>')
    for d, anchor in ((d0, "start"), (d1, "end")):
        label = str(d.year)
        out.append(f'<text x="{_f(x(d))}" y="{H - 10}" text-anchor="{anchor}" font-size="11" '
                   f'fill="{AXIS}">{escape(label)}</text>')
    # The planned path: baseline to target (without a baseline, the target level).
    if tgt:
        if base:
            out.append(f'<line x1="{_f(x(base[0]))}" y1="{_f(y(base[1]))}" x2="{_f(x(tgt[0]))}" '
                       f'y2="{_f(y(tgt[1]))}" stroke="{PLANNED}" stroke-width="2" '
                       f'stroke-dasharray="6 4"/>')
        else:
            out.append(f'<line x1="{LEFT}" y1="{_f(y(tgt[1]))}" x2="{W - RIGHT}" '
                       f'y2="{_f(y(tgt[1]))}" stroke="{PLANNED}" stroke-width="2" '
                       f'stroke-dasharray="6 4"/>')
        tx, ty = x(tgt[0]), y(tgt[1])
        out.append(f'<path d="M{_f(tx)} {_f(ty - 6)} L{_f(tx + 6)} {_f(ty)} L{_f(tx)} {_f(ty + 6)} '
                   f'L{_f(tx - 6)} {_f(ty)} Z" fill="{PLANNED}"/>')
    if base:
        bx, by = x(base[0]), y(base[1])
        out.append(f'<rect x="{_f(bx - 5)}" y="{_f(by - 5)}" width="10" height="10" '
                   f'fill="#ffffff" stroke="{PLANNED}" stroke-width="2"/>')
    # The measurements.
    if len(points) > 1:
        pts = " ".join(f"{_f(x(d))},{_f(y(v))}" for d, v in points)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{MEASURED}" stroke-width="2.5"/>')
    for d, v in points:
        out.append(f'<circle cx="{_f(x(d))}" cy="{_f(y(v))}" r="4.5" fill="{MEASURED}"/>')
    out.append("</svg>")
    return Markup("".join(out))
