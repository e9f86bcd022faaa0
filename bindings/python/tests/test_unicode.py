# SPDX-License-Identifier: MIT
"""Swedish text (å, ä, ö) survives the way in and the way out: files,
strings, from_dict, to_dict, to_yaml, to_json, file names, diagnostics."""
from __future__ import annotations

import json
import pathlib
import tempfile
import unittest

import pledge
from pledgetest import ALE, load_tests  # noqa: F401
from test_api import minimal_pledge

SWEDISH = "Åsa Öberg i Västra Frölunda: ärligt, öppet och tryggt – ÅÄÖ åäö"


class UnicodeTest(unittest.TestCase):
    def test_from_file(self) -> None:
        doc = pledge.load(ALE)
        self.assertEqual(doc.title, "Ale – medborgarlöften")
        self.assertEqual(doc.party("polis").name, "Lokalpolisområde Kungälv-Ale")
        self.assertIn("psykiska måendet", doc.focus)

    def test_round_trips(self) -> None:
        data = minimal_pledge()
        data["title"] = {"sv": SWEDISH, "en": "Åre"}
        data["themes"][0]["activities"][0]["text"] = SWEDISH
        data["x-anteckning"] = {"nyckel-åäö": ["ö", "ä", "å"]}
        doc = pledge.from_dict(data)
        self.assertEqual(doc.title, SWEDISH)
        self.assertEqual(doc.text("title", "en"), "Åre")
        self.assertEqual(doc.activities[0].text, SWEDISH)
        self.assertEqual(doc.to_dict(), data)
        yaml_text = doc.to_yaml()
        self.assertIn(SWEDISH, yaml_text)  # kept readable, not escaped
        self.assertEqual(pledge.loads(yaml_text).to_dict(), data)
        json_text = doc.to_json()
        self.assertEqual(json.loads(json_text), data)
        self.assertEqual(pledge.loads(json_text.encode("utf-8"), name="å.json"), doc)

    def test_loads_str_and_utf8_bytes(self) -> None:
        data = minimal_pledge()
        data["title"] = SWEDISH
        text = pledge.from_dict(data).to_yaml()
        self.assertEqual(pledge.loads(text).title, SWEDISH)
        self.assertEqual(pledge.loads(text.encode("utf-8")).title, SWEDISH)

    def test_file_names_and_diagnostics(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            folder = pathlib.Path(tmp) / "löften åäö"
            folder.mkdir()
            good = folder / "örebro.yaml"
            good.write_text(ALE.read_text(encoding="utf-8"), encoding="utf-8")
            doc = pledge.load(good)
            self.assertEqual(doc.file, str(good))
            bad = folder / "fel-ä.yaml"
            bad.write_text("format: pledge/1\ntitel: Målgång\n", encoding="utf-8")
            diags = pledge.validate(folder)
            self.assertEqual({d.file for d in diags}, {str(bad)})
            self.assertIn('"titel"', " ".join(d.message for d in diags))
            with self.assertRaises(FileNotFoundError) as cm:
                pledge.load(folder / "saknas-ö.yaml")
            self.assertEqual(cm.exception.filename, str(folder / "saknas-ö.yaml"))

    def test_messages_quote_the_text(self) -> None:
        with self.assertRaises(pledge.ValidationError) as cm:
            pledge.loads("format: pledge/1\nid: Ålesund\n", name="ålesund.yaml")
        messages = [str(d) for d in cm.exception.diagnostics]
        self.assertTrue(any("Ålesund" in m for m in messages), messages)
        self.assertTrue(all(m.startswith("ålesund.yaml:") for m in messages))

    def test_columns_count_code_points(self) -> None:
        with self.assertRaises(pledge.ValidationError) as cm:
            pledge.loads("format: pledge/1\nåäö: 1\n")
        keys = [d for d in cm.exception.diagnostics if d.code == "additionalProperties"]
        self.assertEqual((keys[0].line, keys[0].column), (2, 1))


if __name__ == "__main__":
    unittest.main()
