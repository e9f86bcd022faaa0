# SPDX-License-Identifier: MIT
"""Unit tests of pledge-report: escaping, URL filtering, determinism,
languages, exit codes, streams, and the numbers a page shows.

Run by ctest (report_unit) with PYTHONPATH holding the bindings and the
tool's package, PLEDGE_REPORT the launcher, PLEDGE_VALIDATE the C tool."""
from __future__ import annotations

import html.parser
import os
import re
import subprocess
import sys
import tempfile
import unittest

import pledge

from pledge_report import collect as collect_mod
from pledge_report import i18n, urls
from pledge_report.cli import render_pages
from pledge_report.collect import collect

SRC = os.environ.get("PLEDGE_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
DATA = os.path.join(SRC, "tests", "report", "data")
LAUNCHER = os.environ.get("PLEDGE_REPORT")
VALIDATE = os.environ.get("PLEDGE_VALIDATE")
ALE = [os.path.join(SRC, "examples", "ale-2024.yaml"),
       os.path.join(SRC, "examples", "ale-2024-follow-up-2025.yaml")]


def read(path: str, mode: str = "r") -> str | bytes:
    if mode == "rb":
        with open(path, "rb") as f:
            return f.read()
    with open(path, encoding="utf-8") as f:
        return f.read()


def run(*args: str, cwd: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    cmd = [LAUNCHER] if LAUNCHER else [sys.executable, "-m", "pledge_report"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=cwd,
                          env=env or os.environ.copy(), timeout=300)


class Page(html.parser.HTMLParser):
    """What the tests check in a page: tags, attributes, text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if not self.in_style:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def body(self) -> str:
        return " ".join(" ".join(self.text).split())


def pages_of(*paths: str, lang: str = "sv") -> dict[str, str]:
    with open(os.devnull, "w") as null:
        col = collect(list(paths), stderr=null)
        pages, _ = render_pages(col, lang, null)
    return pages


class TestEscaping(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.html = pages_of(os.path.join(DATA, "hostile"))["hostile.html"]
        cls.page = Page(cls.html)

    def test_no_markup_from_data(self):
        # The page has no script, and no element the data tried to inject.
        self.assertEqual(self.page.all("script"), [])
        for tag in ("img", "iframe", "b", "u"):
            self.assertEqual(self.page.all(tag), [], tag)
        self.assertNotIn("<script", self.html.lower())
        svgs = self.page.all("svg")
        self.assertTrue(all("onload" not in a for a in svgs))
        for _, attrs in self.page.tags:
            for name in attrs:
                self.assertFalse(name.startswith("on"), f"event handler attribute {name}")

    def test_text_shown_as_text(self):
        body = self.page.body
        self.assertIn("<script>alert(1)</script>", body)      # the title, as text
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", self.html)
        self.assertIn('"><svg onload=alert(4)>', body)
        self.assertIn("<img src=x onerror=alert(3)>", body)
        self.assertIn('<a href="javascript:alert(7)">klicka</a>', body)
        self.assertIn("{{ 7*7 }} {% raw %} ${x}", body)        # not evaluated as a template
        self.assertIn("<b>Fet</b> & \"citat\"", body)
        # The one <style> holds only the project's style sheet.
        self.assertEqual(self.html.count("<style>"), 1)
        self.assertEqual(self.html.count("</style>"), 1)
        self.assertEqual(len(self.page.all("title")), 2)         # the page's, the chart's

    def test_chart_text_escaped(self):
        self.assertIn("Diagram: &lt;/title&gt;&lt;script&gt;alert(5)&lt;/script&gt;.", self.html)


class TestUrls(unittest.TestCase):
    def test_safe_url(self):
        good = ["https://example.org", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/x",
                "https://example.org/a'b", "https://exempel.se/å"]
        bad = ["javascript:alert(1)", "JavaScript:alert(1)", " https://example.org",
               "https://example.org/a b", "data:text/html,<script>", "vbscript:x", "//example.org",
               "/relative", "example.org", "ftp://example.org", "https:example.org", "http://",
               "https://exa\nmple.org", "https://example.org/\x00", "mailto:a@example.org",
               "file:///etc/passwd", "", None, 42, ["https://example.org"]]
        for u in good:
            self.assertEqual(urls.safe_url(u), u, u)
        for u in bad:
            self.assertIsNone(urls.safe_url(u), repr(u))

    def test_every_link_in_pages(self):
        pages = pages_of(*ALE, os.path.join(DATA))
        ids = {n for n in pages}
        for name, text in pages.items():
            page = Page(text)
            for a in page.all("a"):
                href = a["href"] or ""
                ok = (href.startswith(("https://", "http://", "tel:", "mailto:")) or href == "#main"
                      or href in ids)
                self.assertTrue(ok, f"{name}: href {href!r}")
            # No resource of any kind is loaded: no src, no link, no url().
            for tag, attrs in page.tags:
                self.assertNotIn("src", attrs, f"{name}: {tag} has src")
                self.assertNotIn(tag, ("script", "link", "img", "iframe", "object", "embed"), name)
            self.assertNotIn("url(", text)
            self.assertNotIn("@import", text)

    def test_link_only_when_safe(self):
        # A URL from the data that the validator let through but is not
        # http(s) (an x- key is not shown; here the view is asked directly).
        doc = pledge.load(ALE[0])
        from pledge_report.view import PageBuilder
        builder = PageBuilder(i18n.Lang("sv"), doc, [])
        self.assertIsNone(builder.link("javascript:alert(1)"))
        self.assertEqual(builder.link("https://www.ale.se"), "https://www.ale.se")


class TestDeterminism(unittest.TestCase):
    def test_same_bytes_twice(self):
        with tempfile.TemporaryDirectory() as tmp:
            outs = []
            for i, (tz, seed) in enumerate((("UTC", "1"), ("Asia/Tokyo", "2"))):
                out = os.path.join(tmp, f"out{i}")
                env = dict(os.environ, TZ=tz, PYTHONHASHSEED=seed, LC_ALL="C")
                r = run(*ALE, DATA, "-o", out, env=env)
                self.assertEqual(r.returncode, 1, r.stderr)   # stream.yaml holds an invalid document
                outs.append({n: read(os.path.join(out, n), "rb") for n in sorted(os.listdir(out))})
            self.assertEqual(outs[0], outs[1])
            self.assertIn("index.html", outs[0])
            self.assertIn("ale-2024.html", outs[0])

    def test_no_timestamp(self):
        text = pages_of(*ALE)["ale-2024.html"]
        import datetime
        today = datetime.date.today()
        self.assertNotIn(today.isoformat(), text)
        self.assertNotIn(i18n.Lang("sv").date(today.isoformat()), text)


class TestLanguages(unittest.TestCase):
    def test_catalogs_have_the_same_keys(self):
        def keys(d, p=""):
            out = set()
            for k, v in d.items():
                out.add(p + k)
                if isinstance(v, dict):
                    out |= keys(v, p + k + ".")
            return out
        self.assertEqual(keys(i18n.load_catalog("sv")), keys(i18n.load_catalog("en")))
        # Every status of format.md (1.1 included) has a display name.
        for lang in ("sv", "en"):
            cat = i18n.load_catalog(lang)
            for s in ("not_started", "in_progress", "stalled", "partially_done", "done",
                      "not_done", "cancelled", "not_assessable", "not_reported"):
                self.assertIn(s, cat["status"])

    def test_swedish_default(self):
        text = pages_of(*ALE)["ale-2024.html"]
        page = Page(text)
        self.assertEqual(page.all("html")[0]["lang"], "sv")
        self.assertIn("Det här lovar vi", page.body)
        self.assertIn("pågår", page.body)
        self.assertIn("genomförd", page.body)
        self.assertIn("2024 och tillsvidare", page.body)
        self.assertIn("14 februari 2025", page.body)

    def test_english(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run("--lang", "en", *ALE, "-o", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            text = read(os.path.join(tmp, "ale-2024.html"))
            index = read(os.path.join(tmp, "index.html"))
        page = Page(text)
        self.assertEqual(page.all("html")[0]["lang"], "en")
        self.assertIn("What we promise", page.body)
        self.assertIn("in progress", page.body)
        self.assertIn("14 February 2025", page.body)
        self.assertIn("2024 until further notice", page.body)   # no English label: computed
        self.assertNotIn("Det här lovar vi", page.body)
        # The pledge's own Swedish text is marked as Swedish.
        self.assertIn('<h1 lang="sv">Ale – medborgarlöften</h1>', text)
        self.assertIn('lang="en"', index)

    def test_display_forms(self):
        sv, en = i18n.Lang("sv"), i18n.Lang("en")
        self.assertEqual(sv.date("2024"), "2024")
        self.assertEqual(sv.date(2024), "2024")
        self.assertEqual(sv.date("2024-03"), "mars 2024")
        self.assertEqual(sv.date("2024-03-05"), "5 mars 2024")
        self.assertEqual(en.date("2024-03-05"), "5 March 2024")
        self.assertEqual(sv.number(41.5), "41,5")
        self.assertEqual(en.number(41.5), "41.5")
        self.assertEqual(sv.number(1200), "1\u00a0200")
        self.assertEqual(sv.number(-3.25), "\u22123,25")
        self.assertEqual(sv.value(68.0, "percent"), "68\u00a0%")
        self.assertEqual(en.value(68.0, "percent"), "68%")
        self.assertEqual(sv.percent(0.2), "20\u00a0%")
        self.assertEqual(sv.percent(2 / 3), "67\u00a0%")
        self.assertEqual(sv.change(3.5, "percent"), "+3,5 procentenheter")
        self.assertEqual(i18n.last_day("2024-02").isoformat(), "2024-02-29")
        self.assertEqual(i18n.last_day(2025).isoformat(), "2025-12-31")


class TestExitCodes(unittest.TestCase):
    def test_valid_is_zero(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(*ALE, "-o", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(sorted(os.listdir(tmp)), ["ale-2024.html", "index.html"])

    def test_invalid_left_out_rest_rendered(self):
        bad = os.path.join(SRC, "examples", "invalid", "pledge.duplicate-id.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            r = run(ALE[0], os.path.join(DATA, "exempel-2023.yaml"), bad, "-o", tmp)
            self.assertEqual(r.returncode, 1)
            self.assertEqual(sorted(os.listdir(tmp)), ["ale-2024.html", "exempel-2023.html", "index.html"])
        # The diagnostics are the lines pledge-validate prints.
        if VALIDATE:
            v = subprocess.run([VALIDATE, "--format", "text", "--color=never", ALE[0],
                                os.path.join(DATA, "exempel-2023.yaml"), bad],
                               capture_output=True, text=True)
            self.assertEqual(v.returncode, 1)
            expected = [l for l in v.stdout.splitlines() if l]
            got = [l for l in r.stderr.splitlines() if not l.startswith("pledge-report:")]
            self.assertEqual(got, expected)
            self.assertTrue(any("[pledge.duplicate-id]" in l for l in got))

    def test_usage_errors_are_two(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.assertEqual(run(os.path.join(tmp, "missing.yaml"), "-o", tmp).returncode, 2)
            empty = os.path.join(tmp, "empty")
            os.mkdir(empty)
            r = run(empty, "-o", os.path.join(tmp, "out"))
            self.assertEqual(r.returncode, 2)
            self.assertIn("no *.yaml", r.stderr)
            self.assertEqual(run("--lang", "de", ALE[0]).returncode, 2)
            self.assertEqual(run("-o", tmp).returncode, 2)            # no PATH
            self.assertEqual(run("-", "-o", tmp).returncode, 2)

    def test_resolve(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run(ALE[1], "-o", tmp)
            self.assertEqual(r.returncode, 0, r.stderr)
            if any(d.code == "follow-up.unchecked" for d in pledge.validate(ALE[1])):
                self.assertIn("[follow-up.unchecked]", r.stderr)   # format 1.1
            self.assertEqual(os.listdir(tmp), ["index.html"])
            r = run("--resolve", ALE[1], "-o", tmp)
            self.assertEqual(r.returncode, 1)
            self.assertIn("[follow-up.unknown-pledge]", r.stderr)
            self.assertEqual(os.listdir(tmp), ["index.html"])

    def test_quiet(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = run("-q", ALE[1], "-o", tmp)
            self.assertEqual(r.returncode, 0)
            self.assertEqual(r.stderr, "")


class TestStreams(unittest.TestCase):
    def test_markers_directives_and_invalid_documents(self):
        """Directives, "..." and a "---" inside a block scalar: the library
        reads the stream once, and only the invalid document is left out."""
        base = ("format: pledge/1\nid: vor\ntitle: Före\nlanguage: sv\n"
                "parties: [{id: k, name: K, kind: municipality}]\nperiod: {start: 2024}\n"
                "themes: [{id: t, title: T, activities: [{id: a, text: A, responsible: [k]}]}]\n"
                "goals: [{id: g, text: G, indicators: [{id: i, text: I, unit: count, direction: increase}]}]\n")
        after = base.replace("id: vor", "id: efter").replace("title: Före", "title: |\n  x\n  --- not a marker")
        text = ("%YAML 1.2\n---\n" + base + "...\n# only a comment\n---\nformat: pledge/1\n"
                "---\n" + after)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "s.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.devnull, "w") as null:
                col = collect([path], stderr=null)
        self.assertEqual([p.id for p in col.pledges], ["vor", "efter"])
        self.assertEqual(col.errors, 1)
        self.assertFalse(col.unreadable)

    def test_invalid_document_of_a_stream_left_out(self):
        err = open(os.devnull, "w")
        col = collect([os.path.join(DATA, "stream")], stderr=err)
        err.close()
        self.assertEqual(col.errors, 1)
        self.assertEqual([p.id for p in col.pledges], ["strom"])
        self.assertEqual(len(col.follow_ups["strom"]), 1)
        pages, _ = render_pages(col, "sv", sys.stderr)
        text = pages["strom.html"]
        self.assertIn('data-activity="a1" data-status="done"', text)
        self.assertIn('data-activity="a2" data-status="not_reported"', text)
        self.assertNotIn("Fel datum", text)

    def test_nothing_after_a_syntax_error(self):
        """The documents after a syntax error were never validated: left out."""
        text = ("format: pledge/1\nid: vor\ntitle: Före\nlanguage: sv\n"
                "parties: [{id: k, name: K, kind: municipality}]\nperiod: {start: 2024}\n"
                "themes: [{id: t, title: T, activities: [{id: a, text: A, responsible: [k]}]}]\n"
                "goals: [{id: g, text: G, indicators: [{id: i, text: I, unit: count, direction: increase}]}]\n"
                "---\nformat: [unclosed\n---\n")
        after = text.split("---\n")[0].replace("id: vor", "id: efter").replace("Före", "Efter")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "s.yaml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + after)
            with open(os.devnull, "w") as null:
                col = collect([path], stderr=null)
        self.assertEqual([p.id for p in col.pledges], ["vor"])
        self.assertGreaterEqual(col.errors, 1)

    def test_folder_load_order(self):
        """Pledges come in load order: a folder's files byte-wise sorted."""
        with open(os.devnull, "w") as null:
            col = collect([DATA], stderr=null)
        files = [f.path for f in pledge.read(DATA)]
        rel = [os.path.relpath(f, DATA) for f in files]
        self.assertEqual(rel, sorted(rel, key=os.fsencode))
        self.assertIn(os.path.join("hostile", "hostile.yaml"), rel)
        order = {os.path.normpath(f): i for i, f in enumerate(files)}
        keys = [order[os.path.normpath(p.file)] for p in col.pledges]
        self.assertEqual(keys, sorted(keys))


class TestNumbers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pages = pages_of(DATA)
        cls.html = pages["exempel-2023.html"]
        cls.page = Page(cls.html)
        cls.index = Page(pages["index.html"])

    def status_of(self, aid: str) -> str:
        m = re.search(rf'data-activity="{aid}" data-status="([a-z_]+)"', self.html)
        assert m
        return m[1]

    def test_every_promise_with_its_latest_status(self):
        expected = {"hastighetskontroller": "in_progress", "trafikmoten": "done",
                    "belysning": "stalled", "trygghetsvandringar": "done",
                    "klotter": "cancelled", "grannsamverkan": "not_reported"}
        for aid, status in expected.items():
            self.assertEqual(self.status_of(aid), status, aid)
        self.assertEqual(len(re.findall(r'class="promise"', self.html)), 6)

    def test_glance_and_parties(self):
        body = self.page.body
        self.assertIn("40 % 2 av 5 löften genomförda.", body)
        self.assertIn("1 struket löfte räknas inte.", body)
        self.assertIn("Exempelkommun: 2 av 3 genomförda", body)
        self.assertIn("Polisen: 1 av 3 genomförda", body)
        self.assertIn("Exempelbostäder AB: 1 av 1 genomförda", body)
        self.assertIn("Enligt 2 uppföljningar, den senaste 20 februari 2025.", body)

    def test_targets(self):
        body = self.page.body
        self.assertIn("minst 4 möten under perioden – ✓ målet nått (Genomfört: 5 möten)", body)
        self.assertIn("minst 70 kontroller per år – ? okänt om målet nåtts", body)

    def test_indicators(self):
        for iid, verdict in (("andel-trygga", "inte i fas"), ("skadegorelse", "i fas")):
            block = self.html[self.html.index(f'data-indicator="{iid}"'):]
            block = block[:block.index("</table>")]
            self.assertIn(f"</span> {verdict}</span>", block)
            # A chart with a text alternative, and the table beside it.
            self.assertIn('role="img"', block)
            self.assertIn("<desc", block)
            self.assertIn("<table>", block)
        body = self.page.body
        self.assertIn("63,5 %", body)
        self.assertIn("+3,5 procentenheter", body)

    def test_history(self):
        block = self.html[self.html.index('data-activity="trygghetsvandringar"'):]
        block = block[:block.index("</li>\n</ol>")]
        self.assertIn('<a href="https://example.org/vandringar">Rapport från trygghetsvandringarna</a>', block)
        self.assertIn("2 november 2023", block)
        block = self.html[self.html.index('data-activity="hastighetskontroller"'):]
        block = block[:block.index("</li>\n</ol>")]
        self.assertIn('<p class="done">Genomfört: 55 kontroller</p>', block)
        self.assertIn('<p class="done">Genomfört: 74 kontroller</p>', block)

    def test_index_rows(self):
        rows = [a.get("data-pledge") for t, a in self.index.tags if t == "tr" and a.get("data-pledge")]
        self.assertEqual(rows, ["hostile", "exempel-2023", "strom"])  # area, then title
        self.assertIn("Exempelkommun 1 januari 2023 – 31 december 2025 6 40 % 20 februari 2025",
                      self.index.body)


class TestInstall(unittest.TestCase):
    """cmake --install puts a launcher in bin/ that finds its package and
    the bindings relative to itself (so a moved or DESTDIR install works)."""

    def test_installed_tool_runs(self):
        cmake, build = os.environ.get("PLEDGE_CMAKE"), os.environ.get("PLEDGE_BUILD_DIR")
        if not cmake or not build:
            self.skipTest("run by ctest, which says where the build is")
        with tempfile.TemporaryDirectory() as tmp:
            prefix = os.path.join(tmp, "usr")
            subprocess.run([cmake, "--install", build, "--prefix", prefix, "--component", "python"],
                           check=True, capture_output=True)
            moved = os.path.join(tmp, "moved")
            os.rename(prefix, moved)
            tool = os.path.join(moved, "bin", "pledge-report")
            out = os.path.join(tmp, "out")
            env = {"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
            r = subprocess.run([tool, *ALE, "-o", out], capture_output=True, text=True, env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(sorted(os.listdir(out)), ["ale-2024.html", "index.html"])
            man = os.path.join(moved, "share", "man", "man1", "pledge-report.1")
            self.assertTrue(os.path.exists(man))


class TestExamples(unittest.TestCase):
    def test_every_valid_pledge_of_examples(self):
        """pledge-report examples/ -o out/: a page for each valid pledge."""
        folder = os.path.join(SRC, "examples")
        with open(os.devnull, "w") as null:
            ids = sorted(p.id for p in collect([folder], stderr=null).pledges)
        with tempfile.TemporaryDirectory() as tmp:
            r = run(folder, "-o", tmp)
            self.assertIn(r.returncode, (0, 1), r.stderr)      # examples/invalid holds invalid files
            self.assertEqual(sorted(os.listdir(tmp)), sorted([f"{i}.html" for i in ids] + ["index.html"]))
            self.assertIn("ale-2024", ids)
            index = read(os.path.join(tmp, "index.html"))
            for i in ids:
                self.assertIn(f'data-pledge="{i}"', index)


class TestFormat11(unittest.TestCase):
    """Keys of format 1.1, rendered from to_dict()."""

    TEXT = """
format: pledge/1
id: elva
title: Format 1.1
language: sv
area:
  municipalities: [{name: Laxå}, {name: Askersund}]
parties:
  - {id: kommun, name: Laxå kommun, kind: municipality}
  - {id: polis, name: Polisen, kind: police}
  - {id: klubb, name: IFK Laxå, kind: civil_society, role: partner}
signing:
  date: 2018-10-26
  place: Laxå
  signatories: [{name: Eva Exempel, role: kommunstyrelsens ordförande, party: kommun}, {party: polis}]
places: [{id: torget, name: Torget, kind: square}]
period: {start: 2018}
activities:
  - {id: kontroller, text: Trafikkontroller, responsible: [polis], partners: [klubb], places: [torget],
     target: {quantity: 4, unit: kontroller}}
  - {id: vi-lovar, text: Vi lovar att lyssna}
"""
    FOLLOW = """
format: follow-up/1
pledge: elva
date: 2019-05
reported_by: [polis]
activities:
  - activity: kontroller
    status: not_done
    done: 3
    outputs: [{value: 200, unit: kontroller, qualifier: more_than}, {value: 0.78, unit: rapporterade förare, per: day}]
    events: [{date: 2019-03, text: Kontroll vid torget}]
other_work:
  - {text: Föreläsning för föräldrar, outputs: [{value: 40, unit: deltagare, qualifier: about}]}
"""

    def test_rendered(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in (("elva.yaml", self.TEXT), ("elva-uppf.yaml", self.FOLLOW)):
                with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                    f.write(text)
            errors = [d for d in pledge.validate(tmp) if d.severity == "error"]
            self.assertEqual(errors, [])
            pages = pages_of(tmp)
        html = pages["elva.html"]
        body = Page(html).body
        self.assertIn("drygt 200 kontroller", body)
        self.assertIn("0,78 rapporterade förare per dag", body)
        self.assertIn('<time datetime="2019-03">mars 2019</time>: Kontroll vid torget', html)
        self.assertIn("ca 40 deltagare", body)
        self.assertIn("Föreläsning för föräldrar", body)
        self.assertIn("IFK Laxå", body)
        self.assertIn("Torget", body)
        self.assertIn("Laxå, Askersund", body)
        self.assertIn("26 oktober 2018, Laxå", body)
        self.assertIn("Eva Exempel, kommunstyrelsens ordförande – Laxå kommun", body)
        self.assertIn("Löften utan namngiven ansvarig: 0 av 1 genomförda", body)
        self.assertIn("ej genomförd", body)
        self.assertIn("4 kontroller – ✗ målet inte nått", body)


if __name__ == "__main__":
    unittest.main()
