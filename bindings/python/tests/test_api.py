# SPDX-License-Identifier: MIT
"""Every name of the Python contract (shared/spec/bindings.md) and every
field of docs/format.md, through the examples and the test data."""
from __future__ import annotations

import copy
import datetime
import json
import os
import pathlib
import re
import unittest

import pledge
from pledgetest import ALE, ALE_FOLLOW_UP, FULL, FULL_FOLLOW_UP, load_tests  # noqa: F401

D = datetime.date


class ModuleTest(unittest.TestCase):
    def test_version(self) -> None:
        self.assertRegex(pledge.__version__, r"^\d+\.\d+\.\d+")
        self.assertIn("__version__", pledge.__all__)

    def test_all_names_exist(self) -> None:
        for name in pledge.__all__:
            with self.subTest(name=name):
                self.assertTrue(hasattr(pledge, name))

    def test_contract_names(self) -> None:
        for name in ("load", "loads", "load_all", "from_dict", "validate", "Schema",
                     "Error", "ValidationError", "SchemaError", "Diagnostic", "__version__"):
            with self.subTest(name=name):
                self.assertIn(name, pledge.__all__)

    def test_raw_module_is_private(self) -> None:
        self.assertNotIn("_core", pledge.__all__)
        doc = pledge.load(ALE)
        for obj in (doc, doc.parties[0], doc.activities[0], doc.period, doc.progress()):
            with self.subTest(obj=obj):
                self.assertNotIn("Swig", repr(obj))
                self.assertNotIn("0x", repr(obj))
                self.assertEqual(type(obj).__module__, "pledge")

    def test_objects_are_not_built_by_hand(self) -> None:
        for cls in (pledge.Document, pledge.Pledge, pledge.FollowUp, pledge.Schema, pledge.Progress):
            with self.subTest(cls=cls):
                with self.assertRaises(TypeError):
                    cls()


class LoadTest(unittest.TestCase):
    def test_load_pledge(self) -> None:
        doc = pledge.load(ALE)
        self.assertIsInstance(doc, pledge.Pledge)
        self.assertIsInstance(doc, pledge.Document)
        self.assertEqual(doc.format, "pledge/1")
        self.assertEqual(doc.file, str(ALE))
        self.assertEqual(doc.index, 0)
        self.assertEqual(doc.warnings, [])

    def test_load_accepts_str_bytes_and_paths(self) -> None:
        for path in (str(ALE), bytes(ALE), pathlib.Path(ALE)):
            with self.subTest(path=path):
                self.assertEqual(pledge.load(path).id, "ale-2024")

    def test_loads(self) -> None:
        text = ALE.read_text(encoding="utf-8")
        doc = pledge.loads(text)
        self.assertEqual(doc.id, "ale-2024")
        self.assertEqual(doc.file, "<string>")
        self.assertEqual(pledge.loads(text, name="ale.yaml").file, "ale.yaml")
        self.assertEqual(pledge.loads(text.encode()), doc)

    def test_loads_json_by_name(self) -> None:
        text = pledge.load(ALE).to_json()
        self.assertEqual(pledge.loads(text, name="ale.json"), pledge.load(ALE))

    def test_load_all(self) -> None:
        import tempfile
        stream = ALE.read_text(encoding="utf-8") + "\n---\n" + ALE_FOLLOW_UP.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "stream.yaml"
            path.write_text(stream, encoding="utf-8")
            docs = pledge.load_all(path)
        self.assertEqual([type(d) for d in docs], [pledge.Pledge, pledge.FollowUp])
        self.assertEqual([d.index for d in docs], [0, 1])
        self.assertEqual(docs[1].pledge_id, docs[0].id)
        self.assertEqual(pledge.load_all(ALE), [pledge.load(ALE)])

    def test_warnings(self) -> None:
        doc = pledge.load(FULL)
        codes = {d.code for d in doc.warnings}
        self.assertEqual(codes, {"yaml.ambiguous-scalar"})
        self.assertTrue(all(isinstance(d, pledge.Diagnostic) for d in doc.warnings))
        self.assertTrue(all(d.severity == "warning" for d in doc.warnings))
        paths = [d.instance_path for d in doc.warnings]
        self.assertIn("/x-scalars/norwegian", paths)
        doc.warnings.clear()  # a copy: the document's list is unchanged
        self.assertTrue(doc.warnings)

    def test_from_dict(self) -> None:
        data = pledge.load(ALE).to_dict()
        doc = pledge.from_dict(data)
        self.assertEqual(doc, pledge.load(ALE))
        self.assertEqual(doc.to_dict(), data)
        self.assertEqual(doc.file, "<dict>")

    def test_from_dict_dates_and_tuples(self) -> None:
        data = pledge.load(ALE_FOLLOW_UP).to_dict()
        data["date"] = D(2025, 2, 14)
        data["period"] = {"start": D(2024, 1, 1), "end": D(2024, 12, 31)}
        data["activities"] = tuple(data["activities"])
        self.assertEqual(pledge.from_dict(data), pledge.load(ALE_FOLLOW_UP))

    def test_from_dict_rejects_non_data(self) -> None:
        with self.assertRaises(TypeError):
            pledge.from_dict([1, 2])  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            pledge.from_dict({"format": "pledge/1", "x-set": {1, 2}})

    def test_from_dict_diagnostics_have_no_position(self) -> None:
        data = pledge.load(ALE).to_dict()
        del data["themes"][0]["activities"][0]["text"]
        data["language"] = "sv-SE"
        with self.assertRaises(pledge.ValidationError) as cm:
            pledge.from_dict(data)
        diags = cm.exception.diagnostics
        self.assertEqual({d.code for d in diags}, {"required", "pattern"})
        for d in diags:
            self.assertEqual((d.line, d.column), (0, 0))
            self.assertEqual(d.file, "<dict>")
        self.assertIn("/themes/0/activities/0", [d.instance_path for d in diags])
        self.assertIn("/language", [d.instance_path for d in diags])


class DiagnosticTest(unittest.TestCase):
    def test_fields(self) -> None:
        diags = pledge.validate(pledge_invalid("type.responsible-string.yaml"))
        self.assertEqual(len(diags), 1)
        d = diags[0]
        self.assertEqual(d.severity, "error")
        self.assertEqual(d.code, "type")
        self.assertIsInstance(d.message, str)
        self.assertTrue(d.file.endswith("type.responsible-string.yaml"))
        self.assertEqual(d.document, 0)
        self.assertGreater(d.line, 0)
        self.assertGreater(d.column, 0)
        self.assertTrue(d.instance_path.startswith("/themes/"))
        self.assertIn("responsible", d.schema_path)
        for name in ("severity", "code", "message", "file", "document", "line", "column",
                     "instance_path", "schema_path"):
            self.assertTrue(hasattr(d, name))

    def test_str_and_repr(self) -> None:
        d = pledge.validate(pledge_invalid("type.responsible-string.yaml"))[0]
        self.assertEqual(str(d), f"{d.file}:{d.line}:{d.column}: error: {d.message} [type]")
        self.assertEqual(repr(d), f"<Diagnostic {d}>")
        nowhere = pledge.validate("no-such-file.yaml")[0]
        self.assertEqual(str(nowhere), f"no-such-file.yaml: error: {nowhere.message} [io.error]")

    def test_value_semantics(self) -> None:
        a = pledge.validate(pledge_invalid("type.responsible-string.yaml"))[0]
        b = pledge.validate(pledge_invalid("type.responsible-string.yaml"))[0]
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        with self.assertRaises(AttributeError):
            a.code = "x"  # type: ignore[misc]


FIELDS = ("severity", "code", "message", "file", "document", "line", "column",
          "instance_path", "schema_path")


def pledge_invalid(name: str) -> pathlib.Path:
    return ALE.parent / "invalid" / name


class ValidateTest(unittest.TestCase):
    def test_valid_files(self) -> None:
        self.assertEqual(pledge.validate(ALE, ALE_FOLLOW_UP), [])
        self.assertEqual(pledge.validate(ALE, ALE_FOLLOW_UP, resolve=True), [])

    def test_resolve(self) -> None:
        # Alone, a follow-up is never passed silently (format 1.1).
        self.assertEqual([(d.code, d.severity) for d in pledge.validate(ALE_FOLLOW_UP)],
                         [("follow-up.unchecked", "warning")])
        diags = pledge.validate(ALE_FOLLOW_UP, resolve=True)
        self.assertEqual([d.code for d in diags], ["follow-up.unknown-pledge"])

    def test_folder_like_the_cli(self) -> None:
        """Every invalid example fails where its "# expect:" lines say."""
        folder = ALE.parent / "invalid"
        diags = pledge.validate(folder)
        files = sorted({d.file for d in diags})
        self.assertEqual(files, sorted(str(p) for p in folder.glob("*.yaml")))
        for path in folder.glob("*.yaml"):
            text = path.read_text(encoding="utf-8")
            expected = {(int(m[0]), int(m[1]), m[2])
                        for m in re.findall(r"#\s*expect:\s*(\d+)\s+(\d+)\s+(\S+)", text)}
            options = re.findall(r"#\s*options:\s*(.*)", text)
            resolve = any("--resolve" in o for o in options)
            got = pledge.validate(path, resolve=resolve)
            with self.subTest(file=path.name):
                self.assertEqual({(d.line, d.column, d.code) for d in got}, expected)

    @unittest.skipUnless(os.environ.get("PLEDGE_BUILD_DIR"), "run by ctest, which names the build")
    def test_same_diagnostics_as_the_cli(self) -> None:
        """File by file, validate() reports what pledge-validate --format
        json reports, field for field."""
        import subprocess
        cli = pathlib.Path(os.environ["PLEDGE_BUILD_DIR"], "tools", "pledge-validate",
                           "pledge-validate")
        if not cli.exists():
            self.skipTest("pledge-validate is not built")
        paths = [ALE, ALE_FOLLOW_UP, FULL, FULL_FOLLOW_UP, *sorted((ALE.parent / "invalid").glob("*"))]
        for path in paths:
            for resolve in (False, True):
                with self.subTest(file=path.name, resolve=resolve):
                    args = [str(cli), "--format", "json", "--quiet", str(path)]
                    if resolve:
                        args.insert(1, "--resolve")
                    out = subprocess.run(args, capture_output=True, text=True).stdout
                    expected = [{name: d[name] for name in FIELDS}
                                for f in json.loads(out)["files"] for d in f["diagnostics"]]
                    got = [{name: getattr(d, name) for name in FIELDS}
                           for d in pledge.validate(path, resolve=resolve)]
                    self.assertEqual(got, expected)

    def test_folder_order_and_hidden_files(self) -> None:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            root = pathlib.Path(tmp)
            (root / "b").mkdir()
            (root / ".hidden").mkdir()
            (root / "a-x").mkdir()
            bad = "format: pledge/1\n"
            for rel in ("b/z.yaml", "a-x/y.yml", "a.yaml", ".hidden/h.yaml", ".h.yaml", "c.txt"):
                (root / rel).write_text(bad, encoding="utf-8")
            (root / "link").symlink_to(root / "b", target_is_directory=True)
            diags = pledge.validate(root)
            seen = list(dict.fromkeys(d.file for d in diags))
            self.assertEqual(seen, [str(root / "a-x/y.yml"), str(root / "a.yaml"),
                                    str(root / "b/z.yaml")])
            # a file reached twice is validated once; a named file always is
            twice = pledge.validate(root / "a.yaml", root, root / "c.txt")
            files = list(dict.fromkeys(d.file for d in twice))
            self.assertEqual(files[0], str(root / "a.yaml"))
            self.assertEqual(files.count(str(root / "a.yaml")), 1)
            self.assertIn(str(root / "c.txt"), files)

    def test_json_files(self) -> None:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "ale.json"
            path.write_text(pledge.load(ALE).to_json(), encoding="utf-8")
            self.assertEqual(pledge.validate(path), [])
            self.assertEqual(pledge.load(path), pledge.load(ALE))
            path.write_text('{"format": "pledge/1",}', encoding="utf-8")
            self.assertEqual([d.code for d in pledge.validate(path)], ["json.syntax"])

    def test_cross_document_checks(self) -> None:
        dup = pledge.validate(ALE, ALE)  # the same file twice: read once
        self.assertEqual(dup, [])
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            copy_ = pathlib.Path(tmp) / "copy.yaml"
            copy_.write_text(ALE.read_text(encoding="utf-8"), encoding="utf-8")
            diags = pledge.validate(ALE, copy_)
            self.assertEqual([(d.code, d.file) for d in diags],
                             [("pledge.duplicate-pledge", str(copy_))])

    def test_unreadable_paths_are_diagnostics(self) -> None:
        diags = pledge.validate("no-such-dir/", ALE, "no-such-file.yaml")
        self.assertEqual([(d.code, d.file, d.line) for d in diags],
                         [("io.error", "no-such-dir/", 0), ("io.error", "no-such-file.yaml", 0)])

    def test_empty_folder_is_a_diagnostic(self) -> None:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            self.assertEqual([d.code for d in pledge.validate(tmp)], ["io.error"])

    def test_needs_a_path(self) -> None:
        with self.assertRaises(TypeError):
            pledge.validate()


class PledgeTest(unittest.TestCase):
    doc: pledge.Pledge
    full: pledge.Pledge

    @classmethod
    def setUpClass(cls) -> None:
        doc = pledge.load(ALE)
        full = pledge.load(FULL)
        assert isinstance(doc, pledge.Pledge) and isinstance(full, pledge.Pledge)
        cls.doc, cls.full = doc, full

    def test_top_level(self) -> None:
        doc = self.doc
        self.assertEqual((doc.id, doc.language, doc.status), ("ale-2024", "sv", "active"))
        self.assertEqual(doc.title, "Ale – medborgarlöften")
        self.assertIsNone(doc.text("title", "en"))
        self.assertEqual(doc.text("title"), doc.title)
        self.assertTrue(doc.focus.startswith("Särskilt fokus"))
        self.assertTrue(doc.summary.startswith("Medborgarlöftet är"))
        self.assertEqual(doc.text("summary"), doc.summary)
        self.assertIsNone(doc.supersedes)
        self.assertEqual(doc.area, pledge.Area("Ale kommun", "1440", "Kungälv-Ale", None))
        self.assertEqual(doc.agreement, pledge.Agreement("Trygg i Ale", None))

    def test_top_level_full(self) -> None:
        full = self.full
        self.assertEqual(full.status, "draft")
        self.assertEqual(full.supersedes, "orebro-2022")
        self.assertEqual(full.text("title", "en"), "Örebro – citizen pledges")
        self.assertEqual(full.title, "Örebro – medborgarlöften för Vivalla och Västhaga")
        self.assertIsNone(full.text("title", "fi"))
        self.assertIsNone(full.text("no-such-key"))
        self.assertEqual(full.area, pledge.Area("Örebro kommun", "1880", "Örebro", "Region Örebro län"))
        self.assertEqual(full.agreement, pledge.Agreement("Tryggare Örebro",
                                                          "https://example.org/tryggare-orebro"))

    def test_period(self) -> None:
        p = self.doc.period
        self.assertEqual((p.start, p.end), (D(2024, 1, 1), None))
        self.assertEqual((p.start_precision, p.end_precision), ("year", None))
        self.assertEqual((p.planned_years, p.label), (3, "2024 och tillsvidare"))
        self.assertIsNone(p.last_day)
        q = self.full.period
        self.assertEqual((q.start, q.start_precision), (D(2025, 3, 1), "month"))
        self.assertEqual((q.end, q.end_precision, q.last_day), (D(2027, 1, 1), "year", D(2027, 12, 31)))
        self.assertEqual(q, self.full.period)

    def test_parties(self) -> None:
        self.assertEqual([p.id for p in self.doc.parties], ["kommun", "polis"])
        kommun = self.doc.party("kommun")
        self.assertEqual((kommun.name, kommun.kind, kommun.url), ("Ale kommun", "municipality", None))
        self.assertEqual(kommun.identifiers, [pledge.Identifier("scb-kommunkod", "1440")])
        self.assertEqual(repr(kommun), "<Party kommun>")
        with self.assertRaises(KeyError):
            self.doc.party("polisen")
        full = self.full.party("kommun")
        self.assertEqual(full.url, "https://example.org/kommun")
        self.assertEqual([i.scheme for i in full.identifiers], ["scb-kommunkod", "orgnr"])
        self.assertEqual([p.kind for p in self.full.parties], ["municipality", "police", "housing"])
        self.assertEqual([a.id for a in self.full.party("bostader").activities], ["belysning"])

    def test_themes_and_activities(self) -> None:
        doc = self.doc
        self.assertEqual(len(doc.themes), 4)
        theme = doc.themes[0]
        self.assertEqual(theme.id, "trafiksakerhet-och-trygga-miljoer")
        self.assertEqual(theme.title, "Samverkan för ökad trafiksäkerhet och trygga miljöer")
        self.assertIsNone(theme.description)
        self.assertEqual([a.id for a in theme.activities], ["tryggare-trafikmiljo", "fysiska-miljoer"])
        all_ids = [a.id for t in doc.themes for a in t.activities]
        self.assertEqual([a.id for a in doc.activities], all_ids)
        self.assertEqual(len(doc.activities), 11)
        self.assertEqual(doc.theme("unga"), doc.themes[3])
        with self.assertRaises(KeyError):
            doc.theme("nope")

    def test_activity(self) -> None:
        a = self.doc.activity("tryggare-trafikmiljo")
        self.assertEqual(repr(a), "<Activity tryggare-trafikmiljo>")
        self.assertEqual(a.text, "Arbeta för tryggare trafikmiljö.")
        self.assertEqual([p.id for p in a.responsible], ["kommun", "polis"])
        self.assertIsInstance(a.responsible[0], pledge.Party)
        self.assertEqual(a.theme, self.doc.themes[0])
        self.assertEqual((a.addresses, a.goals, a.target_group, a.recurrence, a.target),
                         ([], [], None, None, None))
        self.assertEqual(self.doc.activity("informationsmoten-foraldrar").recurrence, "yearly")
        with self.assertRaises(KeyError) as cm:
            self.doc.activity("nope")
        self.assertEqual(cm.exception.args, ("nope",))

    def test_activity_full(self) -> None:
        a = self.full.activity("belysning")
        self.assertEqual(a.text, "Förbättra belysningen på gångvägar.")
        self.assertEqual(a.localized("text", "en"), "Better lighting on footpaths.")
        self.assertEqual(a.localized("text"), a.text)
        self.assertIsNone(a.localized("text", "fi"))
        with self.assertRaises(KeyError):
            a.localized("nope")
        self.assertEqual([p.id for p in a.addresses], ["otrygga-platser"])
        self.assertEqual([g.id for g in a.goals], ["okad-trygghet"])
        self.assertEqual(a.target_group, "boende i Vivalla")
        self.assertEqual(a.recurrence, "once")
        self.assertEqual(a.target, pledge.ActivityTarget(12, "at_least", "gångvägar", "period"))
        self.assertEqual(self.full.activity("trygghetsvandringar").target,
                         pledge.ActivityTarget(4, None, "vandringar", None))
        self.assertEqual(self.full.activity("dialogmoten").recurrence, "continuous")
        self.assertEqual([p.id for p in self.full.activity("dialogmoten").addresses],
                         ["skadegorelse", "otrygga-platser"])

    def test_situation(self) -> None:
        s = self.doc.situation
        assert s is not None
        self.assertTrue(s.description.startswith("Inom ramen för Trygg i Ale"))
        self.assertEqual(len(s.sources), 7)
        src = s.source("trygghetsmatningar")
        self.assertEqual((src.id, src.kind, src.title, src.year, src.url),
                         ("trygghetsmatningar", "safety_survey", "statistik från trygghetsmätningar",
                          None, None))
        problem = s.problem("psykiskt-maende")
        self.assertEqual(problem.title, "det psykiska måendet")
        self.assertEqual([x.id for x in problem.sources],
                         ["lokala-undersokningar", "nationella-lagesbilder"])
        self.assertEqual(problem.sources[0], s.source("lokala-undersokningar"))
        self.assertIsNone(s.problem("vald-i-nara-relationer").description)
        with self.assertRaises(KeyError):
            s.source("nope")
        with self.assertRaises(KeyError):
            s.problem("nope")
        full = self.full.situation
        assert full is not None
        self.assertEqual((full.sources[0].year, full.sources[0].url),
                         (2024, "https://example.org/matning-2024"))
        self.assertIsNone(full.sources[1].id)
        self.assertEqual(repr(full.sources[1]), "<Source citizen_dialogue>")

    def test_goals_and_indicators(self) -> None:
        doc = self.doc
        self.assertEqual(len(doc.goals), 4)
        goal = doc.goal("okad-trygghet")
        self.assertEqual((goal.text, goal.level), ("Ökad trygghet bland invånarna.", None))
        ind = goal.indicators[0]
        self.assertEqual((ind.id, ind.unit, ind.direction), ("andel-trygga", "percent", "increase"))
        self.assertEqual(ind.goal, goal)
        assert ind.source is not None
        self.assertEqual(ind.source.kind, "safety_survey")
        self.assertIsNone(ind.baseline)
        self.assertEqual([i.id for i in doc.indicators],
                         [i.id for g in doc.goals for i in g.indicators])
        self.assertEqual(doc.indicator("andel-trygga"), ind)
        with self.assertRaises(KeyError):
            doc.goal("nope")
        with self.assertRaises(KeyError):
            doc.indicator("nope")

    def test_indicator_figures(self) -> None:
        goal = self.full.goals[0]
        self.assertEqual(goal.level, "impact")
        self.assertEqual([a.id for a in goal.activities], ["belysning", "dialogmoten"])
        baseline = self.full.goals[0].indicators[0].baseline
        assert baseline is not None
        self.assertIsInstance(baseline.value, float)
        self.assertEqual((baseline.value, baseline.date), (70.0, D(2024, 1, 1)))
        self.assertEqual(self.full.indicator("andel-trygga").target, pledge.IndicatorValue(76.0, D(2027, 1, 1)))
        text = self.full.indicator("upplevd-trygghet")
        self.assertEqual((text.unit, text.direction, text.baseline, text.target, text.source),
                         ("text", None, None, None, None))
        self.assertEqual(self.full.indicator("antal-skador").unit, "count")

    def test_follow_up_plan_channels_contacts(self) -> None:
        doc = self.doc
        self.assertEqual(doc.follow_up, pledge.FollowUpPlan(
            ["safety_survey", "citizen_dialogue"], "continuous",
            "Målen följs upp kontinuerligt genom trygghetsmätningar och medborgardialoger."))
        self.assertEqual([c.kind for c in doc.channels], ["web", "facebook", "instagram", "web", "facebook"])
        web = doc.channels[0]
        self.assertEqual((web.url, web.name), ("https://www.polisen.se/Medborgarloften", None))
        self.assertEqual(web.owner, doc.party("polis"))
        self.assertEqual(doc.channels[1].name, "Polisen Kungälv och Ale")
        self.assertEqual(repr(doc.channels[1]), "<Channel facebook Polisen Kungälv och Ale>")
        contact = doc.contacts[0]
        self.assertEqual((contact.party.id, contact.name, contact.phone, contact.email, contact.role),
                         ("polis", "Jessica Ask", "010-565 44 56", None, None))
        self.assertTrue(contact.note.startswith("Har du synpunkter"))
        full = self.full
        self.assertIsNone(full.channels[1].owner)
        self.assertEqual(full.channels[1].localized("name", "en"), "The Safe Örebro newsletter")
        self.assertEqual((full.contacts[0].role, full.contacts[0].email),
                         ("kommunpolis", "asa.oberg@example.org"))
        self.assertEqual(full.contacts[1].name, None)

    def test_absent_groups_are_none(self) -> None:
        doc = pledge.from_dict(minimal_pledge())
        assert isinstance(doc, pledge.Pledge)
        self.assertEqual((doc.area, doc.agreement, doc.situation, doc.follow_up),
                         (None, None, None, None))
        self.assertEqual((doc.channels, doc.contacts, doc.focus, doc.summary), ([], [], None, None))


def minimal_pledge() -> dict:
    return {
        "format": "pledge/1", "id": "mini", "title": "Mini", "language": "sv",
        "parties": [{"id": "kommun", "name": "Kommunen", "kind": "municipality"}],
        "period": {"start": 2024},
        "themes": [{"id": "t", "title": "T", "activities": [
            {"id": "a", "text": "Gör något.", "responsible": ["kommun"]}]}],
        "goals": [{"id": "g", "text": "Mål.", "indicators": [
            {"id": "i", "text": "Andel", "unit": "percent", "direction": "increase"}]}],
    }


class FollowUpTest(unittest.TestCase):
    def test_follow_up(self) -> None:
        fu = pledge.load(ALE_FOLLOW_UP)
        assert isinstance(fu, pledge.FollowUp)
        self.assertEqual(fu.format, "follow-up/1")
        self.assertEqual((fu.id, fu.pledge_id, fu.language), ("ale-2024-uppfoljning-2025", "ale-2024", None))
        self.assertEqual(fu.date, D(2025, 2, 14))
        self.assertEqual((fu.period.start, fu.period.end), (D(2024, 1, 1), D(2024, 12, 31)))
        self.assertEqual((fu.period.start_precision, fu.period.end_precision), ("day", "day"))
        self.assertTrue(fu.summary.startswith("Uppföljning av medborgarlöftet"))
        self.assertEqual(len(fu.entries), 11)
        entry = fu.entry("informera")
        self.assertEqual((entry.activity_id, entry.status, entry.done), ("informera", "done", 6))
        self.assertEqual(entry.status_label, "genomförd")
        self.assertEqual(fu.entries[5], entry)
        self.assertEqual(repr(entry), "<Entry informera done>")
        evidence = fu.entry("informationsmoten-foraldrar").evidence[0]
        self.assertEqual((evidence.url, evidence.title, evidence.date),
                         ("https://example.org/trygg-i-ale/foraldramoten-2024",
                          "Informationsmöten för föräldrar i årskurs 7", D(2024, 10, 3)))
        self.assertIsNone(fu.entry("valdsprevention").done)
        with self.assertRaises(KeyError):
            fu.entry("nope")
        m = fu.measurements[1]
        self.assertEqual((m.indicator_id, m.value, m.date), ("andel-upplever-polisen-tillganglig", 41.5, D(2024, 10, 31)))
        assert m.source is not None
        self.assertEqual((m.source.kind, m.source.title, m.source.year), ("safety_survey", "Trygghetsmätning 2024", 2024))
        self.assertEqual(fu.measurements[2].comment, "Andelen som upplever problem med trafiken är fortfarande hög.")
        self.assertEqual(repr(fu), "<FollowUp ale-2024-uppfoljning-2025>")

    def test_follow_up_full(self) -> None:
        fu = pledge.load(FULL_FOLLOW_UP)
        assert isinstance(fu, pledge.FollowUp)
        self.assertEqual(fu.language, "sv")
        self.assertEqual(fu.text("summary", "en"), "The first follow-up.")
        entry = fu.entry("belysning")
        self.assertEqual(entry.localized("comment", "en"), "Seven of twelve footpaths are done.")
        self.assertEqual([e.title for e in entry.evidence], ["Beslut om belysning", None])
        self.assertEqual(entry.evidence[1].date, None)
        text = fu.measurements[2]
        self.assertEqual((text.value, text.comment), (None, "De boende beskriver en tryggare vardag."))
        self.assertIsInstance(fu.measurements[1].value, float)


class SerialisationTest(unittest.TestCase):
    def test_to_dict_is_plain_data(self) -> None:
        def walk(value: object) -> None:
            if isinstance(value, dict):
                for k, v in value.items():
                    self.assertIs(type(k), str)
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)
            else:
                self.assertIn(type(value), (str, int, float, bool, type(None)))
        for path in (ALE, ALE_FOLLOW_UP, FULL, FULL_FOLLOW_UP):
            with self.subTest(path=path.name):
                walk(pledge.load(path).to_dict())

    def test_to_dict_keeps_source_keys_only(self) -> None:
        d = pledge.load(ALE).to_dict()
        self.assertNotIn("status", d)  # absent means active: no default filled in
        self.assertEqual(list(d)[:4], ["format", "id", "title", "language"])
        self.assertEqual(d["period"], {"start": 2024, "planned_years": 3, "label": "2024 och tillsvidare"})
        full = pledge.load(FULL).to_dict()
        self.assertEqual(full["x-diarienummer"], "KS 2025/17")
        self.assertEqual(full["x-scalars"]["big"], 123456789012345678901234567890)
        self.assertEqual(full["x-scalars"]["norwegian"], "no")
        self.assertEqual(full["x-scalars"]["leading-zero"], 10)
        self.assertIsNone(full["x-scalars"]["empty"])
        self.assertEqual(full["x-scalars"]["infinity"], float("-inf"))

    def test_to_dict_is_a_fresh_copy(self) -> None:
        doc = pledge.load(ALE)
        d = doc.to_dict()
        d["id"] = "changed"
        self.assertEqual(doc.to_dict()["id"], "ale-2024")

    def test_yaml_round_trip(self) -> None:
        for path in (ALE, ALE_FOLLOW_UP, FULL, FULL_FOLLOW_UP):
            with self.subTest(path=path.name):
                doc = pledge.load(path)
                again = pledge.loads(doc.to_yaml())
                self.assertEqual(again, doc)
                self.assertEqual(again.to_dict(), doc.to_dict())

    def test_json(self) -> None:
        doc = pledge.load(ALE)
        self.assertEqual(json.loads(doc.to_json()), doc.to_dict())
        pretty = doc.to_json(pretty=True)
        self.assertIn('\n  "id": "ale-2024"', pretty)
        self.assertEqual(json.loads(pretty), doc.to_dict())
        self.assertEqual(pledge.loads(doc.to_json(), name="x.json"), doc)


class EqualityTest(unittest.TestCase):
    def test_documents(self) -> None:
        a, b = pledge.load(ALE), pledge.load(ALE)
        self.assertIsNot(a, b)
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        self.assertNotEqual(a, pledge.load(ALE_FOLLOW_UP))
        self.assertNotEqual(a, pledge.load(FULL))
        self.assertNotEqual(a, "ale-2024")
        data = a.to_dict()
        data["title"] = "Ale"
        self.assertNotEqual(pledge.from_dict(data), a)
        self.assertIs(copy.copy(a), a)
        self.assertIs(copy.deepcopy(a), a)

    def test_elements(self) -> None:
        a, b = pledge.load(ALE), pledge.load(ALE)
        self.assertEqual(a.activity("informera"), b.activity("informera"))
        self.assertEqual(hash(a.activity("informera")), hash(b.activity("informera")))
        self.assertNotEqual(a.activity("informera"), a.activity("valdsprevention"))
        self.assertEqual(a.party("kommun"), a.activities[0].responsible[0])
        self.assertNotEqual(a.party("kommun"), pledge.load(FULL).party("kommun"))
        self.assertEqual(len({*a.parties, *b.parties}), 2)

    def test_pickle(self) -> None:
        import pickle
        doc = pledge.load(FULL)
        assert isinstance(doc, pledge.Pledge)
        again = pickle.loads(pickle.dumps(doc))
        self.assertEqual(again, doc)
        self.assertEqual((again.file, again.warnings), (doc.file, doc.warnings))
        situation = doc.situation
        assert situation is not None
        fu = pledge.load(FULL_FOLLOW_UP)
        assert isinstance(fu, pledge.FollowUp)
        objects = [doc.parties[2], doc.themes[1], doc.activities[2], doc.goals[1],
                   doc.indicators[0], doc.indicators[0].source, situation.sources[1],
                   situation.problems[1], doc.channels[1], doc.contacts[0], fu.entries[0],
                   fu.entries[0].evidence[1], fu.measurements[0], fu.measurements[0].source]
        for obj in objects:
            with self.subTest(obj=obj):
                copy_ = pickle.loads(pickle.dumps(obj))
                self.assertEqual(copy_, obj)
                self.assertIs(type(copy_), type(obj))
                self.assertEqual(repr(copy_), repr(obj))
        for obj in (doc.progress([fu]), doc.progress([fu]).indicators[0],
                    pledge.Schema.from_string("{}")):
            with self.subTest(obj=obj):
                with self.assertRaises(TypeError) as cm:
                    pickle.dumps(obj)
                self.assertNotIn("Swig", str(cm.exception))

    def test_lists(self) -> None:
        doc = pledge.load(ALE)
        self.assertIsInstance(doc.activities, list)
        self.assertEqual(len(doc.activities), 11)
        self.assertEqual(list(iter(doc.parties)), doc.parties)
        self.assertEqual(doc.activities[-1].id, "tidiga-insatser")


class ProgressTest(unittest.TestCase):
    def test_ale(self) -> None:
        doc = pledge.load(ALE)
        fu = pledge.load(ALE_FOLLOW_UP)
        assert isinstance(doc, pledge.Pledge) and isinstance(fu, pledge.FollowUp)
        prog = doc.progress([fu])
        self.assertIsInstance(prog, pledge.Progress)
        self.assertEqual((prog.pledge_id, prog.report_count), ("ale-2024", 1))
        counts = prog.status_counts
        self.assertEqual(counts, {"not_reported": 0, "not_started": 1, "in_progress": 4, "stalled": 1,
                                  "partially_done": 1, "done": 2, "cancelled": 1, "not_assessable": 1,
                                  "not_done": 0})
        self.assertEqual(sum(counts.values()), len(doc.activities))
        self.assertAlmostEqual(prog.share_done, 2 / 10)
        self.assertEqual(prog.activity_status("tryggare-trafikmiljo"), "in_progress")
        self.assertEqual(list(prog.activity_statuses), [a.id for a in doc.activities])
        with self.assertRaises(KeyError):
            prog.activity_status("nope")
        ind = prog.indicator("andel-trygga")
        assert ind.latest is not None
        self.assertEqual((ind.latest.value, ind.latest.date, ind.latest.report), (68.0, D(2024, 10, 31), 0))
        self.assertEqual((ind.change, ind.on_track, ind.expected), (None, None, None))
        self.assertEqual(prog.indicator("andel-fortroende").latest, None)
        self.assertEqual(len(prog.indicators), 4)
        with self.assertRaises(KeyError):
            prog.indicator("nope")
        self.assertEqual(doc.progress(fu).status_counts, counts)

    def test_without_follow_ups(self) -> None:
        prog = pledge.load(ALE).progress()
        self.assertEqual(prog.status_counts["not_reported"], 11)
        self.assertEqual(prog.share_done, 0.0)
        self.assertEqual(prog.activity_status("informera"), "not_reported")

    def test_on_track(self) -> None:
        doc = pledge.load(FULL)
        assert isinstance(doc, pledge.Pledge)
        prog = doc.progress([pledge.load(FULL_FOLLOW_UP)])
        trygga = prog.indicator("andel-trygga")
        self.assertEqual(trygga.unit, "percent")
        self.assertEqual(trygga.on_track, True)  # 73.5 on 2025-07-02: the line says 73
        self.assertAlmostEqual(trygga.change, 3.5)
        self.assertAlmostEqual(trygga.expected, 73.0, places=2)
        skador = prog.indicator("antal-skador")
        self.assertEqual((skador.on_track, skador.change), (False, 10.0))
        text = prog.indicator("upplevd-trygghet")
        self.assertEqual((text.latest.value, text.on_track), (None, None))
        self.assertEqual([o.date for o in trygga.measurements], [D(2025, 7, 2)])
        self.assertEqual(prog.activity_status("belysning"), "partially_done")
        self.assertEqual(prog.activity_status("dialogmoten"), "not_reported")
        self.assertIs(prog.indicator("andel-trygga").on_track, True)

    def test_refuses_other_pledges_follow_ups(self) -> None:
        doc = pledge.load(FULL)
        assert isinstance(doc, pledge.Pledge)
        with self.assertRaises(pledge.ValidationError) as cm:
            doc.progress([pledge.load(ALE_FOLLOW_UP)])
        self.assertEqual([d.code for d in cm.exception.diagnostics], ["follow-up.unknown-pledge"])
        with self.assertRaises(TypeError):
            doc.progress([doc])  # type: ignore[list-item]


class SchemaTest(unittest.TestCase):
    SCHEMA = '{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "born": {"format": "date"}}}'

    def test_from_string_and_validate(self) -> None:
        schema = pledge.Schema.from_string(self.SCHEMA, name="person.schema.json")
        self.assertEqual(repr(schema), "<Schema person.schema.json>")
        self.assertEqual(schema.validate_string("name: Åsa\n"), [])
        diags = schema.validate_string("name: 3\n---\nnamn: Åsa\n", name="people.yaml")
        self.assertEqual([(d.code, d.document, d.file, d.line) for d in diags],
                         [("type", 0, "people.yaml", 1), ("required", 1, "people.yaml", 3)])
        self.assertEqual(schema.validate_string("name: x\nborn: 2023-02-29\n"), [])

    def test_assert_formats(self) -> None:
        schema = pledge.Schema.from_string(self.SCHEMA, assert_formats=True)
        self.assertEqual([d.code for d in schema.validate_string("name: x\nborn: 2023-02-29\n")],
                         ["format"])

    def test_from_file_and_validate_file(self) -> None:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "person.schema.json"
            path.write_text(self.SCHEMA, encoding="utf-8")
            schema = pledge.Schema.from_file(path)
            data = pathlib.Path(tmp) / "data.yaml"
            data.write_text("name: [1]\n", encoding="utf-8")
            self.assertEqual([d.code for d in schema.validate_file(data)], ["type"])
            self.assertEqual([d.code for d in schema.validate_file(pathlib.Path(tmp) / "none.yaml")],
                             ["io.error"])

    def test_ref_dirs(self) -> None:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp)
            (folder / "name.json").write_text('{"type": "string", "minLength": 2}', encoding="utf-8")
            main = '{"$id": "https://example.org/s/main.json", "properties": {"name": {"$ref": "name.json"}}}'
            with self.assertRaises(pledge.SchemaError):
                pledge.Schema.from_string(main)
            schema = pledge.Schema.from_string(main, ref_dirs={"https://example.org/s/": folder})
            self.assertEqual([d.code for d in schema.validate_string("name: x\n")], ["minLength"])

    def test_pledge_schema_files_compile(self) -> None:
        schema_dir = ALE.parent.parent / "schema"
        schema = pledge.Schema.from_file(schema_dir / "pledge-1.schema.yaml")
        self.assertEqual(schema.validate_file(ALE), [])


if __name__ == "__main__":
    unittest.main()
