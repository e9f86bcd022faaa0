# SPDX-License-Identifier: MIT
"""What a page shows, as plain data for the templates: built from a
pledge, its follow-ups and the progress the library computes.

The typed API (pledge.Pledge, pledge.Progress) gives identity, statuses,
share done and indicator progress; the rest is read from ``to_dict()``,
which holds exactly the keys of the source, so keys of format 1.1
(partners, places, signing, outputs, events, other_work…) are shown
whether or not the typed API has them yet."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pledge

from . import chart
from .collect import follow_up_key
from .i18n import Lang, first_day
from .urls import safe_url

# Display order of statuses (the bar, the legend), with a symbol each so
# that colour is never the only carrier of status.
STATUSES = ("done", "partially_done", "in_progress", "stalled", "not_started",
            "not_done", "not_assessable", "cancelled", "not_reported")
SYMBOLS = {"done": "✓", "partially_done": "◑", "in_progress": "↻", "stalled": "‖",
           "not_started": "○", "not_done": "✗", "not_assessable": "?",
           "cancelled": "⊘", "not_reported": "–"}


@dataclass(frozen=True, slots=True)
class Text:
    """A text from the data, with the language it is written in."""

    text: str
    lang: str | None


class Localizer:
    """Texts of a document in the page's language where the document has
    it, else in the document's own language."""

    def __init__(self, ui: str, doc_lang: str | None) -> None:
        self.ui = ui
        self.doc_lang = doc_lang

    def __call__(self, value: Any, doc_lang: str | None = None) -> Text | None:
        lang = doc_lang or self.doc_lang
        if value is None:
            return None
        if isinstance(value, str):
            return Text(value, lang)
        if isinstance(value, dict):
            for want in (self.ui, lang):
                if want in value and isinstance(value[want], str):
                    return Text(value[want], want)
            for k, v in value.items():
                if isinstance(v, str):
                    return Text(v, k)
            return None
        return Text(str(value), lang)


def _status_view(lang: Lang, status: str) -> dict[str, str]:
    return {"key": status, "label": lang.status(status), "symbol": SYMBOLS.get(status, "•")}


def status_bar(lang: Lang, counts: dict[str, int]) -> dict[str, Any]:
    """Counts per status in display order (zero counts left out of the
    bar, kept out of the legend), with each segment's width in percent."""
    total = sum(counts.values())
    known = [s for s in STATUSES if s in counts] + sorted(s for s in counts if s not in STATUSES)
    segments = []
    for s in known:
        n = counts.get(s, 0)
        if n:
            width = f"{100.0 * n / total:.4f}".rstrip("0").rstrip(".")
            segments.append(dict(_status_view(lang, s), count=n, width=width))
    return {"total": total, "segments": segments}


def target_text(lang: Lang, loc: Localizer, target: dict[str, Any] | None) -> str | None:
    """ "minst 70 hastighetskontroller per år" """
    if not target:
        return None
    parts = []
    if target.get("comparator"):
        parts.append(lang.enum("comparator", target["comparator"]))
    parts.append(lang.number(target.get("quantity")))
    unit = loc(target.get("unit"))
    if unit:
        parts.append(unit.text)
    if target.get("per"):
        parts.append(lang.enum("per", target["per"]))
    return " ".join(p for p in parts if p)


def output_text(lang: Lang, loc: Localizer, out: dict[str, Any], doc_lang: str | None) -> str:
    """ "drygt 200 kontroller per vecka" """
    parts = [lang.enum("qualifier", out.get("qualifier") or "exactly"),
             lang.number(out.get("value"))]
    unit = loc(out.get("unit"), doc_lang)
    if unit:
        parts.append(unit.text)
    if out.get("per"):
        parts.append(lang.enum("per", out["per"]))
    return " ".join(p for p in parts if p)


class PageBuilder:
    """The view of one pledge in one language."""

    def __init__(self, lang: Lang, doc: pledge.Pledge, follow_ups: list[pledge.FollowUp]) -> None:
        self.lang = lang
        self.doc = doc
        self.d = doc.to_dict()
        self.loc = Localizer(lang.code, self.d.get("language"))
        # Follow-ups in the order format.md defines for "latest" (ties: load order).
        dicts = [(fu, fu.to_dict(), i) for i, fu in enumerate(follow_ups)]
        dicts.sort(key=lambda t: follow_up_key(t[1], t[2]))
        self.reports = dicts
        self.progress = doc.progress([fu for fu, _, _ in dicts])
        self.parties = {p.get("id"): p for p in self.d.get("parties") or []}
        self.places = {p.get("id"): p for p in self.d.get("places") or []}
        self.problems = {p.get("id"): p for p in (self.d.get("situation") or {}).get("problems") or []}

    # ---- small pieces -------------------------------------------------------------

    def party_name(self, pid: str) -> Text:
        p = self.parties.get(pid)
        return (self.loc(p.get("name")) if p else None) or Text(pid, None)

    def report_lang(self, d: dict[str, Any]) -> str | None:
        return d.get("language") or self.d.get("language")

    def report_when(self, d: dict[str, Any]) -> dict[str, Any]:
        """A follow-up's date for display, and its period."""
        period = d.get("period") or {}
        label = self.loc(period.get("label"), self.report_lang(d))
        span = None
        if period.get("start") is not None and period.get("end") is not None:
            span = f"{self.lang.date(period['start'])} – {self.lang.date(period['end'])}"
        date = self.lang.date(d["date"]) if d.get("date") is not None else None
        # For <time datetime>: the date as written ("2019-05" is a valid
        # month string), else the end of the period reported on.
        raw = d.get("date") if d.get("date") is not None else period.get("end")
        return {"date": date, "period": label.text if label else span,
                "period_lang": label.lang if label else self.lang.code,
                "text": date or (label.text if label else span) or "",
                "iso": str(raw) if first_day(raw) else None}

    def period_text(self) -> Text:
        period = self.d.get("period") or {}
        label = period.get("label")
        loc = self.loc(label) if label is not None else None
        if loc and (loc.lang == self.lang.code):
            return loc
        start = self.lang.date(period.get("start"))
        if period.get("end") is not None:
            return Text(f"{start} – {self.lang.date(period['end'])}", self.lang.code)
        return Text(f"{start} {self.lang.t('until_further_notice')}", self.lang.code)

    def area(self) -> dict[str, Any]:
        a = self.d.get("area") or {}
        rows = []
        if a.get("municipality"):
            rows.append((self.lang.t("municipality"), [Text(a["municipality"], self.loc.doc_lang)]))
        if a.get("municipalities"):
            rows.append((self.lang.t("municipalities"),
                         [Text(m.get("name", ""), self.loc.doc_lang) for m in a["municipalities"]]))
        if a.get("districts"):
            rows.append((self.lang.t("districts"), [self.loc(x) for x in a["districts"]]))
        if a.get("police_area"):
            rows.append((self.lang.t("police_area"), [Text(a["police_area"], self.loc.doc_lang)]))
        if a.get("region"):
            rows.append((self.lang.t("region"), [Text(a["region"], self.loc.doc_lang)]))
        return {"rows": rows, "short": self.area_short()}

    def area_short(self) -> Text | None:
        a = self.d.get("area") or {}
        if a.get("municipality"):
            return Text(a["municipality"], self.loc.doc_lang)
        if a.get("municipalities"):
            return Text(", ".join(m.get("name", "") for m in a["municipalities"]), self.loc.doc_lang)
        for k in ("police_area", "region"):
            if a.get(k):
                return Text(a[k], self.loc.doc_lang)
        return None

    def link(self, url: Any) -> str | None:
        return safe_url(url)

    # ---- promises ----------------------------------------------------------------------

    def groups(self) -> list[dict[str, Any]]:
        """The promises as the pledge groups them: a flat list first (1.1
        "activities"), then each theme."""
        out = []
        flat = self.d.get("activities") or []
        themes = self.d.get("themes") or []
        if flat:
            title = self.lang.t("other_promises") if themes else None
            out.append({"id": None, "title": Text(title, self.lang.code) if title else None,
                        "description": None,
                        "activities": [self.activity(a) for a in flat]})
        for th in themes:
            out.append({"id": th.get("id"), "title": self.loc(th.get("title")),
                        "description": self.loc(th.get("description")),
                        "activities": [self.activity(a) for a in th.get("activities") or []]})
        return out

    def entries_for(self, aid: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        found = []
        for _, d, _ in self.reports:
            for e in d.get("activities") or []:
                if e.get("activity") == aid:
                    found.append((d, e))
        return found

    def done_text(self, done: Any, target: dict[str, Any] | None) -> str | None:
        """ "Genomfört: 74 kontroller" (in the target's unit), or None."""
        if done is None:
            return None
        unit = self.loc((target or {}).get("unit"))
        if unit:
            return self.lang.t("done_value", value=f"{self.lang.number(done)} {unit.text}")
        return self.lang.t("done_count", n=self.lang.number(done))

    def history_item(self, d: dict[str, Any], e: dict[str, Any],
                     target: dict[str, Any] | None = None) -> dict[str, Any]:
        rl = self.report_lang(d)
        return {
            "when": self.report_when(d),
            "status": _status_view(self.lang, e.get("status", "not_assessable")),
            "done": self.done_text(e.get("done"), target),
            "outputs": self.outputs(e.get("outputs"), rl),
            "events": self.events(e.get("events"), rl),
            "comment": self.loc(e.get("comment"), rl),
            "evidence": [{"url": self.link(ev.get("url")),
                          "text": self.loc(ev.get("title"), rl) or Text(str(ev.get("url", "")), None),
                          "date": self.lang.date(ev["date"]) if ev.get("date") is not None else None}
                         for ev in e.get("evidence") or []],
        }

    def outputs(self, outs: Any, rl: str | None) -> list[dict[str, Any]]:
        res = []
        for o in outs or []:
            res.append({"text": output_text(self.lang, self.loc, o, rl),
                        "label": self.loc(o.get("label"), rl), "lang": rl})
        return res

    def events(self, evs: Any, rl: str | None) -> list[dict[str, Any]]:
        res = []
        for ev in evs or []:
            res.append({"date": self.lang.date(ev.get("date")),
                        "iso": str(ev.get("date")),
                        "text": self.loc(ev.get("text"), rl)})
        return res

    def activity(self, a: dict[str, Any]) -> dict[str, Any]:
        aid = a.get("id")
        try:
            status = self.progress.activity_status(aid)
        except KeyError:
            status = "not_reported"
        entries = self.entries_for(aid)
        history = [self.history_item(d, e, a.get("target")) for d, e in entries]
        last = self.report_when(entries[-1][0]) if entries else None
        target = a.get("target")
        # the library's progress (format.md): the latest reported count and
        # whether it meets the target
        done = self.progress.done_counts.get(aid)
        met = self.progress.target_met.get(aid) if target else None
        done_text = self.done_text(done, target)
        return {
            "id": aid,
            "text": self.loc(a.get("text")),
            "status": _status_view(self.lang, status),
            "responsible": [self.party_name(p) for p in a.get("responsible") or []],
            "partners": [self.party_name(p) for p in a.get("partners") or []],
            "places": [self.loc((self.places.get(p) or {}).get("name")) or Text(p, None)
                       for p in a.get("places") or []],
            "addresses": [self.loc((self.problems.get(p) or {}).get("title")) or Text(p, None)
                          for p in a.get("addresses") or []],
            "target_group": self.loc(a.get("target_group")),
            "recurrence": self.lang.enum("recurrence", a.get("recurrence")) if a.get("recurrence") else None,
            "when": self.loc(a.get("when")),
            "condition": self.loc(a.get("condition")),
            "target": target_text(self.lang, self.loc, target),
            "target_met": (None if not target else
                           {"value": met, "label": self.lang.verdict("target_met", met),
                            "symbol": {True: "✓", False: "✗", None: "?"}[met]}),
            "done": done,
            "done_text": done_text,
            "last": last,
            "history": history,
        }

    # ---- progress at a glance ------------------------------------------------------------

    def glance(self, groups: list[dict[str, Any]]) -> dict[str, Any]:
        counts = dict(self.progress.status_counts)
        acts = [a for g in groups for a in g["activities"]]
        total = len(acts)
        cancelled = counts.get("cancelled", 0)
        done = counts.get("done", 0)
        # per party, and for promises with no responsible party (None)
        by_party = {p: {k: v for k, v in c.items() if v}
                    for p, c in self.progress.status_counts_by_party.items()}
        nobody = by_party.pop(None, {})
        parties = []
        for pid in list(self.parties) + [p for p in by_party if p not in self.parties]:
            if pid in by_party:
                c = by_party[pid]
                denom = sum(c.values()) - c.get("cancelled", 0)
                name = self.party_name(pid)
                parties.append({"name": name, "done": c.get("done", 0), "total": denom,
                                "cancelled": c.get("cancelled", 0),
                                "bar": status_bar(self.lang, c)})
        none_view = None
        if nobody:
            denom = sum(nobody.values()) - nobody.get("cancelled", 0)
            none_view = {"done": nobody.get("done", 0), "total": denom,
                         "cancelled": nobody.get("cancelled", 0),
                         "bar": status_bar(self.lang, nobody)}
        last = self.report_when(self.reports[-1][1]) if self.reports else None
        return {
            "share": self.progress.share_done,
            "share_text": self.lang.percent(self.progress.share_done),
            "done": done, "denominator": total - cancelled, "cancelled": cancelled,
            "total": total, "bar": status_bar(self.lang, {k: v for k, v in counts.items() if v}),
            "parties": parties, "nobody": none_view,
            "reports": len(self.reports), "last": last,
        }

    # ---- goals ---------------------------------------------------------------------------

    def goals(self) -> list[dict[str, Any]]:
        res = []
        comments: dict[tuple[str, str], Text | None] = {}
        for _, d, _ in self.reports:
            for m in d.get("indicators") or []:
                comments[(m.get("indicator"), str(m.get("date")))] = self.loc(m.get("comment"), self.report_lang(d))
        for g in self.d.get("goals") or []:
            inds = []
            for ind in g.get("indicators") or []:
                inds.append(self.indicator(ind, comments))
            res.append({"id": g.get("id"), "text": self.loc(g.get("text")), "indicators": inds})
        return res

    def indicator(self, ind: dict[str, Any], comments: dict[Any, Any]) -> dict[str, Any]:
        iid = ind.get("id")
        unit = ind.get("unit")
        try:
            ip = self.progress.indicator(iid)
            measurements = ip.measurements
            on_track, change, expected = ip.on_track, ip.change, ip.expected
        except KeyError:
            measurements, on_track, change, expected = [], None, None, None
        base = ind.get("baseline") or None
        tgt = ind.get("target") or None
        text = self.loc(ind.get("text"))
        rows = []
        for m in measurements:
            rows.append({"date": self.lang.date(m.date.isoformat()), "iso": m.date.isoformat(),
                         "value": self.lang.value(m.value, unit),
                         "comment": comments.get((iid, m.date.isoformat()))})
        verdict = {"value": on_track, "label": self.lang.verdict("on_track", on_track),
                   "symbol": {True: "✓", False: "✗", None: "?"}[on_track]}
        svg = None
        if unit != "text":
            svg = chart.indicator_chart(
                self.lang, iid, text.text if text else iid, unit,
                [(m.date, m.value) for m in measurements if m.value is not None],
                (first_day(base.get("date")), base.get("value")) if base else None,
                (first_day(tgt.get("date")), tgt.get("value")) if tgt else None,
                verdict["label"])
        return {
            "id": iid, "text": text, "unit": unit,
            "direction": self.lang.enum("direction", ind.get("direction")) if ind.get("direction") else None,
            "baseline": ({"value": self.lang.value(base.get("value"), unit),
                          "date": self.lang.date(base.get("date"))} if base else None),
            "target": ({"value": self.lang.value(tgt.get("value"), unit),
                        "date": self.lang.date(tgt.get("date"))} if tgt else None),
            "latest": rows[-1] if rows else None,
            "change": self.lang.change(change, unit) if change is not None else None,
            "expected": self.lang.value(expected, unit) if expected is not None else None,
            "on_track": verdict,
            "rows": rows,
            "chart": svg,
        }

    # ---- everything ----------------------------------------------------------------------------

    def other_work(self) -> list[dict[str, Any]]:
        res = []
        for _, d, _ in self.reports:
            rl = self.report_lang(d)
            for w in d.get("other_work") or []:
                res.append({"when": self.report_when(d), "text": self.loc(w.get("text"), rl),
                            "outputs": self.outputs(w.get("outputs"), rl),
                            "events": self.events(w.get("events"), rl),
                            "comment": self.loc(w.get("comment"), rl)})
        return res

    def follow_up_list(self) -> list[dict[str, Any]]:
        res = []
        for _, d, _ in reversed(self.reports):
            rl = self.report_lang(d)
            res.append({"when": self.report_when(d), "summary": self.loc(d.get("summary"), rl),
                        "reported_by": [self.party_name(p) for p in d.get("reported_by") or []],
                        "author": Text(d["author"], rl) if d.get("author") else None})
        return res

    def situation(self) -> dict[str, Any] | None:
        s = self.d.get("situation")
        if not s:
            return None
        sources = []
        for src in s.get("sources") or []:
            sources.append({"kind": self.lang.enum("source_kind", src.get("kind")),
                            "title": self.loc(src.get("title")), "year": src.get("year"),
                            "url": self.link(src.get("url")),
                            "respondents": (self.lang.t("respondents", n=self.lang.number(src["respondents"]))
                                            if src.get("respondents") is not None else None)})
        problems = [{"title": self.loc(p.get("title")), "description": self.loc(p.get("description"))}
                    for p in s.get("problems") or []]
        return {"description": self.loc(s.get("description")), "sources": sources, "problems": problems}

    def signing(self) -> dict[str, Any] | None:
        s = self.d.get("signing")
        if not s:
            return None
        sigs = []
        for g in s.get("signatories") or []:
            sigs.append({"name": Text(g["name"], self.loc.doc_lang) if g.get("name") else None,
                         "role": self.loc(g.get("role")),
                         "party": self.party_name(g["party"]) if g.get("party") else None})
        return {"date": self.lang.date(s["date"]) if s.get("date") is not None else None,
                "place": Text(s["place"], self.loc.doc_lang) if s.get("place") else None,
                "signatories": sigs}

    def channels(self) -> list[dict[str, Any]]:
        res = []
        for c in self.d.get("channels") or []:
            res.append({"kind": self.lang.enum("channel_kind", c.get("kind")),
                        "name": self.loc(c.get("name")), "url": self.link(c.get("url")),
                        "raw_url": c.get("url"),
                        "owner": self.party_name(c["owner"]) if c.get("owner") else None})
        return res

    def contacts(self) -> list[dict[str, Any]]:
        res = []
        for c in self.d.get("contacts") or []:
            phone = c.get("phone")
            res.append({"party": self.party_name(c["party"]) if c.get("party") else None,
                        "name": Text(c["name"], self.loc.doc_lang) if c.get("name") else None,
                        "role": self.loc(c.get("role")), "note": self.loc(c.get("note")),
                        "phone": phone,
                        "tel": "".join(ch for ch in phone if ch in "+0123456789") if phone else None,
                        "email": c.get("email")})
        return res

    def build(self) -> dict[str, Any]:
        groups = self.groups()
        parties = [{"name": self.loc(p.get("name")), "kind": self.lang.enum("party_kind", p.get("kind")),
                    "url": self.link(p.get("url")), "role": p.get("role") or "pledging"}
                   for p in self.d.get("parties") or []]
        agreement = self.d.get("agreement") or {}
        fu_plan = self.d.get("follow_up") or {}
        return {
            "id": self.doc.id,
            "title": self.loc(self.d.get("title")),
            "doc_lang": self.d.get("language"),
            "pledging": [p for p in parties if p["role"] != "partner"],
            "partners": [p for p in parties if p["role"] == "partner"],
            "area": self.area(),
            "period": self.period_text(),
            "published": self.lang.date(self.d["published"]) if self.d.get("published") is not None else None,
            "agreement": ({"name": self.loc(agreement.get("name")), "url": self.link(agreement.get("url"))}
                          if agreement else None),
            "signing": self.signing(),
            "focus": self.loc(self.d.get("focus")),
            "summary": self.loc(self.d.get("summary")),
            "situation": self.situation(),
            "places": [{"name": self.loc(p.get("name")), "description": self.loc(p.get("description"))}
                       for p in self.d.get("places") or []],
            "glance": self.glance(groups),
            "groups": groups,
            "themed": bool(self.d.get("themes")),
            "goals": self.goals(),
            "other_work": self.other_work(),
            "follow_ups": self.follow_up_list(),
            "follow_up_plan": ({"frequency": self.lang.enum("frequency", fu_plan.get("frequency"))
                                if fu_plan.get("frequency") else None,
                                "methods": [self.lang.enum("source_kind", m) for m in fu_plan.get("methods") or []],
                                "description": self.loc(fu_plan.get("description"))}
                               if fu_plan else None),
            "channels": self.channels(),
            "contacts": self.contacts(),
        }


def index_row(page: dict[str, Any], area: Text | None) -> dict[str, Any]:
    g = page["glance"]
    return {"id": page["id"], "title": page["title"], "area": area, "period": page["period"],
            "promises": g["total"], "share": g["share"], "share_text": g["share_text"],
            "last": g["last"]}
