# SPDX-License-Identifier: MIT
"""Memory across the language boundary: objects keep their document alive
(no use after free when the document goes first), and nothing leaks: RSS
stays flat over 10,000 loads (normal, unsanitised build)."""
from __future__ import annotations

import gc
import sys
import unittest
import weakref
from collections.abc import Callable

import pledge
from pledgetest import ALE, ALE_FOLLOW_UP, EXAMPLES, FULL, FULL_FOLLOW_UP, load_tests, rss_bytes  # noqa: F401

KiB = 1024
MiB = 1024 * KiB


class LifetimeTest(unittest.TestCase):
    def test_children_outlive_the_document(self) -> None:
        doc = pledge.load(FULL)
        assert isinstance(doc, pledge.Pledge)
        ref = weakref.ref(doc)
        party = doc.parties[0]
        activity = doc.activity("belysning")
        theme = doc.themes[0]
        indicator = doc.indicators[0]
        situation = doc.situation
        assert situation is not None
        source = situation.sources[0]
        problem = situation.problems[0]
        channel = doc.channels[0]
        contact = doc.contacts[0]
        del doc, situation
        gc.collect()
        self.assertIsNotNone(ref(), "a child must keep its document alive")
        # every object still reads its document's memory correctly
        self.assertEqual(party.name, "Örebro kommun")
        self.assertEqual(activity.text, "Förbättra belysningen på gångvägar.")
        self.assertEqual([p.id for p in activity.responsible], ["kommun", "bostader"])
        self.assertEqual(activity.theme.title, "Trygga miljöer")
        self.assertEqual(theme.activities[1].id, "trygghetsvandringar")
        self.assertEqual(indicator.baseline, pledge.IndicatorValue(70.0, indicator.baseline.date))
        self.assertEqual(indicator.goal.text, "Ökad trygghet bland de boende.")
        self.assertEqual(source.title, "Trygghetsmätning 2024")
        self.assertEqual(problem.sources[0].id, "trygghetsmatning")
        self.assertEqual(channel.owner.id, "kommun")
        self.assertEqual(contact.name, "Åsa Öberg")
        self.assertEqual(party.document.id, "orebro-2025")
        del party, activity, theme, indicator, source, problem, channel, contact
        gc.collect()
        self.assertIsNone(ref(), "the document must go with its last object")

    def test_follow_up_children_and_progress(self) -> None:
        fu = pledge.load(FULL_FOLLOW_UP)
        assert isinstance(fu, pledge.FollowUp)
        entry = fu.entries[0]
        evidence = entry.evidence[0]
        measurement = fu.measurements[0]
        source = measurement.source
        pl = pledge.load(FULL)
        assert isinstance(pl, pledge.Pledge)
        progress = pl.progress([fu])
        indicator = progress.indicator("andel-trygga")
        progress_ref = weakref.ref(progress)
        del fu, pl, progress
        gc.collect()
        self.assertEqual(entry.comment, "Sju av tolv gångvägar är klara.")
        self.assertEqual(evidence.title, "Beslut om belysning")
        self.assertEqual(measurement.value, 73.5)
        assert source is not None
        self.assertEqual(source.title, "Trygghetsmätning 2025")
        self.assertIsNotNone(progress_ref())
        self.assertEqual(indicator.latest.value, 73.5)
        self.assertTrue(indicator.on_track)

    def test_dict_outlives_everything(self) -> None:
        data = pledge.load(ALE).to_dict()
        gc.collect()
        self.assertEqual(data["parties"][1]["name"], "Lokalpolisområde Kungälv-Ale")

    def test_no_reference_cycles(self) -> None:
        """Documents and their objects are freed by reference counting
        alone, so memory returns at once, not at the next GC pass."""
        gc.collect()
        gc.disable()
        try:
            doc = pledge.load(FULL)
            ref = weakref.ref(doc)
            assert isinstance(doc, pledge.Pledge)
            objects = [doc.activities, doc.parties, doc.goals[0].indicators, doc.progress()]
            del doc, objects
            self.assertIsNone(ref())
        finally:
            gc.enable()


class RssTest(unittest.TestCase):
    """RSS after a warm-up, then after many more rounds: a leak of even a
    few hundred bytes a round would show above the allowed noise."""

    def assertFlat(self, name: str, work: Callable[[], object], rounds: int,
                   warmup: int, allowed: int = 2 * MiB) -> None:
        for _ in range(warmup):
            work()
        gc.collect()
        before = rss_bytes()
        for _ in range(rounds):
            work()
        gc.collect()
        after = rss_bytes()
        growth = after - before
        print(f"\nmemory {name}: {rounds} rounds after {warmup} warm-up: "
              f"RSS {before / MiB:.1f} MiB -> {after / MiB:.1f} MiB ({growth / KiB:+.0f} KiB)",
              file=sys.stderr)
        self.assertLess(growth, allowed, f"{name}: RSS grew by {growth / KiB:.0f} KiB")

    def test_load_10000_documents(self) -> None:
        def work() -> object:
            doc = pledge.load(ALE)
            assert isinstance(doc, pledge.Pledge)
            return [a.responsible for a in doc.activities], doc.title
        self.assertFlat("load", work, rounds=10_000, warmup=1_000)

    def test_errors_and_conversions(self) -> None:
        invalid = EXAMPLES / "invalid" / "pledge.unknown-reference.yaml"
        text = FULL.read_text(encoding="utf-8")

        def work() -> object:
            try:
                pledge.load(invalid)
            except pledge.ValidationError as e:
                assert e.diagnostics
            try:
                pledge.load("no-such-file.yaml")
            except FileNotFoundError:
                pass
            doc = pledge.loads(text)
            data = doc.to_dict()
            assert pledge.from_dict(data) == doc
            return doc.to_yaml(), doc.warnings
        self.assertFlat("errors, to_dict, from_dict, to_yaml", work, rounds=2_000, warmup=300)

    def test_validate_progress_schema(self) -> None:
        pl = pledge.load(ALE)
        fu = pledge.load(ALE_FOLLOW_UP)
        assert isinstance(pl, pledge.Pledge)
        schema = pledge.Schema.from_string('{"type": "object", "required": ["nope"]}')

        def work() -> object:
            diags = pledge.validate(EXAMPLES / "invalid", ALE, ALE_FOLLOW_UP, resolve=True)
            progress = pl.progress([fu])
            return (diags, progress.status_counts, progress.indicator("andel-trygga").latest,
                    schema.validate_file(ALE), pledge.Schema.from_string('{"type": "string"}'))
        self.assertFlat("validate, progress, schema", work, rounds=300, warmup=50)


if __name__ == "__main__":
    unittest.main()
