# SPDX-License-Identifier: MIT
"""pledge.read(): one validation session hands back each file in load
order with its diagnostics and its documents (None for invalid ones)."""
from __future__ import annotations

import os
import pathlib
import tempfile
import unittest

import pledge
from pledgetest import ALE, ALE_FOLLOW_UP, load_tests  # noqa: F401

BAD = "---\nformat: follow-up/1\n"


class ReadTest(unittest.TestCase):
    def setUp(self) -> None:
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = pathlib.Path(self._tmp.name)
        self.pledge_text = ALE.read_text(encoding="utf-8")
        self.follow_up_text = ALE_FOLLOW_UP.read_text(encoding="utf-8")

    def tearDown(self) -> None:
        self._tmp.cleanup()

    def write(self, name: str, text: str) -> pathlib.Path:
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def test_valid_and_invalid_documents_of_one_stream(self) -> None:
        # pledge, invalid, follow-up, and the pledge again (a duplicate id)
        path = self.write("stream.yaml", self.pledge_text + BAD + "---\n" + self.follow_up_text
                          + "---\n" + self.pledge_text)
        [f] = pledge.read(path)
        self.assertIsInstance(f, pledge.FileResult)
        self.assertEqual(f.path, str(path))
        self.assertEqual(len(f.documents), 4)
        p, bad, fu, dup = f.documents
        self.assertIsInstance(p, pledge.Pledge)
        self.assertEqual(p.id, pledge.load(ALE).id)
        self.assertIsNone(bad)
        self.assertIsInstance(fu, pledge.FollowUp)
        self.assertEqual(fu.pledge_id, p.id)
        self.assertIsNone(dup)  # valid alone, invalid by the cross-document check
        # the same diagnostics as validate(), in the same order
        self.assertEqual(f.diagnostics, pledge.validate(path))
        errors = {d.document for d in f.diagnostics if d.severity == "error"}
        self.assertEqual(errors, {1, 3})
        self.assertIn("pledge.duplicate-pledge", {d.code for d in f.diagnostics})
        # a document's warnings are its own
        for i, doc in enumerate(f.documents):
            if doc is not None:
                self.assertEqual(doc.warnings,
                                 [d for d in f.diagnostics if d.document == i])

    def test_files_in_load_order_and_folders(self) -> None:
        self.write("b/2.yaml", self.follow_up_text)
        self.write("b/1.yml", self.pledge_text)
        self.write("b/.hidden.yaml", BAD)
        self.write("b/notes.txt", "not read")
        single = self.write("a.yaml", self.follow_up_text)
        files = pledge.read(single, self.dir / "b", single)  # a file reached twice: once
        self.assertEqual([os.path.basename(f.path) for f in files], ["a.yaml", "1.yml", "2.yaml"])
        self.assertEqual([[type(d) for d in f.documents] for f in files],
                         [[pledge.FollowUp], [pledge.Pledge], [pledge.FollowUp]])
        self.assertEqual([d for f in files for d in f.diagnostics],
                         pledge.validate(single, self.dir / "b", single))

    def test_resolve(self) -> None:
        fu = self.write("fu.yaml", self.follow_up_text)
        [f] = pledge.read(fu)
        self.assertIsInstance(f.documents[0], pledge.FollowUp)
        [f] = pledge.read(fu, resolve=True)
        self.assertEqual(f.documents, [None])
        self.assertIn("follow-up.unknown-pledge", {d.code for d in f.diagnostics})

    def test_documents_outlive_the_call(self) -> None:
        path = self.write("p.yaml", self.pledge_text)
        docs = [d for f in pledge.read(path) for d in f.documents]
        self.assertEqual(docs[0].to_dict(), pledge.load(ALE).to_dict())

    def test_unreadable_and_missing_paths_are_diagnostics(self) -> None:
        missing = self.dir / "missing.yaml"
        [f] = pledge.read(missing)
        self.assertEqual(f.path, str(missing))
        self.assertEqual(f.documents, [])
        self.assertEqual([d.code for d in f.diagnostics], ["io.error"])
        empty = self.dir / "empty"
        empty.mkdir()
        [f] = pledge.read(empty)
        self.assertEqual([d.code for d in f.diagnostics], ["io.error"])

    def test_needs_a_path(self) -> None:
        with self.assertRaises(TypeError):
            pledge.read()


if __name__ == "__main__":
    unittest.main()
