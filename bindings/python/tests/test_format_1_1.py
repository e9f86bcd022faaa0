# SPDX-License-Identifier: MIT
"""Format 1.1 in Python: the real pledges of examples/ and every new key,
through typed properties and through generic access by key."""
from __future__ import annotations

import datetime
import unittest

import pledge
from pledgetest import ALE, load_tests  # noqa: F401

EXAMPLES = ALE.parent


def load_all(name: str) -> list[pledge.Pledge | pledge.FollowUp]:
    return pledge.load_all(EXAMPLES / f"{name}.yaml")


class RealPledgesTest(unittest.TestCase):
    def test_every_real_pledge_validates_with_its_follow_ups(self) -> None:
        for name in ("lulea-2018", "stenungsund-orust-tjorn-2023", "mala-2024",
                     "vingaker-2017", "goteborg-centrum-2018"):
            with self.subTest(name=name):
                diags = pledge.validate(EXAMPLES / f"{name}.yaml", resolve=True)
                self.assertEqual([d for d in diags if d.severity == "error"], [])
                self.assertNotIn("x-", str(load_all(name)[0].to_dict().keys()))

    def test_partners_signing_outputs_events(self) -> None:
        p, f1, f2, f3 = load_all("lulea-2018")
        assert isinstance(p, pledge.Pledge) and isinstance(f1, pledge.FollowUp)
        a = p.activity("informationskampanj-langning")
        self.assertEqual([q.id for q in a.partners],
                         ["systembolaget", "lulea-hockey", "bc-lulea", "lulea-basket"])
        self.assertEqual({q.role for q in a.partners}, {"partner"})
        self.assertEqual(p.party("kommun").role, "pledging")
        signing = p.signing
        assert signing is not None
        self.assertEqual(signing.date, pledge.PartialDate(datetime.date(2018, 4, 13), "day"))
        self.assertEqual([(s.name, s.party.id if s.party else None) for s in signing.signatories],
                         [("Ulf Sköld", "polis"), ("Lenita Ericson", "kommun"),
                          ("Mikael Lekfalk", "kommun")])
        t = p.activity("trafikkontroll-varje-dygn")
        self.assertEqual((t.recurrence, t.target.per if t.target else None), ("daily", "day"))
        self.assertEqual((f1.date, f1.date_precision), (datetime.date(2018, 8, 1), "month"))
        self.assertEqual(f1.reported_by, ["polis"])
        assert f1.period is not None
        self.assertEqual(f1.period.label, "maj-juli 2018")
        outputs = f1.entry("trafikkontroll-varje-dygn").outputs
        self.assertEqual(outputs[1], pledge.Output(0.78, "kontroller", "exactly", "day",
                                                   "0,78 kontroller/dag"))
        [event] = f1.entry("dialog-ensamkommande").events
        self.assertEqual(event.date, pledge.PartialDate(datetime.date(2018, 2, 1), "month"))
        self.assertIsNone(f2.period)
        assert isinstance(f3, pledge.FollowUp)
        self.assertIsNone(f3.date)
        self.assertEqual(f3.period.start_precision if f3.period else None, "year")
        self.assertIn("lulea-2018-sidan", repr(f3))

    def test_no_responsible_is_empty_never_guessed(self) -> None:
        [m] = load_all("mala-2024")
        assert isinstance(m, pledge.Pledge)
        self.assertEqual([a.responsible for a in m.activities], [[]] * 6)
        self.assertEqual(m.activity("grannsamverkan-vid-onskemal").condition,
                         "Om det uppkommer önskemål")
        self.assertIsNone(m.activities[0].condition)

    def test_flat_activities_places_other_work(self) -> None:
        v, fu = load_all("vingaker-2017")
        assert isinstance(v, pledge.Pledge) and isinstance(fu, pledge.FollowUp)
        self.assertEqual(v.themes, [])
        self.assertEqual(len(v.activities), 5)
        self.assertIsNone(v.activities[0].theme)
        place = v.place("vingaker-tatort")
        self.assertEqual((place.name, place.kind), ("tätorten Vingåker", "town"))
        self.assertEqual(v.activities[0].places, [place])
        self.assertEqual(place.activities, [v.activities[0]])
        out = fu.entry("trafikkontroller").outputs[0]
        self.assertEqual((out.value, out.qualifier, out.label), (50.0, "more_than", "drygt femtio"))
        self.assertIsNone(fu.entry("trafikkontroller").done)
        [work] = fu.other_work
        self.assertEqual(work.outputs[0].value, 2.0)
        self.assertEqual(work.events[0].date.precision, "month")

    def test_area_and_generic_access(self) -> None:
        [s] = load_all("stenungsund-orust-tjorn-2023")
        assert isinstance(s, pledge.Pledge)
        area = s.area
        assert area is not None
        self.assertIsNone(area.municipality)
        self.assertEqual([m.name for m in area.municipalities],
                         ["Stenungsunds kommun", "Tjörns kommun", "Orust kommun"])
        self.assertEqual(s.get("/signing/signatories/3/name"), "Susanne Arvidsson")
        self.assertEqual(s.text("/signing/signatories/3/role"), "lokalpolisområdeschef")
        self.assertIsNone(s.get("/no/such/key"))
        g = load_all("goteborg-centrum-2018")[0]
        assert isinstance(g, pledge.Pledge)
        a = g.activity("hog-polisiar-narvaro")
        self.assertEqual(a.when, "alla fredags- och lördagskvällar")
        self.assertEqual(a.localized("when"), a.when)
        self.assertEqual(a.data["when"], a.when)
        self.assertEqual(a.places[0].name, "området kring Nordstan och Kungsportsavenyn")
        with self.assertRaises(KeyError):
            a.localized("no_such_key")


if __name__ == "__main__":
    unittest.main()


class Progress11Test(unittest.TestCase):
    def test_per_party_target_met_not_done(self) -> None:
        g, fu = load_all("goteborg-centrum-2018")
        assert isinstance(g, pledge.Pledge) and isinstance(fu, pledge.FollowUp)
        prog = g.progress(fu)
        self.assertEqual(prog.target_met, {"hog-polisiar-narvaro": None,
                                           "narkotikainsatser": True, "trafikinsatser": True})
        self.assertEqual(prog.done_counts["narkotikainsatser"], 11)
        self.assertEqual(prog.status_counts_by_party["polis"]["done"], 3)
        self.assertEqual(sum(prog.status_counts_by_party[None].values()), 0)
        self.assertIn("not_done", prog.status_counts)
        [m] = load_all("mala-2024")
        assert isinstance(m, pledge.Pledge)
        by_party = m.progress().status_counts_by_party
        self.assertEqual(list(by_party), ["polis", "kommun", None])
        self.assertEqual(by_party[None]["not_reported"], 6)
        self.assertEqual(sum(by_party["polis"].values()), 0)

    def test_partial_dates_in_latest(self) -> None:
        p, f1, f2, f3 = load_all("lulea-2018")
        assert isinstance(p, pledge.Pledge)
        reports = [f for f in (f1, f2, f3) if isinstance(f, pledge.FollowUp)]
        prog = p.progress(reports)
        # f2 (2018-09-07) is later than f1 (2018-08, its last day 2018-08-31).
        self.assertEqual(prog.done_counts["tillsyn-restauranger"], 10)
        self.assertEqual(prog.activity_status("synas-i-byar"), "partially_done")
        self.assertEqual(prog.target_met["utbildningar-alkoholservering"], True)
        self.assertIsNone(prog.target_met["trafikkontroll-varje-dygn"])  # per day


class MessagesTest(unittest.TestCase):
    def test_messages_for_pledge_writers(self) -> None:
        text = (ALE.read_text(encoding="utf-8")
                .replace("kind: municipality", "kind: kommun", 1)
                .replace("url: https://www.ale.se", "url: www.ale.se", 1))
        with self.assertRaises(pledge.ValidationError) as cm:
            pledge.loads(text, name="ale.yaml")
        messages = {d.code: d.message for d in cm.exception.diagnostics}
        self.assertIn('did you mean "municipality"?', messages["enum"])
        self.assertNotIn("pattern", messages)  # one diagnostic for the url
        self.assertTrue(messages["format"].startswith('"www.ale.se" is not a url: a url starts '
                                                      "with https://"))
