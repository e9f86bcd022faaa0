#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write N synthetic pledges, each with two follow-ups, into a folder, for
bench/report/run.py: gen_corpus.py N DIR [SEED]. Invented data, the same
files for the same N and SEED. Each pledge has 4 themes of 3-6 promises,
3 goals with an indicator each (baseline and target), and each follow-up
reports on most promises and measures every indicator: about the size of
the real pledges in examples/."""
from __future__ import annotations

import os
import random
import sys

STATUSES = ["not_started", "in_progress", "stalled", "partially_done", "done",
            "cancelled", "not_assessable"]


def pledge(i: int, rnd: random.Random) -> str:
    pid = f"kommun-{i:04d}-2024"
    lines = [
        "format: pledge/1", f"id: {pid}", f"title: Kommun {i} – medborgarlöften", "language: sv",
        "area:", f"  municipality: Kommun {i}", f"  police_area: Polisområde {i % 40}",
        "parties:",
        "  - {id: kommun, name: Kommunen, kind: municipality}",
        "  - {id: polis, name: Lokalpolisområdet, kind: police}",
        "  - {id: bostad, name: Bostadsbolaget, kind: housing}",
        "period: {start: 2024, planned_years: 3, label: 2024 och tillsvidare}",
        "focus: Trafiken, unga och trygga miljöer.",
        "summary: Ett påhittat löfte för mätningen.",
        "themes:",
    ]
    acts = []
    for t in range(4):
        lines += [f"  - id: tema-{t}", f"    title: Tema {t} med en rubrik", "    activities:"]
        for a in range(rnd.randint(3, 6)):
            aid = f"aktivitet-{t}-{a}"
            acts.append(aid)
            resp = rnd.choice(["[kommun]", "[polis]", "[kommun, polis]", "[kommun, bostad]"])
            lines += [f"      - id: {aid}",
                      f"        text: Genomföra aktivitet {a} i tema {t}, med en mening till som förklarar den.",
                      f"        responsible: {resp}"]
            if a == 0:
                lines.append("        target: {quantity: 10, comparator: at_least, unit: gånger, per: period}")
    lines.append("goals:")
    inds = []
    for g in range(3):
        iid = f"indikator-{g}"
        inds.append(iid)
        lines += [f"  - id: mal-{g}", f"    text: Mål {g}", "    indicators:",
                  f"      - id: {iid}", f"        text: Andel invånare som svarar ja på fråga {g}",
                  "        unit: percent", "        direction: increase",
                  "        baseline: {value: 50, date: 2023-10-01}",
                  "        target: {value: 65, date: 2026-10-01}"]
    lines += ["channels:", "  - {kind: web, url: 'https://example.org/kommun', owner: kommun}",
              "contacts:", "  - {party: polis, name: Kontaktperson, phone: '010-123 45 67'}"]
    return pid, acts, inds, "\n".join(lines) + "\n"


def follow_up(pid: str, year: int, acts: list[str], inds: list[str], rnd: random.Random) -> str:
    lines = ["format: follow-up/1", f"pledge: {pid}", f"date: {year + 1}-02-15",
             f"period: {{start: {year}-01-01, end: {year}-12-31}}", "summary: Årets uppföljning.",
             "activities:"]
    for aid in acts:
        if rnd.random() < 0.15:
            continue
        status = rnd.choice(STATUSES)
        lines += [f"  - activity: {aid}", f"    status: {status}",
                  "    comment: En kommentar om hur arbetet har gått under året."]
        if aid.endswith("-0"):
            lines.append(f"    done: {rnd.randint(0, 15)}")
    lines.append("indicators:")
    for iid in inds:
        lines += [f"  - indicator: {iid}", f"    value: {rnd.randint(45, 70)}", f"    date: {year}-10-01"]
    return "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) < 3:
        print("usage: gen_corpus.py N DIR [SEED]", file=sys.stderr)
        return 2
    n, folder = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1440)
    os.makedirs(folder, exist_ok=True)
    for i in range(n):
        pid, acts, inds, text = pledge(i, rnd)
        with open(os.path.join(folder, f"{pid}.yaml"), "w", encoding="utf-8") as f:
            f.write(text)
        for year in (2024, 2025):
            with open(os.path.join(folder, f"{pid}-uppfoljning-{year}.yaml"), "w", encoding="utf-8") as f:
                f.write(follow_up(pid, year, acts, inds, rnd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
