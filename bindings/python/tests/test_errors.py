# SPDX-License-Identifier: MIT
"""Each exception of the contract: what raises it and what it carries."""
from __future__ import annotations

import errno
import os
import pathlib
import tempfile
import unittest

import pledge
from pledgetest import ALE, ALE_FOLLOW_UP, EXAMPLES, FULL, load_tests  # noqa: F401


class HierarchyTest(unittest.TestCase):
    def test_classes(self) -> None:
        self.assertTrue(issubclass(pledge.Error, Exception))
        self.assertTrue(issubclass(pledge.ValidationError, pledge.Error))
        self.assertTrue(issubclass(pledge.SchemaError, pledge.Error))
        self.assertFalse(issubclass(pledge.SchemaError, pledge.ValidationError))
        self.assertFalse(issubclass(OSError, pledge.Error))


class ValidationErrorTest(unittest.TestCase):
    def test_invalid_file(self) -> None:
        path = EXAMPLES / "invalid" / "pledge.unknown-reference.yaml"
        with self.assertRaises(pledge.ValidationError) as cm:
            pledge.load(path)
        e = cm.exception
        self.assertEqual([d.code for d in e.diagnostics], ["pledge.unknown-reference"])
        self.assertIsInstance(e.diagnostics[0], pledge.Diagnostic)
        message = str(e)
        self.assertTrue(message.startswith(f"{path}: invalid data (1 error)"), message)
        self.assertIn(str(e.diagnostics[0]), message)

    def test_message_lists_the_first_few(self) -> None:
        text = "format: pledge/1\n" + "".join(f"x{i}: 1\n" for i in range(8))
        with self.assertRaises(pledge.ValidationError) as cm:
            pledge.loads(text, name="many.yaml")
        e = cm.exception
        errors = [d for d in e.diagnostics if d.severity == "error"]
        self.assertGreater(len(errors), 5)
        lines = str(e).splitlines()
        self.assertEqual(lines[0], f"many.yaml: invalid data ({len(errors)} errors)")
        self.assertEqual(len(lines), 1 + 5 + 1)
        self.assertEqual(lines[-1], f"  … and {len(errors) - 5} more")

    def test_every_invalid_example(self) -> None:
        """load_all() raises for exactly the examples pledge-validate fails
        (those that need --resolve aside), with the same diagnostics; the
        others load, their diagnostics as warnings."""
        for path in sorted((EXAMPLES / "invalid").glob("*.yaml")):
            if "--resolve" in path.read_text(encoding="utf-8"):
                continue
            expected = pledge.validate(path)
            with self.subTest(file=path.name):
                if any(d.severity == "error" for d in expected):
                    with self.assertRaises(pledge.ValidationError) as cm:
                        pledge.load_all(path)
                    self.assertEqual(cm.exception.diagnostics, expected)
                else:
                    docs = pledge.load_all(path)
                    self.assertEqual([w for d in docs for w in d.warnings], expected)

    def test_warnings_do_not_raise(self) -> None:
        doc = pledge.load(EXAMPLES / "invalid" / "yaml.ambiguous-scalar.language-no.yaml")
        self.assertEqual({d.code for d in doc.warnings}, {"yaml.ambiguous-scalar"})

    def test_syntax_error(self) -> None:
        with self.assertRaises(pledge.ValidationError) as cm:
            pledge.loads("format: pledge/1\ntitle: [unclosed\n")
        self.assertEqual(cm.exception.diagnostics[-1].code, "yaml.syntax")

    def test_load_all_lists_every_problem(self) -> None:
        stream = ("format: pledge/1\nid: a\n---\n" + ALE.read_text(encoding="utf-8")
                  + "\n---\nformat: nothing/1\n")
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "stream.yaml"
            path.write_text(stream, encoding="utf-8")
            with self.assertRaises(pledge.ValidationError) as cm:
                pledge.load_all(path)
        docs = {d.document for d in cm.exception.diagnostics}
        self.assertEqual(docs, {0, 2})

    def test_load_all_checks_the_stream_together(self) -> None:
        follow_up = ALE_FOLLOW_UP.read_text(encoding="utf-8").replace(
            "activity: informera", "activity: informera-alla")
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "stream.yaml"
            path.write_text(ALE.read_text(encoding="utf-8") + "\n---\n" + follow_up, encoding="utf-8")
            with self.assertRaises(pledge.ValidationError) as cm:
                pledge.load_all(path)
        self.assertEqual([(d.code, d.document) for d in cm.exception.diagnostics],
                         [("follow-up.unknown-reference", 1)])

    def test_can_be_raised_by_users(self) -> None:
        d = pledge.validate("no-such-file.yaml")[0]
        e = pledge.ValidationError([d])
        self.assertEqual(e.diagnostics, [d])
        self.assertIn("no-such-file.yaml", str(e))
        self.assertEqual(str(pledge.ValidationError([], "custom")), "custom")


class ErrorTest(unittest.TestCase):
    def test_not_exactly_one_document(self) -> None:
        text = ALE.read_text(encoding="utf-8")
        with self.assertRaises(pledge.Error) as cm:
            pledge.loads(text + "\n---\n" + text.replace("id: ale-2024", "id: ale-2025"))
        self.assertNotIsInstance(cm.exception, pledge.ValidationError)
        self.assertIn("expected exactly one document, found 2 documents", str(cm.exception))
        with self.assertRaises(pledge.Error) as cm:
            pledge.loads("", name="empty.yaml")
        self.assertIn("empty.yaml", str(cm.exception))
        with self.assertRaises(pledge.Error):
            pledge.loads("# only a comment\n")

    def test_json_refuses_infinity(self) -> None:
        with self.assertRaises(pledge.Error) as cm:
            pledge.load(FULL).to_json()
        self.assertNotIsInstance(cm.exception, pledge.ValidationError)
        self.assertIn("infinite", str(cm.exception))


class SchemaErrorTest(unittest.TestCase):
    def test_invalid_schema(self) -> None:
        with self.assertRaises(pledge.SchemaError) as cm:
            pledge.Schema.from_string('{"type": 3}', name="bad.json")
        e = cm.exception
        self.assertEqual([d.code for d in e.diagnostics], ["schema.invalid"])
        self.assertTrue(str(e).startswith("bad.json: invalid schema (1 error)"), str(e))

    def test_unparsable_schema(self) -> None:
        with self.assertRaises(pledge.SchemaError) as cm:
            pledge.Schema.from_string("{", name="bad.json")
        self.assertEqual(cm.exception.diagnostics[0].code, "json.syntax")

    def test_unresolvable_ref(self) -> None:
        with self.assertRaises(pledge.SchemaError):
            pledge.Schema.from_string('{"$ref": "https://example.org/elsewhere.json"}')


class OSErrorTest(unittest.TestCase):
    def test_missing_file(self) -> None:
        for call in (pledge.load, pledge.load_all, pledge.Schema.from_file):
            with self.subTest(call=call.__qualname__):
                with self.assertRaises(FileNotFoundError) as cm:
                    call("no-such-file.yaml")
                self.assertEqual(cm.exception.errno, errno.ENOENT)
                self.assertEqual(cm.exception.filename, "no-such-file.yaml")

    def test_folder(self) -> None:
        with self.assertRaises(IsADirectoryError) as cm:
            pledge.load(EXAMPLES)
        self.assertEqual(cm.exception.errno, errno.EISDIR)

    @unittest.skipIf(hasattr(os, "geteuid") and os.geteuid() == 0, "root reads any file")
    def test_unreadable(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp) / "secret.yaml"
            path.write_text("format: pledge/1\n", encoding="utf-8")
            path.chmod(0)
            with self.assertRaises(PermissionError) as cm:
                pledge.load(path)
            self.assertEqual(cm.exception.errno, errno.EACCES)
            self.assertEqual([d.code for d in pledge.validate(path)], ["io.error"])

    def test_validate_never_raises_for_files(self) -> None:
        diags = pledge.validate("no-such-file.yaml", EXAMPLES / "invalid")
        self.assertEqual(diags[0].code, "io.error")
        self.assertEqual((diags[0].line, diags[0].column), (0, 0))


class MisuseTest(unittest.TestCase):
    def test_wrong_argument_types(self) -> None:
        with self.assertRaises(TypeError):
            pledge.load(42)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            pledge.loads(42)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            pledge.validate(42)  # type: ignore[arg-type]
        with self.assertRaises(ValueError):
            pledge.load("nul\0byte.yaml")

    def test_names_with_nul_and_wrong_ref_dirs(self) -> None:
        with self.assertRaises(ValueError):
            pledge.loads("format: pledge/1\n", name="a\0b")
        schema = pledge.Schema.from_string("{}")
        with self.assertRaises(ValueError):
            schema.validate_string("1", name="a\0b")
        with self.assertRaises(TypeError):
            pledge.Schema.from_string("{}", ref_dirs=1)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            pledge.Schema.from_file("s.json", ref_dirs=["a", "b"])  # type: ignore[arg-type]

    def test_oserror_errno_comes_from_the_library(self) -> None:
        with self.assertRaises(FileNotFoundError) as cm:
            pledge.load("no/such/file.yaml")
        self.assertEqual(cm.exception.errno, errno.ENOENT)
        with self.assertRaises(FileNotFoundError):
            pledge.Schema.from_file("no/such/schema.json")


if __name__ == "__main__":
    unittest.main()
