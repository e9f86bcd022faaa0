# SPDX-License-Identifier: MIT
"""to_dict() equals an independent YAML 1.2 reading of the same file: PyYAML
(Debian's python3-yaml) with the core schema's resolvers."""
from __future__ import annotations

import math
import pathlib
import tempfile
import unittest

import pledge
from pledgetest import DATA, EXAMPLES, FULL, load_tests, read_yaml12  # noqa: F401


def same(a: object, b: object) -> bool:
    """Equality that also holds for NaN, and tells 1 from 1.0 and True."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b  # type: ignore[arg-type]
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)  # type: ignore[call-overload]
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))  # type: ignore[arg-type]
    return a == b


class Yaml12Test(unittest.TestCase):
    def assertSameData(self, path: pathlib.Path) -> None:
        docs = pledge.load_all(path)
        expected = read_yaml12(path)
        self.assertEqual(len(docs), len(expected))
        for doc, data in zip(docs, expected):
            self.assertTrue(same(doc.to_dict(), data), f"{path} document {doc.index} differs")

    def test_every_example(self) -> None:
        examples = sorted(EXAMPLES.glob("*.yaml")) + sorted(DATA.glob("*.yaml"))
        self.assertGreaterEqual(len(examples), 4)
        for path in examples:
            with self.subTest(file=path.name):
                self.assertSameData(path)

    def test_scalars_yaml_1_1_reads_differently(self) -> None:
        scalars = pledge.load(FULL).to_dict()["x-scalars"]
        self.assertEqual(scalars, read_yaml12(FULL)[0]["x-scalars"])
        expected = {"norwegian": "no", "yes-word": "yes", "on-word": "on", "leading-zero": 10,
                    "octal": 15, "hex": 31, "underscore": "1_000", "sexagesimal": "1:20",
                    "date": "2024-05-17", "datetime": "2024-05-17 10:00:00", "exponent": 1000.0,
                    "half": 0.5, "plus": 12, "tilde": None, "empty": None, "real-true": True,
                    "real-null": None, "quoted-true": "true"}
        for key, value in expected.items():
            with self.subTest(key=key):
                self.assertTrue(same(scalars[key], value), f"{scalars[key]!r} != {value!r}")

    def test_loader_really_reads_1_2(self) -> None:
        """The reference reading itself: YAML 1.1 would say False, 8, a date."""
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "s.yaml"
            path.write_text("a: no\nb: 010\nc: 2024-01-01\nd: 0o10\ne: .NaN\n", encoding="utf-8")
            data = read_yaml12(path)[0]
        self.assertEqual(data["a"], "no")
        self.assertEqual(data["b"], 10)
        self.assertEqual(data["c"], "2024-01-01")
        self.assertEqual(data["d"], 8)
        self.assertTrue(math.isnan(data["e"]))

    def test_stream_with_anchors(self) -> None:
        text = (EXAMPLES / "ale-2024.yaml").read_text(encoding="utf-8")
        text = text.replace("    kind: police\n", "    kind: police\n    x-same: &who {name: Åsa, roles: [a, b]}\n")
        text = text.replace("focus: >-", "x-again: *who\nfocus: >-")
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "anchors.yaml"
            path.write_text(text, encoding="utf-8")
            self.assertSameData(path)
            self.assertEqual(pledge.load(path).to_dict()["x-again"], {"name": "Åsa", "roles": ["a", "b"]})


if __name__ == "__main__":
    unittest.main()
