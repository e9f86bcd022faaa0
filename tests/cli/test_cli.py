# SPDX-License-Identifier: MIT
"""Tests of the pledge-validate binary, run as a user runs it.

Every option, every output format (the JSON, SARIF and JUnit output parsed,
the JSON validated against schema/pledge-validate-output-1.schema.json),
every exit status and their precedence, folders, standard input, limits,
cross-file checks, and the exact file:line:col of the mistakes listed by
"# expect: LINE COL CODE" lines in examples/invalid/ and tests/cli/data/.

    test_cli.py --binary PATH --source-dir DIR [unittest arguments]

The last line of the output is "N passed, N failed".
"""
import argparse
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

BIN = None
SRC = None
DATA = None

TEXT_LINE = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: (?P<sev>error|warning): "
    r"(?P<msg>.*) \[(?P<code>[^\]]+)\](?: at (?P<path>/.*))?$")
SUMMARY = re.compile(
    r"^(\d+) files?, (\d+) documents?: (\d+) invalid, (\d+) errors?, (\d+) warnings?$")
ANSI = "\x1b["


class Run:
    def __init__(self, proc, elapsed):
        self.code = proc.returncode
        self.out = proc.stdout.decode("utf-8", "surrogateescape")
        self.err = proc.stderr.decode("utf-8", "surrogateescape")
        self.elapsed = elapsed

    def json(self):
        return json.loads(self.out)

    def lines(self):
        return [l for l in self.out.split("\n") if l]

    def summary(self):
        last = [l for l in self.err.split("\n") if l][-1]
        m = SUMMARY.match(last)
        if not m:
            raise AssertionError("no summary line in stderr: %r" % self.err)
        return tuple(int(g) for g in m.groups())

    def __repr__(self):
        return "exit %d\n--- stdout\n%s--- stderr\n%s" % (self.code, self.out[:4000],
                                                           self.err[:4000])


def run(args, stdin=b"", env=None, cwd=None, timeout=120):
    e = dict(os.environ)
    for k in ("GITHUB_ACTIONS", "NO_COLOR"):
        e.pop(k, None)
    if env:
        e.update(env)
    t0 = time.monotonic()
    p = subprocess.run([BIN] + list(args), input=stdin, capture_output=True, env=e,
                       cwd=SRC if cwd is None else cwd, timeout=timeout)
    return Run(p, time.monotonic() - t0)


def data(*parts):
    return os.path.join("tests", "cli", "data", *parts)


def read(path):
    with open(os.path.join(SRC, path), encoding="utf-8") as f:
        return f.read()


def diags(result):
    """Every diagnostic of a JSON result, flattened."""
    return [d for f in result["files"] for d in f["diagnostics"]]


def triples(result):
    return {(d["line"], d["column"], d["code"]) for d in diags(result)}


PLEDGE = None       # text of tests/cli/data/valid/pledge.yaml
FOLLOW_UP = None    # text of tests/cli/data/valid/follow-up.yaml


def pledge_text(pid="test-2024", replace=()):
    text = PLEDGE.replace("id: test-2024", "id: " + pid, 1)
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def position(text, needle, nth=0):
    """1-based line and column (in code points) of the nth needle."""
    idx = -1
    for _ in range(nth + 1):
        idx = text.index(needle, idx + 1)
    before = text[:idx]
    line = before.count("\n") + 1
    col = idx - (before.rfind("\n") + 1) + 1
    return line, col


class Temp(unittest.TestCase):
    """A test with a temporary folder."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pv-cli-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, content, mode="w"):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, bytes):
            with open(path, "wb") as f:
                f.write(content)
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(content)
        return path


# ---------------------------------------------------------------------------
class TestInformation(unittest.TestCase):
    def test_help(self):
        for flag in ("--help", "-h"):
            r = run([flag])
            self.assertEqual(r.code, 0, r)
            self.assertIn("Usage: pledge-validate", r.out)
            for line in r.out.split("\n"):
                self.assertLessEqual(len(line), 79, line)
            for opt in ("--format", "--color", "--excerpt", "--quiet", "--verbose",
                        "--strict", "--resolve", "--jobs", "--schema", "--ref-dir",
                        "--assert-formats", "--exclude", "--max-depth",
                        "--max-alias-expansion", "--max-file-bytes", "--list-codes",
                        "--print-schema", "--version", "--help"):
                self.assertIn(opt, r.out)

    def test_version(self):
        for flag in ("--version", "-V"):
            r = run([flag])
            self.assertEqual(r.code, 0, r)
            self.assertRegex(r.out, r"^pledge-validate \d+\.\d+\.\d+ \(libpledge \d+\.\d+\.\d+\)\n$")

    def test_list_codes(self):
        r = run(["--list-codes"])
        self.assertEqual(r.code, 0, r)
        table = {}
        for line in r.lines():
            m = re.match(r"^(\S+)\s+(error|warning)\s+(\S.*)$", line)
            self.assertTrue(m, line)
            table[m.group(1)] = m.group(2)
        for code in ("yaml.syntax", "json.syntax", "yaml.unknown-tag", "yaml.complex-key",
                     "yaml.undefined-alias", "yaml.duplicate-key", "yaml.merge-key",
                     "yaml.invalid-utf8", "yaml.limit", "io.error", "schema.invalid",
                     "schema.regex-limit", "pledge.unknown-format", "pledge.duplicate-id",
                     "pledge.unknown-reference", "pledge.period-order", "pledge.direction",
                     "pledge.missing-language", "pledge.percent-range",
                     "pledge.duplicate-pledge", "follow-up.unknown-pledge",
                     "follow-up.unknown-reference", "follow-up.period-order",
                     "follow-up.duplicate-entry", "follow-up.missing-value",
                     "pledge.area-conflict", "follow-up.undated", "follow-up.unknown-party",
                     "required", "type", "enum", "const", "additionalProperties",
                     "pattern", "format", "minItems", "oneOf"):
            self.assertEqual(table.get(code), "error", code)
        for code in ("yaml.ambiguous-scalar", "yaml.unicode-line-break", "yaml.float-underflow",
                     "pledge.unused-party", "pledge.no-indicator", "pledge.no-goal",
                     "follow-up.unchecked",
                     "follow-up.outside-pledge", "follow-up.undocumented-done"):
            self.assertEqual(table.get(code), "warning", code)
        self.assertEqual(list(table), sorted(table))
        j = run(["--list-codes", "--format", "json"])
        self.assertEqual(j.code, 0, j)
        self.assertEqual({c["code"]: c["severity"] for c in j.json()}, table)
        self.assertTrue(all(c["description"] for c in j.json()))

    def test_print_schema(self):
        import yaml
        import jsonschema

        class Core(yaml.SafeLoader):
            """YAML 1.2-like: dates stay strings."""
        Core.yaml_implicit_resolvers = {
            k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
            for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        for fmt, doc in (("pledge/1", "pledge.yaml"), ("follow-up/1", "follow-up.yaml")):
            r = run(["--print-schema", fmt])
            self.assertEqual(r.code, 0, r)
            schema = json.loads(r.out)
            self.assertEqual(schema["$schema"], "https://json-schema.org/draft/2020-12/schema")
            jsonschema.Draft202012Validator.check_schema(schema)
            instance = yaml.load(read(data("valid", doc)), Loader=Core)
            jsonschema.Draft202012Validator(schema).validate(instance)
        r = run(["--print-schema", "pledge/9"])
        self.assertEqual(r.code, 2, r)
        self.assertIn("--help", r.err)
        self.assertEqual(r.out, "")


# ---------------------------------------------------------------------------
class TestUsage(Temp):
    def assertUsage(self, args, stdin=b""):
        r = run(args, stdin=stdin)
        self.assertEqual(r.code, 2, r)
        self.assertEqual(r.out, "", r)
        self.assertIn("Try 'pledge-validate --help'", r.err)
        return r

    def test_usage_errors(self):
        valid = data("valid", "pledge.yaml")
        self.assertUsage([])
        self.assertUsage(["--frobnicate", valid])
        r = self.assertUsage(["--fromat", "json", valid])
        self.assertIn("--format", r.err)  # did you mean
        self.assertUsage(["-x", valid])
        self.assertUsage(["--format", "xml", valid])
        self.assertUsage(["--format"])
        self.assertUsage(["--color", "sometimes", valid])
        self.assertUsage(["--jobs", "many", valid])
        self.assertUsage(["--jobs", "-1", valid])
        self.assertUsage(["--max-depth", "0", valid])
        self.assertUsage(["--max-depth", "ten", valid])
        self.assertUsage(["--max-alias-expansion", "1e5", valid])
        self.assertUsage(["--max-file-bytes", "12XB", valid])
        self.assertUsage(["--max-file-bytes", "0", valid])
        self.assertUsage(["--strict=yes", valid])
        self.assertUsage(["--schema", "a.json", "--schema", "b.json", valid])
        self.assertUsage(["--schema", data("schema", "local.schema.yaml"), "--ref-dir",
                          "no-equals-sign", valid])
        self.assertUsage(["--ref-dir", "https://example.org/=x", valid])
        self.assertUsage([""])

    def test_path_without_files_is_usage_error(self):
        os.makedirs(os.path.join(self.tmp, "empty"))
        self.write("hidden/.only.yaml", PLEDGE)
        self.write("other/readme.txt", "text")
        self.write("excluded/a.yaml", PLEDGE)
        for args in ([os.path.join(self.tmp, "empty")], [os.path.join(self.tmp, "hidden")],
                     [os.path.join(self.tmp, "other")],
                     ["--exclude", "a.yaml", os.path.join(self.tmp, "excluded")],
                     [data("valid", "pledge.yaml"), os.path.join(self.tmp, "empty")]):
            r = self.assertUsage(args)
            self.assertIn("no *.yaml or *.yml file", r.err)

    def test_options_after_paths_and_double_dash(self):
        r = run([data("valid", "pledge.yaml"), "--format", "json", "-q"])
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.json()["summary"]["files"], 1)
        self.assertEqual(r.err, "")
        # after --, "-q" is a path (which does not exist: io.error, 2)
        r = run(["--format=json", "--", data("valid", "pledge.yaml"), "-q"])
        self.assertEqual(r.code, 2, r)
        self.assertEqual([f["path"] for f in r.json()["files"]],
                         [data("valid", "pledge.yaml"), "-q"])
        # clustered short options with a value: -qfjson, -j1
        r = run(["-qfjson", "-j1", data("valid", "pledge.yaml")])
        self.assertEqual((r.code, r.err), (0, ""), r)
        self.assertEqual(r.json()["summary"]["documents"], 1)


# ---------------------------------------------------------------------------
class TestStatus(Temp):
    def test_valid(self):
        r = run([data("valid", "pledge.yaml"), data("valid", "follow-up.yaml")])
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.out, "")
        self.assertEqual(r.err, "2 files, 2 documents: 0 invalid, 0 errors, 0 warnings\n")

    def test_precedence(self):
        valid = data("valid", "pledge.yaml")
        invalid = data("invalid", "enum.party-kind.yaml")
        warning = data("invalid", "yaml.ambiguous-scalar.octal.yaml")
        missing = os.path.join(self.tmp, "missing.yaml")
        cases = [
            ([valid], 0), ([invalid], 1), ([valid, invalid], 1), ([invalid, valid], 1),
            ([missing], 2), ([valid, missing], 2), ([invalid, missing], 2),
            ([missing, invalid], 2), ([warning], 0), (["--strict", warning], 1),
            (["--strict", warning, missing], 2), (["--strict", valid], 0),
            (["--bogus", invalid], 2),
            (["--schema", data("schema", "invalid.schema.json"), invalid], 2),
            (["--schema", os.path.join(self.tmp, "nope.json"), valid], 2),
        ]
        for args, status in cases:
            r = run(args)
            self.assertEqual(r.code, status, (args, r))
        # 2 wins over 1, and the invalid file is still reported
        r = run(["--format", "json", invalid, missing])
        self.assertEqual(r.code, 2)
        files = r.json()["files"]
        self.assertEqual([f["valid"] for f in files], [False, False])
        self.assertIn("enum", {d["code"] for d in files[0]["diagnostics"]})

    def test_unreadable_file(self):
        missing = os.path.join(self.tmp, "missing.yaml")
        r = run([missing])
        self.assertEqual(r.code, 2, r)
        self.assertRegex(r.out, "^" + re.escape(missing) + r": error: .* \[io\.error\]\n$")
        j = run(["--format", "json", missing]).json()
        f = j["files"][0]
        self.assertEqual((f["path"], f["valid"], f["documents"]), (missing, False, 0))
        d = f["diagnostics"][0]
        self.assertEqual((d["code"], d["line"], d["column"], d["document"]),
                         ("io.error", 0, 0, 0))
        self.assertEqual(j["summary"], {"files": 1, "documents": 0, "valid": 0,
                                        "invalid": 0, "errors": 1, "warnings": 0})

    def test_unreadable_folder(self):
        if os.geteuid() == 0:
            self.skipTest("root reads every folder")
        self.write("d/a.yaml", PLEDGE)
        self.write("d/locked/b.yaml", PLEDGE)
        os.chmod(os.path.join(self.tmp, "d", "locked"), 0)
        try:
            r = run(["--format", "json", os.path.join(self.tmp, "d")])
        finally:
            os.chmod(os.path.join(self.tmp, "d", "locked"), 0o755)
        self.assertEqual(r.code, 2, r)
        self.assertEqual(diags(r.json())[-1]["code"], "io.error")

    def test_empty_files(self):
        r = run(["--format", "json", data("valid", "empty.yaml"),
                 data("valid", "comments-only.yaml")])
        self.assertEqual(r.code, 0, r)
        j = r.json()
        self.assertEqual([(f["documents"], f["valid"]) for f in j["files"]],
                         [(0, True), (0, True)])
        self.assertEqual(r.summary(), (2, 0, 0, 0, 0))

    def test_summary_counts(self):
        missing = os.path.join(self.tmp, "missing.yaml")
        multi = data("invalid", "multi.two-mistakes-two-documents.yaml")
        r = run(["--format", "json", data("valid", "pledge.yaml"), multi,
                 data("valid", "empty.yaml"), missing])
        self.assertEqual(r.code, 2, r)
        j = r.json()
        self.assertEqual([f["valid"] for f in j["files"]], [True, False, True, False])
        self.assertEqual([f["documents"] for f in j["files"]], [1, 2, 0, 0])
        errors = sum(d["severity"] == "error" for d in diags(j))
        warnings = sum(d["severity"] == "warning" for d in diags(j))
        self.assertEqual(j["summary"], {"files": 4, "documents": 3, "valid": 1,
                                        "invalid": 2, "errors": errors,
                                        "warnings": warnings})
        self.assertEqual(r.summary(), (4, 3, 2, errors, warnings))
        self.assertEqual({d["document"] for d in j["files"][1]["diagnostics"]}, {0, 1})

    def test_strict(self):
        warning = data("invalid", "yaml.ambiguous-scalar.octal.yaml")
        r = run(["--format", "json", warning])
        self.assertEqual(r.code, 0, r)
        j = r.json()
        self.assertTrue(j["files"][0]["valid"])
        self.assertEqual((j["summary"]["valid"], j["summary"]["warnings"]), (1, 1))
        r = run(["--format", "json", "--strict", warning])
        self.assertEqual(r.code, 1, r)
        j = r.json()
        self.assertFalse(j["files"][0]["valid"])
        self.assertEqual((j["summary"]["invalid"], j["summary"]["errors"]), (1, 0))
        self.assertEqual(diags(j)[0]["severity"], "warning")

    def test_quiet(self):
        for flag in ("--quiet", "-q"):
            r = run([flag, data("invalid", "enum.party-kind.yaml")])
            self.assertEqual(r.code, 1, r)
            self.assertEqual(r.err, "")
            self.assertNotEqual(r.out, "")


# ---------------------------------------------------------------------------
class TestFormats(Temp):
    def mixed(self):
        """Arguments giving errors, warnings, a valid file and an unreadable one."""
        return [data("valid", "pledge.yaml"), data("invalid", "enum.party-kind.yaml"),
                data("invalid", "yaml.ambiguous-scalar.octal.yaml"),
                data("invalid", "multi.two-mistakes-two-documents.yaml"),
                os.path.join(self.tmp, "missing.yaml")]

    def test_text(self):
        r = run(self.mixed())
        self.assertEqual(r.code, 2, r)
        json_diags = diags(run(["--format", "json"] + self.mixed()).json())
        lines = r.lines()
        self.assertEqual(len(lines), len(json_diags))
        for line, d in zip(lines, json_diags):
            m = TEXT_LINE.match(line)
            self.assertTrue(m, line)
            self.assertEqual(m.group("file"), d["file"])
            self.assertEqual(int(m.group("line") or 0), d["line"])
            self.assertEqual(int(m.group("col") or 0), d["column"])
            self.assertEqual(m.group("sev"), d["severity"])
            self.assertEqual(m.group("code"), d["code"])
            self.assertEqual(m.group("msg"), d["message"])
            self.assertEqual(m.group("path") or "", d["instance_path"])
        self.assertNotIn(ANSI, r.out)

    def test_json_against_schema(self):
        import jsonschema
        with open(os.path.join(SRC, "schema", "pledge-validate-output-1.schema.json")) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for args in (self.mixed(), [data("valid", "pledge.yaml")], ["examples"],
                     [data("invalid")]):
            r = run(["--format", "json"] + args)
            j = r.json()
            validator.validate(j)
            self.assertEqual(j["version"], 1)
            s = j["summary"]
            self.assertEqual(s["files"], len(j["files"]))
            self.assertEqual(s["documents"], sum(f["documents"] for f in j["files"]))
            self.assertEqual(s["valid"] + s["invalid"], s["documents"])
            self.assertEqual(s["errors"], sum(d["severity"] == "error" for d in diags(j)))
            for f in j["files"]:
                keys = [(d["document"], d["line"], d["column"]) for d in f["diagnostics"]]
                self.assertEqual(keys, sorted(keys), f["path"])
                for d in f["diagnostics"]:
                    self.assertEqual(d["file"], f["path"])

    def test_json_escaping(self):
        path = self.write("q\"uote\\s.yaml", pledge_text(replace=[
            ("    kind: police\n", '    kind: "pol\\"is\\\\en\\t\\u0001\\n"\n')]))
        r = run(["--format", "json", path])
        self.assertEqual(r.code, 1, r)
        j = r.json()
        self.assertEqual(j["files"][0]["path"], path)
        self.assertIn("enum", {d["code"] for d in diags(j)})

    def test_github(self):
        r = run(["--format", "github"] + self.mixed())
        self.assertEqual(r.code, 2, r)
        j = diags(run(["--format", "json"] + self.mixed()).json())
        lines = r.lines()
        self.assertEqual(len(lines), len(j))
        cmd = re.compile(r"^::(error|warning) file=([^,:]+)(?:,line=(\d+))?(?:,col=(\d+))?"
                         r",title=([^,:]+)::(.*)$")
        for line, d in zip(lines, j):
            m = cmd.match(line)
            self.assertTrue(m, line)
            self.assertEqual(m.group(1), d["severity"])
            self.assertEqual(m.group(2), d["file"])
            self.assertEqual(int(m.group(3) or 0), d["line"])
            self.assertEqual(int(m.group(4) or 0), d["column"])
            self.assertEqual(m.group(5), d["code"])
            self.assertEqual(m.group(6), d["message"].replace("%", "%25"))
            if d["line"] == 0:
                self.assertNotIn(",line=", line)
        # GITHUB_ACTIONS=true makes github the default; --format wins
        r = run(self.mixed(), env={"GITHUB_ACTIONS": "true"})
        self.assertTrue(all(l.startswith("::") for l in r.lines()), r)
        r = run(["--format", "text"] + self.mixed(), env={"GITHUB_ACTIONS": "true"})
        self.assertFalse(any(l.startswith("::") for l in r.lines()), r)
        r = run(self.mixed(), env={"GITHUB_ACTIONS": "false"})
        self.assertFalse(any(l.startswith("::") for l in r.lines()), r)

    def test_github_escaping(self):
        path = self.write("we,ird:name%.yaml", pledge_text(replace=[
            ("    kind: police\n", '    kind: "50%\\r\\nmore"\n')]))
        r = run(["--format", "github", path])
        self.assertEqual(r.code, 1, r)
        lines = r.lines()
        self.assertEqual(len(lines), len(diags(run(["--format", "json", path]).json())))
        esc = path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        for line in lines:
            self.assertTrue(line.startswith("::error file=" + esc + ",line="), line)
            self.assertNotIn("\r", line)
            for m in re.finditer("%", line):
                self.assertIn(line[m.start():m.start() + 3], ("%25", "%0D", "%0A", "%3A",
                                                              "%2C"), line)

    def test_sarif(self):
        r = run(["--format", "sarif"] + self.mixed())
        self.assertEqual(r.code, 2, r)
        s = r.json()
        j = diags(run(["--format", "json"] + self.mixed()).json())
        self.assertEqual(s["version"], "2.1.0")
        self.assertIn("sarif-schema-2.1.0.json", s["$schema"])
        self.assertEqual(len(s["runs"]), 1)
        run0 = s["runs"][0]
        driver = run0["tool"]["driver"]
        self.assertEqual(driver["name"], "pledge-validate")
        self.assertRegex(driver["version"], r"^\d+\.\d+\.\d+$")
        if "informationUri" in driver:  # optional; set by packagers
            self.assertRegex(driver["informationUri"], r"^https?://")
        rules = driver["rules"]
        ids = [rule["id"] for rule in rules]
        self.assertEqual(len(ids), len(set(ids)))
        for rule in rules:
            self.assertTrue(rule["shortDescription"]["text"])
        listed = [l.split()[0] for l in run(["--list-codes"]).lines()]
        self.assertTrue(set(listed) <= set(ids))
        self.assertEqual(run0["columnKind"], "unicodeCodePoints")
        results = run0["results"]
        self.assertEqual(len(results), len(j))
        for res, d in zip(results, j):
            self.assertEqual(res["ruleId"], d["code"])
            self.assertEqual(rules[res["ruleIndex"]]["id"], d["code"])
            self.assertEqual(res["level"], d["severity"])
            self.assertEqual(res["message"]["text"], d["message"])
            loc = res["locations"][0]["physicalLocation"]
            self.assertEqual(loc["artifactLocation"]["uri"].replace("file://", ""),
                             d["file"])
            if d["line"]:
                self.assertEqual(loc["region"]["startLine"], d["line"])
                self.assertEqual(loc["region"]["startColumn"], d["column"])
            else:
                self.assertNotIn("region", loc)
        # a path that is no valid URI as it stands is percent-encoded
        path = self.write("a b:c.yaml", pledge_text(replace=[("kind: police", "kind: x")]))
        rel = os.path.relpath(path, self.tmp)
        s = run(["--format", "sarif", rel], cwd=self.tmp).json()
        uri = s["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"]["uri"]
        self.assertEqual(uri, "a%20b%3Ac.yaml")

    def test_junit(self):
        r = run(["--format", "junit"] + self.mixed())
        self.assertEqual(r.code, 2, r)
        j = run(["--format", "json"] + self.mixed()).json()
        root = ET.fromstring(r.out.encode("utf-8"))
        suites = root.findall("testsuite") if root.tag == "testsuites" else [root]
        self.assertEqual(len(suites), 1)
        suite = suites[0]
        cases = suite.findall("testcase")
        self.assertEqual([c.get("name") for c in cases], [f["path"] for f in j["files"]])
        self.assertEqual(int(suite.get("tests")), len(j["files"]))
        self.assertEqual(int(suite.get("failures")), sum(not f["valid"] for f in j["files"]))
        for case, f in zip(cases, j["files"]):
            failures = case.findall("failure")
            self.assertEqual(len(failures), 0 if f["valid"] else 1, f["path"])
            if failures:
                text = failures[0].text
                for d in f["diagnostics"]:
                    self.assertIn("[%s]" % d["code"], text)
                    self.assertIn(d["message"], text)

    def test_junit_escaping(self):
        path = self.write("a&b<c>\"d'e.yaml", pledge_text(replace=[
            ("    kind: police\n", '    kind: "<&>\\"\'\\u0001\\u0008\\uFFFE\\r"\n')]))
        r = run(["--format", "junit", path])
        self.assertEqual(r.code, 1, r)
        root = ET.fromstring(r.out.encode("utf-8"))
        case = root.find(".//testcase")
        self.assertEqual(case.get("name"), path)
        self.assertIn("[enum]", case.find("failure").text)
        for bad in ("\x01", "\x08", "\ufffe"):
            self.assertNotIn(bad, r.out)


# ---------------------------------------------------------------------------
class TestColour(Temp):
    def caret_case(self):
        # "å" is two bytes, one code point: the caret must count code points.
        text = pledge_text(replace=[
            ("  - id: polis\n    name: Lokalpolisområde Test\n    kind: police\n",
             "  - {name: Polisområde å, id: polis, kind: polisen}\n")])
        path = self.write("caret.yaml", text)
        line, col = position(text, "polisen}")
        return path, text, line, col

    def check_excerpt(self, out, text, line, col):
        lines = out.split("\n")
        head = [i for i, l in enumerate(lines) if ":%d:%d:" % (line, col) in l]
        self.assertTrue(head, out)
        i = head[0]
        strip = lambda s: re.sub(r"\x1b\[[0-9;]*m", "", s)
        src, caret = strip(lines[i + 1]), strip(lines[i + 2])
        self.assertEqual(src.split(" | ", 1)[0].strip(), str(line))
        self.assertEqual(src.split(" | ", 1)[1], text.split("\n")[line - 1])
        prefix = len(src.split(" | ", 1)[0]) + 3
        self.assertEqual(caret.index("^") - prefix, col - 1, (src, caret))

    def test_always(self):
        path, text, line, col = self.caret_case()
        for args in (["--color=always"], ["--color", "always"], ["--colour=always"]):
            r = run(args + [path], env={"NO_COLOR": "1"})
            self.assertEqual(r.code, 1, r)
            self.assertIn(ANSI, r.out)
            self.check_excerpt(r.out, text, line, col)

    def test_never_and_excerpt(self):
        path, text, line, col = self.caret_case()
        r = run(["--color=never", path])
        self.assertNotIn(ANSI, r.out)
        self.assertNotIn(" | ", r.out)
        r = run(["--color=never", "--excerpt", path])
        self.assertNotIn(ANSI, r.out)
        self.check_excerpt(r.out, text, line, col)
        # auto, not a terminal: plain
        r = run(["--color=auto", path])
        self.assertNotIn(ANSI, r.out)
        # other formats are never coloured
        r = run(["--color=always", "--format", "json", path])
        self.assertNotIn(ANSI, r.out)
        r.json()

    def test_excerpt_stdin(self):
        path, text, line, col = self.caret_case()
        r = run(["--excerpt", "-"], stdin=text.encode("utf-8"))
        self.assertEqual(r.code, 1, r)
        self.assertIn("<stdin>:%d:%d:" % (line, col), r.out)
        self.check_excerpt(r.out, text, line, col)

    def run_tty(self, args, env):
        e = dict(os.environ)
        e.pop("NO_COLOR", None)
        e.pop("GITHUB_ACTIONS", None)
        e.update(env)
        try:
            master, slave = pty.openpty()
        except OSError as err:
            # Containers and chroots may have no pty devices at all: that
            # is the machine, not a fault of the tool.
            self.skipTest("no pseudo-terminal can be opened here: %s" % err)
        p = subprocess.Popen([BIN] + args, stdout=slave, stderr=subprocess.DEVNULL,
                             cwd=SRC, env=e)
        os.close(slave)
        out = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        p.wait(timeout=60)
        os.close(master)
        return out.decode("utf-8", "replace")

    def test_auto_on_terminal(self):
        path, text, line, col = self.caret_case()
        out = self.run_tty([path], {"TERM": "xterm"})
        self.assertIn(ANSI, out)
        self.assertIn("^", out)
        out = self.run_tty([path], {"TERM": "xterm", "NO_COLOR": "1"})
        self.assertNotIn(ANSI, out)
        out = self.run_tty(["--color=never", path], {"TERM": "xterm"})
        self.assertNotIn(ANSI, out)

    def test_control_characters_are_escaped(self):
        path = self.write("ctl.yaml", pledge_text(replace=[
            ("    kind: police\n", '    kind: "\\e[31mred\\nline"\n')]))
        r = run([path])
        self.assertEqual(r.code, 1, r)
        self.assertNotIn("\x1b", r.out)
        for line in r.lines():
            self.assertRegex(line, TEXT_LINE)


# ---------------------------------------------------------------------------
class TestPaths(Temp):
    def tree(self):
        ids = iter(range(100))
        good = lambda: pledge_text("walk-%d" % next(ids))
        bad = "format: pledge/1\n"
        self.write("root/a.yaml", good())
        self.write("root/a-c.yaml", good())
        self.write("root/a/b.yaml", good())
        self.write("root/notes.txt", bad)
        self.write("root/x.json", "{")
        self.write("root/UPPER.YAML", bad)
        self.write("root/.hidden.yaml", bad)
        self.write("root/.git/h.yaml", bad)
        self.write("root/sub/d.yml", good())
        self.write("root/sub/deeper/e.yaml", good())
        self.write("root/skip/s.yaml", bad)
        self.write("root/sub/skip-me.yaml", bad)
        os.symlink("..", os.path.join(self.tmp, "root", "sub", "loop"))
        os.symlink("sub", os.path.join(self.tmp, "root", "linkdir"))
        os.symlink("a.yaml", os.path.join(self.tmp, "root", "link.yaml"))
        os.symlink("z.yaml", os.path.join(self.tmp, "root", "zz-dangling.txt"))
        return os.path.join(self.tmp, "root")

    def paths(self, args, **kw):
        r = run(["--format", "json"] + args, **kw)
        return r, [f["path"] for f in r.json()["files"]]

    def test_walk_order_and_skips(self):
        self.tree()
        r, paths = self.paths(["--exclude", "skip", "--exclude", "*-me.yaml", "root"],
                              cwd=self.tmp)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(paths, ["root/a-c.yaml", "root/a.yaml", "root/a/b.yaml",
                                 "root/sub/d.yml", "root/sub/deeper/e.yaml"])

    def test_trailing_slash_and_dot(self):
        self.tree()
        _, paths = self.paths(["--exclude", "*skip*", "root/"], cwd=self.tmp)
        self.assertEqual(paths[0], "root/a-c.yaml")
        _, paths = self.paths(["--exclude", "*skip*", "."],
                              cwd=os.path.join(self.tmp, "root"))
        self.assertEqual(paths[:3], ["./a-c.yaml", "./a.yaml", "./a/b.yaml"])

    def test_exclude_matches_path_as_printed(self):
        self.tree()
        _, paths = self.paths(["--exclude", "root/sub/*", "--exclude", "skip", "root"],
                              cwd=self.tmp)
        self.assertEqual(paths, ["root/a-c.yaml", "root/a.yaml", "root/a/b.yaml"])

    def test_symlink_loop_is_skipped(self):
        root = self.tree()
        r = run(["--exclude", "*skip*", root], timeout=30)
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.summary()[0], 5)

    def test_explicit_files_always_validated(self):
        self.tree()
        r, paths = self.paths(["--exclude", "*.yaml", "root/.hidden.yaml", "root/notes.txt"],
                              cwd=self.tmp)
        self.assertEqual(paths, ["root/.hidden.yaml", "root/notes.txt"])
        self.assertEqual(r.code, 1, r)
        # an explicitly named hidden folder is walked
        _, paths = self.paths(["root/.git"], cwd=self.tmp)
        self.assertEqual(paths, ["root/.git/h.yaml"])

    def test_file_reached_twice_once(self):
        self.tree()
        r, paths = self.paths(["root/a.yaml", "--exclude", "*skip*", "root", "root/a.yaml",
                               "root/link.yaml", "./root/a.yaml"], cwd=self.tmp)
        self.assertEqual(paths, ["root/a.yaml", "root/a-c.yaml", "root/a/b.yaml",
                                 "root/sub/d.yml", "root/sub/deeper/e.yaml"])
        self.assertEqual(r.code, 0, r)

    def test_dangling_link_in_folder(self):
        # A link to a file is that file; a dangling one cannot be read: an
        # io.error in its place, the other files validated, status 2.
        self.write("d/a.yaml", PLEDGE)
        os.symlink("gone.yaml", os.path.join(self.tmp, "d", "b.yaml"))
        r, paths = self.paths(["d"], cwd=self.tmp)
        self.assertEqual(r.code, 2, r)
        self.assertEqual(paths, ["d/a.yaml", "d/b.yaml"])
        f = r.json()["files"]
        self.assertTrue(f[0]["valid"])
        self.assertEqual([(d["code"], d["line"]) for d in f[1]["diagnostics"]],
                         [("io.error", 0)])

    def test_json_file_by_extension(self):
        r = run(["--format", "json", data("valid", "pledge.json")])
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.json()["summary"]["documents"], 1)
        text = '{"format": "pledge/1",\n  "id": "x",\n  "title": }\n'
        path = self.write("broken.json", text)
        r = run(["--format", "json", path])
        self.assertEqual(r.code, 1, r)
        d = diags(r.json())
        self.assertEqual(d[0]["code"], "json.syntax")
        self.assertEqual((d[0]["line"], d[0]["column"]), position(text, "}"))
        # the same bytes named .yaml are read as YAML (flow mapping)
        path = self.write("json-as-yaml.yaml", read(data("valid", "pledge.json")))
        r = run([path])
        self.assertEqual(r.code, 0, r)

    def test_stdin(self):
        r = run(["--format", "json", "-"], stdin=PLEDGE.encode())
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.json()["files"][0]["path"], "<stdin>")
        text = read(data("invalid", "enum.party-kind.yaml"))
        r = run(["-", "-"], stdin=text.encode())
        self.assertEqual(r.code, 1, r)
        line = [l for l in text.split("\n") if l.startswith("# expect:")][0].split()
        self.assertEqual(r.lines()[0].split(": ")[0], "<stdin>:%s:%s" % (line[2], line[3]))
        self.assertEqual(r.summary()[0], 1)  # "-" twice: read once
        # stdin together with files, in argument order
        _, paths = self.paths([data("valid", "pledge.yaml"), "-"], stdin=b"")
        self.assertEqual(paths, [data("valid", "pledge.yaml"), "<stdin>"])
        # empty standard input: no document, valid
        r = run(["-"], stdin=b"")
        self.assertEqual(r.code, 0, r)


# ---------------------------------------------------------------------------
class TestLimits(Temp):
    def laughs(self, levels):
        lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in range(1, levels):
            lines.append("l%d: &l%d [%s]" % (i, i, ", ".join(["*l%d" % (i - 1)] * 10)))
        return "\n".join(lines) + "\n"

    def test_alias_limit_in_middle_document(self):
        third = pledge_text("test-third", replace=[("kind: police", "kind: polisen")])
        text = pledge_text("test-first") + "---\n" + self.laughs(9) + "---\n" + third
        path = self.write("three.yaml", text)
        r = run(["--format", "json", path], timeout=30)
        self.assertLess(r.elapsed, 10)
        self.assertEqual(r.code, 1, r)
        f = r.json()["files"][0]
        self.assertEqual(f["documents"], 3)
        by_doc = {}
        for d in f["diagnostics"]:
            by_doc.setdefault(d["document"], []).append(d)
        self.assertNotIn(0, by_doc)
        self.assertEqual([d["code"] for d in by_doc[1]], ["yaml.limit"])
        start = text.index("---\n", text.index("---\n") + 1) + 4
        self.assertIn("enum", [d["code"] for d in by_doc[2]])
        enum = [d for d in by_doc[2] if d["code"] == "enum"][0]
        line, col = position(text, "polisen")
        self.assertEqual((enum["line"], enum["column"]), (line, col))
        self.assertGreater(line, text[:start].count("\n"))
        self.assertEqual(r.json()["summary"]["invalid"], 2)

    def test_max_alias_expansion_flag(self):
        text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8]\nb: *a\nc: *a\n"
        path = self.write("alias.yaml", text)
        r = run(["--format", "json", "--max-alias-expansion", "5", path])
        self.assertIn("yaml.limit", [d["code"] for d in diags(r.json())])
        r = run(["--format", "json", "--max-alias-expansion", "100", path])
        self.assertNotIn("yaml.limit", [d["code"] for d in diags(r.json())])

    def test_deep_nesting_stops_at_once(self):
        base = run(["--version"])
        path = self.write("deep.yaml", "a: " + "[" * 200000 + "\n")
        r = run(["--format", "json", path], timeout=60)
        self.assertEqual(r.code, 1, r)
        f = r.json()["files"][0]
        self.assertFalse(f["valid"])
        codes = [d["code"] for d in f["diagnostics"]]
        self.assertEqual(codes, ["yaml.limit"])
        d = f["diagnostics"][0]
        self.assertEqual(d["line"], 1)
        self.assertRegex(d["message"], r"(?i)not read")
        # milliseconds: no slower than a start-up plus half a second
        self.assertLess(r.elapsed, base.elapsed + 0.5, r.elapsed)

    def test_depth_limit_ends_the_stream(self):
        text = pledge_text("test-before") + "---\n" + "x: " + "[" * 300 + "]" * 300 + \
            "\n---\n" + pledge_text("test-after", replace=[("kind: police", "kind: x")])
        path = self.write("deep3.yaml", text)
        r = run(["--format", "json", path])
        self.assertEqual(r.code, 1, r)
        f = r.json()["files"][0]
        self.assertEqual(f["documents"], 2)  # the rest was not read
        self.assertEqual([(d["document"], d["code"]) for d in f["diagnostics"]],
                         [(1, "yaml.limit")])

    def test_max_depth_flag(self):
        path = self.write("nest.yaml", "a: " + "[" * 20 + "]" * 20 + "\n")
        codes = lambda args: [d["code"] for d in diags(run(["--format", "json"] + args +
                                                           [path]).json())]
        self.assertIn("yaml.limit", codes(["--max-depth", "10"]))
        self.assertNotIn("yaml.limit", codes(["--max-depth", "100"]))
        self.assertNotIn("yaml.limit", codes([]))

    def test_max_file_bytes_flag(self):
        valid = data("valid", "pledge.yaml")
        size = os.path.getsize(os.path.join(SRC, valid))
        r = run(["--format", "json", "--max-file-bytes", str(size - 1), valid])
        self.assertEqual(r.code, 1, r)
        self.assertIn("yaml.limit", [d["code"] for d in diags(r.json())])
        for ok in (str(size), "1KiB" if size <= 1024 else "2KiB", "1M", "1MiB", "1MB",
                   "64MiB", "1G", "3KB", "4k"):
            r = run(["--max-file-bytes", ok, valid])
            self.assertEqual(r.code, 0, (ok, r))
        # standard input too
        r = run(["--format", "json", "--max-file-bytes", "100", "-"], stdin=PLEDGE.encode())
        self.assertEqual(r.code, 1, r)
        self.assertIn("yaml.limit", [d["code"] for d in diags(r.json())])


# ---------------------------------------------------------------------------
class TestCrossFile(Temp):
    def test_follow_up_in_another_file(self):
        pledge, fu = data("valid", "pledge.yaml"), data("valid", "follow-up.yaml")
        for args in ([pledge, fu], [fu, pledge], ["--resolve", pledge, fu],
                     ["--resolve", fu, pledge]):
            r = run(args)
            self.assertEqual(r.code, 0, (args, r))
        # alone: skipped without --resolve, an error with it
        r = run([fu])
        self.assertEqual(r.code, 0, r)
        r = run(["--format", "json", "--resolve", fu])
        self.assertEqual(r.code, 1, r)
        d = diags(r.json())
        line, col = position(FOLLOW_UP, "test-2024")
        self.assertEqual([(x["code"], x["line"], x["column"], x["file"]) for x in d],
                         [("follow-up.unknown-pledge", line, col, fu)])

    def test_cross_diagnostics_go_to_their_file(self):
        text = FOLLOW_UP.replace("activity: belysning", "activity: belysningen")
        fu = self.write("fu.yaml", text)
        pledge = data("valid", "pledge.yaml")
        line, col = position(text, "belysningen")
        for args in ([pledge, fu], [fu, pledge], ["--resolve", pledge, fu]):
            r = run(["--format", "json"] + args)
            self.assertEqual(r.code, 1, (args, r))
            files = {f["path"]: f for f in r.json()["files"]}
            self.assertTrue(files[pledge]["valid"])
            self.assertFalse(files[fu]["valid"])
            self.assertEqual([(d["code"], d["line"], d["column"], d["file"], d["document"])
                              for d in files[fu]["diagnostics"]],
                             [("follow-up.unknown-reference", line, col, fu, 0)])
        # without its pledge and without --resolve: skipped
        r = run([fu])
        self.assertEqual(r.code, 0, r)

    def test_invalid_pledge_is_not_unknown(self):
        # The pledge is among the files but has an error of its own: the
        # follow-up is not "unknown-pledge" (its cross checks are skipped).
        bad = self.write("bad.yaml", pledge_text(replace=[("kind: police", "kind: x")]))
        fu = data("valid", "follow-up.yaml")
        for args in ([bad, fu], [fu, bad]):
            r = run(["--format", "json", "--resolve"] + args)
            self.assertEqual(r.code, 1, r)
            files = {f["path"]: f for f in r.json()["files"]}
            self.assertTrue(files[fu]["valid"], r)
            self.assertEqual([d["code"] for d in files[bad]["diagnostics"]], ["enum"])

    def test_duplicate_pledge_in_load_order(self):
        a = data("valid", "pledge.yaml")
        b = self.write("copy.yaml", PLEDGE)
        line, col = position(PLEDGE, "test-2024")
        for first, second in ((a, b), (b, a)):
            r = run(["--format", "json", first, second])
            self.assertEqual(r.code, 1, r)
            j = r.json()
            self.assertEqual([f["valid"] for f in j["files"]], [True, False])
            self.assertEqual([(d["code"], d["file"], d["line"], d["column"])
                              for d in diags(j)],
                             [("pledge.duplicate-pledge", second, line, col)])


# ---------------------------------------------------------------------------
class TestJobs(unittest.TestCase):
    def test_output_identical_for_every_job_count(self):
        args = ["--format", "json", "--resolve", "examples", data(), data("valid", "pledge.json")]
        outputs = {}
        for jobs in ("1", "2", "3", "8", "0"):
            r = run(["--jobs", jobs] + args)
            outputs[jobs] = (r.code, r.out)
            r2 = run(["-j", jobs, "--format", "text", "examples", data()])
            outputs["text" + jobs] = (r2.code, r2.out)
        self.assertEqual(outputs["1"][0], 1)
        for k in ("2", "3", "8", "0"):
            self.assertEqual(outputs[k], outputs["1"], k)
            self.assertEqual(outputs["text" + k], outputs["text1"], k)
        j = json.loads(outputs["1"][1])
        self.assertGreater(j["summary"]["files"], 40)


# ---------------------------------------------------------------------------
class TestVerbose(unittest.TestCase):
    def test_pledge_mode(self):
        text = PLEDGE + "contacts:\n  - party: kommun\n    name: Anna\n"
        quiet = run(["--format", "json", "-"], stdin=text.encode())
        verbose = run(["--format", "json", "--verbose", "-"], stdin=text.encode())
        v2 = run(["--format", "json", "-v", "-"], stdin=text.encode())
        self.assertEqual((quiet.code, verbose.code), (1, 1), verbose)
        self.assertEqual(verbose.out, v2.out)
        self.assertGreater(len(diags(verbose.json())), len(diags(quiet.json())))
        self.assertEqual(len(diags(quiet.json())), 1)

    def test_schema_mode(self):
        schema = data("schema", "local.schema.yaml")
        inst = data("schema", "branches.yaml")
        quiet = run(["--format", "json", "--schema", schema, inst])
        verbose = run(["--format", "json", "--schema", schema, "--verbose", inst])
        self.assertEqual((quiet.code, verbose.code), (1, 1), verbose)
        self.assertEqual(len(diags(quiet.json())), 1)
        self.assertGreaterEqual(len(diags(verbose.json())), 2)


# ---------------------------------------------------------------------------
class TestSchemaMode(unittest.TestCase):
    def test_local_refs(self):
        schema = data("schema", "local.schema.yaml")
        r = run(["--schema", schema, data("schema", "config-ok.yaml")])
        self.assertEqual(r.code, 0, r)
        # no pledge rules in schema mode: a pledge is just an object here
        r = run(["--format", "json", "--schema", schema, data("valid", "pledge.yaml")])
        self.assertNotIn("pledge.unknown-format", [d["code"] for d in diags(r.json())])

    def test_ref_dir(self):
        schema = data("schema", "remote.schema.json")
        ok = data("schema", "config-ok.yaml")
        r = run(["--schema", schema, ok])
        self.assertEqual(r.code, 2, r)
        self.assertIn("schema.invalid", r.err)
        self.assertEqual(r.out, "")
        r = run(["--schema", schema, "--ref-dir",
                 "https://example.org/s/=" + data("schema", "refs"), ok])
        self.assertEqual(r.code, 0, r)
        r = run(["--schema", schema, "--ref-dir", "https://example.org/other/=/nonexistent",
                 "--ref-dir", "https://example.org/s/=" + data("schema", "refs") + "/", ok])
        self.assertEqual(r.code, 0, r)

    def test_invalid_schema(self):
        r = run(["--schema", data("schema", "invalid.schema.json"), data("valid",
                                                                          "pledge.yaml")])
        self.assertEqual(r.code, 2, r)
        self.assertEqual(r.out, "")
        self.assertRegex(r.err, r"invalid\.schema\.json:\d+:\d+: error: .*\[schema\.invalid\]")

    def test_assert_formats(self):
        schema = data("schema", "local.schema.yaml")
        inst = data("schema", "bad-date.yaml")
        r = run(["--schema", schema, inst])
        self.assertEqual(r.code, 0, r)
        r = run(["--format", "json", "--schema", schema, "--assert-formats", inst])
        self.assertEqual(r.code, 1, r)
        text = read(inst)
        self.assertEqual([(d["code"], d["line"], d["column"]) for d in diags(r.json())],
                         [("format", ) + position(text, "2023-02-30")])

    def test_expectations(self):
        schema = data("schema", "local.schema.yaml")
        inst = data("schema", "config-bad.yaml")
        r = run(["--format", "json", "--schema", schema, inst])
        self.assertEqual(r.code, 1, r)
        expected = {(int(l.split()[2]), int(l.split()[3]), l.split()[4])
                    for l in read(inst).split("\n") if l.startswith("# expect:")}
        self.assertEqual(triples(r.json()), expected)
        for d in diags(r.json()):
            self.assertTrue(d["schema_path"].startswith("/"), d)


# ---------------------------------------------------------------------------
class TestPositions(Temp):
    """Exact positions: the "# expect:" files, and generated special cases."""

    def expectations(self, folder):
        found = []
        base = os.path.join(SRC, folder)
        for name in sorted(os.listdir(base)):
            if not name.endswith((".yaml", ".yml", ".json")):
                continue
            text = read(os.path.join(folder, name))
            options, expects = [], []
            for line in text.split("\n"):
                m = re.match(r"^# options: (.*)$", line)
                if m:
                    options += m.group(1).split()
                m = re.match(r"^# expect: (\d+) (\d+) (\S+)\s*$", line)
                if m:
                    expects.append((int(m.group(1)), int(m.group(2)), m.group(3)))
            if expects:
                found.append((os.path.join(folder, name), options, expects))
        return found

    def check_folder(self, folder, strict):
        seen = set()
        for path, options, expects in self.expectations(folder):
            with self.subTest(path=path):
                r = run(["--format", "json"] + options + [path])
                self.assertIn(r.code, (0, 1), r)
                got = triples(r.json())
                for e in expects:
                    self.assertIn(e, got, "%s: expected %s, got %s" % (path, e, sorted(got)))
                if strict:
                    errors = {(d["line"], d["column"], d["code"]) for d in diags(r.json())
                              if d["severity"] == "error"}
                    self.assertEqual(errors - set(expects), set(), path)
                # the text form names the same place
                t = run(options + [path])
                for line, col, code in expects:
                    self.assertRegex(t.out, r"(?m)^%s:%d:%d: (error|warning): .* \[%s\]" % (
                        re.escape(path), line, col, re.escape(code)))
                seen |= {(path,) + e for e in expects}
        return seen

    def test_examples_invalid(self):
        self.assertGreaterEqual(len(self.check_folder("examples/invalid", strict=True)), 10)

    def test_own_data(self):
        self.assertGreaterEqual(len(self.check_folder(data("invalid"), strict=True)), 15)

    def test_at_least_thirty_distinct(self):
        # The two tests above check each of these; here they are counted.
        distinct = set()
        for folder in ("examples/invalid", data("invalid")):
            for path, _, expects in self.expectations(folder):
                distinct |= {(path,) + e for e in expects}
        self.assertGreaterEqual(len(distinct), 30)

    def check(self, content, name, expected, args=()):
        path = self.write(name, content)
        r = run(["--format", "json"] + list(args) + [path])
        got = [(d["line"], d["column"], d["code"]) for d in diags(r.json())]
        for e in expected:
            self.assertIn(e, got, "%s: %r" % (name, got))
        return r

    def test_crlf_positions_equal_lf(self):
        text = read(data("invalid", "enum.party-kind.yaml"))
        lf = run(["--format", "json", "-"], stdin=text.encode())
        crlf = run(["--format", "json", "-"], stdin=text.replace("\n", "\r\n").encode())
        self.assertEqual(triples(lf.json()), triples(crlf.json()))

    def test_raw_nul(self):
        text = "format: pledge/1\nid: a\0b\n"
        r = self.check(text.encode(), "nul.yaml", [])
        d = diags(r.json())
        self.assertEqual(d[0]["code"], "yaml.syntax")
        self.assertEqual((d[0]["line"], d[0]["column"]), (2, 6))

    def test_invalid_utf8(self):
        r = self.check(b"format: pledge/1\ntitle: caf\xe9\n", "latin1.yaml", [])
        d = diags(r.json())
        self.assertEqual(d[0]["code"], "yaml.invalid-utf8")
        self.assertEqual(d[0]["line"], 2)

    def test_unicode_line_break(self):
        text = pledge_text(replace=[("title: Testlöfte – medborgarlöften", "title: \"Test\u2028  löfte\""),
                                    ("kind: police", "kind: polisen")])
        r = self.check(text, "u2028.yaml", [])
        got = triples(r.json())
        self.assertIn("yaml.unicode-line-break", {c for _, _, c in got})
        # libyaml counts U+2028 as a line break: one more line than an editor
        line, _ = position(text, "polisen")
        self.assertIn((line + 1, 11, "enum"), got)

    def test_yaml_syntax_stops_the_stream(self):
        text = pledge_text("test-one") + "---\n" + "format: pledge/1\nid: \"unterminated\n" + \
            "---\n" + pledge_text("test-three")
        r = self.check(text, "syntax.yaml", [])
        f = r.json()["files"][0]
        self.assertEqual(f["documents"], 2)
        self.assertFalse(f["valid"])
        d = f["diagnostics"]
        self.assertEqual([(x["document"], x["code"]) for x in d], [(1, "yaml.syntax")])
        self.assertRegex(d[0]["message"], r"(?i)not read")

    def test_columns_count_code_points(self):
        text = pledge_text(replace=[("  - id: polis\n    name: Lokalpolisområde Test\n"
                                     "    kind: police\n",
                                     "  - {name: Åäö 😀 polis, id: polis, kind: polisen}\n")])
        line, col = position(text, "polisen}")
        self.check(text, "cp.yaml", [(line, col, "enum")])


# ---------------------------------------------------------------------------
class TestSessionOptions(Temp):
    """Options over the library's validation session (issues 14 and 15)."""

    def assertUsage(self, args):
        r = run(args)
        self.assertEqual(r.code, 2, r)
        self.assertEqual(r.out, "", r)
        self.assertIn("Try 'pledge-validate --help'", r.err)
        return r

    def follow_up_and_pledge(self):
        fu = self.write("changed/follow-up.yaml", FOLLOW_UP)
        self.write("repo/pledge.yaml", PLEDGE)
        self.write("repo/.pre-commit-config.yaml", "repos: []\n")
        return fu, os.path.join(self.tmp, "repo")

    def test_context(self):
        fu, repo = self.follow_up_and_pledge()
        r = run(["--resolve", "--format", "json", fu])
        self.assertEqual(r.code, 1, r)
        self.assertEqual([d["code"] for d in diags(r.json())], ["follow-up.unknown-pledge"])
        r = run(["--resolve", "--format", "json", "--context", repo, fu])
        self.assertEqual(r.code, 0, r)
        j = r.json()
        self.assertEqual([f["path"] for f in j["files"]], [fu])  # context not reported
        self.assertEqual(j["summary"]["documents"], 1)
        # a context that breaks its own rules is not reported either
        self.write("repo/broken.yaml", "format: pledge/1\n")
        r = run(["--resolve", "--context", repo, fu])
        self.assertEqual((r.code, r.out), (0, ""), r)
        # a file both changed and in the context is reported once, as a PATH
        r = run(["--format", "json", "--context", repo, os.path.join(repo, "pledge.yaml")])
        self.assertEqual(len(r.json()["files"]), 1, r)
        os.makedirs(os.path.join(self.tmp, "empty"))
        r = run(["--context", os.path.join(self.tmp, "empty"), fu])
        self.assertEqual(r.code, 2, r)
        self.assertIn("no *.yaml or *.yml file", r.err)

    def test_output_files(self):
        fu, repo = self.follow_up_and_pledge()
        sarif = os.path.join(self.tmp, "out.sarif")
        junit = os.path.join(self.tmp, "out.xml")
        r = run(["--resolve", "-o", "sarif=" + sarif, "--output=junit=" + junit, fu])
        self.assertEqual(r.code, 1, r)
        self.assertIn("follow-up.unknown-pledge", r.out)  # stdout: the default text
        with open(sarif, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["version"], "2.1.0")
        ET.parse(junit)
        # -o FORMAT=- takes standard output's place
        r = run(["--resolve", "-o", "json=-", fu])
        self.assertEqual(r.json()["summary"]["invalid"], 1)
        for bad in (["-o", "xml=f"], ["-o", "json"], ["-o", "json="]):
            r = run(bad + [fu])
            self.assertEqual(r.code, 2, r)
            self.assertIn("FORMAT=FILE", r.err)
        r = run(["-o", "json=" + os.path.join(self.tmp, "no", "such", "dir.json"), fu])
        self.assertEqual(r.code, 2, r)

    def test_ignore(self):
        warning = data("invalid", "yaml.ambiguous-scalar.octal.yaml")
        r = run(["--strict", "--format", "json", warning])
        self.assertEqual(r.code, 1, r)
        for glob in ("yaml.ambiguous-scalar", "yaml.ambiguous-*"):
            r = run(["--strict", "--format", "json", "--ignore", glob, warning])
            self.assertEqual(r.code, 0, r)
            self.assertEqual(r.json()["summary"]["warnings"], 0)
        invalid = data("invalid", "enum.party-kind.yaml")
        codes = {d["code"] for d in diags(run(["--format", "json", invalid]).json())}
        args = ["--format", "json"]
        for c in codes:
            args += ["--ignore", c]
        r = run(args + [invalid])
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.json()["summary"]["invalid"], 0)

    def test_stdin_filename(self):
        r = run(["--stdin-filename", "editor/buffer.yaml", "-"], stdin=b"format: pledge/1\n")
        self.assertEqual(r.code, 1, r)
        self.assertTrue(all(l.startswith("editor/buffer.yaml") for l in r.lines()), r)
        self.assertNotIn("<stdin>", r.out)

    def test_check_schema(self):
        good = data("schema", "local.schema.yaml")
        bad = data("schema", "invalid.schema.json")
        r = run(["--check-schema", good])
        self.assertEqual((r.code, r.out), (0, ""), r)
        r = run(["--check-schema", "--format", "json", good, bad])
        self.assertEqual(r.code, 2, r)
        j = r.json()
        self.assertEqual([f["path"] for f in j["files"]], [good, bad])
        self.assertTrue(j["files"][0]["valid"])
        self.assertFalse(j["files"][1]["valid"])
        self.assertIn("schema.invalid", {d["code"] for d in j["files"][1]["diagnostics"]})
        self.assertUsage(["--check-schema"])

    def test_max_evaluations(self):
        # each level's allOf refers to the next level twice: 2^30 paths
        defs = {"l%d" % i: {"allOf": [{"$ref": "#/$defs/l%d" % (i + 1)}] * 2}
                for i in range(30)}
        defs["l30"] = {"type": "integer"}
        schema = self.write("exp.schema.json", json.dumps(
            {"$defs": defs, "$ref": "#/$defs/l0"}))
        doc = self.write("x.json", '"x"\n')
        r = run(["--format", "json", "--schema", schema, "--max-evaluations", "10000", doc])
        self.assertEqual(r.code, 1, r)
        self.assertEqual([d["code"] for d in diags(r.json())], ["schema.limit"])
        r = run(["--format", "json", "--schema", schema, doc])  # the default budget
        self.assertEqual(r.code, 1, r)
        self.assertEqual([d["code"] for d in diags(r.json())], ["schema.limit"])
        small = self.write("small.schema.json", json.dumps(
            {"$defs": {k: v for k, v in defs.items() if k in ("l28", "l29", "l30")},
             "$ref": "#/$defs/l28"}))
        r = run(["--format", "json", "--schema", small, "--max-evaluations", "0", doc])
        self.assertEqual(r.code, 1, r)
        self.assertNotIn("schema.limit", [d["code"] for d in diags(r.json())])
        self.assertUsage(["--max-evaluations", "-1", "--schema", schema, doc])

    def test_junit_file_attribute(self):
        path = data("valid", "pledge.yaml")
        case = ET.fromstring(run(["--format", "junit", path]).out).find(".//testcase")
        self.assertIsNone(case.get("file"))  # the common Jenkins XSD has none
        self.assertEqual(set(case.keys()), {"classname", "name"})
        case = ET.fromstring(run(["--format", "junit", "--junit-file-attribute", path]).out
                             ).find(".//testcase")
        self.assertEqual(case.get("file"), path)

    def test_junit_names_stay_distinct(self):
        a = self.write("a\x01.yaml", "format: pledge/1\n")
        b = self.write("a\x02.yaml", "format: pledge/1\n")
        c = self.write("a\\x01.yaml", "format: pledge/1\n")
        r = run(["--format", "junit", a, b, c])
        names = [t.get("name") for t in ET.fromstring(r.out).iter("testcase")]
        self.assertEqual(len(set(names)), 3, names)
        self.assertIn(os.path.join(self.tmp, "a\\x01.yaml"), names)
        self.assertIn(os.path.join(self.tmp, "a\\\\x01.yaml"), names)

    def test_github_file_controls(self):
        path = self.write("e\x1bsc\x01t\tab.yaml", "format: pledge/1\n")
        r = run(["--format", "github", path])
        for line in r.lines():
            self.assertNotIn("\x1b", line)
            self.assertNotIn("\x01", line)
            self.assertNotIn("\t", line)
            self.assertIn("e%1Bsc%01t%09ab.yaml", line)

    def test_json_keys_with_line_breaks(self):
        import jsonschema
        with open(os.path.join(SRC, "schema", "pledge-validate-output-1.schema.json")) as f:
            validator = jsonschema.Draft202012Validator(json.load(f))
        path = self.write("keys.yaml", pledge_text() + '"x\\nnew": 1\n"y\\u2028sep": 2\n'
                          '"z\\u0085nel": {"a\\nb": 3}\n')
        r = run(["--format", "json", path])
        self.assertEqual(r.code, 1, r)
        j = r.json()
        paths = {d["instance_path"] for d in diags(j)}
        self.assertTrue(any("\n" in p for p in paths), paths)
        self.assertTrue(any("\u2028" in p for p in paths), paths)
        validator.validate(j)

    def test_max_diagnostics(self):
        text = "a: 1\n" * 3000
        path = self.write("dups.yaml", text)
        r = run(["--format", "json", path])
        self.assertEqual(r.code, 1, r)
        ds = diags(r.json())
        self.assertEqual(len(ds), 1001)
        self.assertEqual(ds[-1]["code"], "diagnostics.suppressed")
        self.assertIn("yaml.duplicate-key", ds[-1]["message"])
        r = run(["--format", "json", "--max-diagnostics", "5", path])
        ds = diags(r.json())
        self.assertEqual(len(ds), 6)
        self.assertIn("2995 more diagnostics", ds[-1]["message"])
        self.assertEqual(r.json()["summary"]["invalid"], 1)
        r = run(["--format", "json", "--max-diagnostics", "0", path])
        self.assertEqual(len(diags(r.json())), 3000)  # 2999 duplicates + unknown format
        self.assertUsage(["--max-diagnostics", "many", path])

    def test_excerpt_window(self):
        # one line of 2,000 duplicate keys, 12 KB: each excerpt is a window
        text = "{" + ", ".join("k: %d" % i for i in range(2000)) + "}\n"
        path = self.write("one-line.yaml", text)
        r = run(["--excerpt", "--max-diagnostics", "0", path])
        self.assertEqual(r.code, 1, r)
        excerpt_lines = [l for l in r.out.split("\n") if " | " in l]
        self.assertGreater(len(excerpt_lines), 3000)
        self.assertLess(max(len(l) for l in excerpt_lines), 200)
        self.assertLess(len(r.out), 2_000_000)
        # the caret still points at the column, after the leading ellipsis
        lines = r.out.split("\n")
        for i, l in enumerate(lines):
            m = TEXT_LINE.match(l)
            if m and m.group("col") and int(m.group("col")) > 500:
                src, caret = lines[i + 1], lines[i + 2]
                self.assertIn("\u2026", src)
                col = int(m.group("col"))
                body = src.split(" | ", 1)[1]
                at = caret.index("^") - (len(src.split(" | ", 1)[0]) + 3)
                self.assertEqual(body[at:at + 1], text[col - 1], (body, caret))
                break
        else:
            self.fail("no diagnostic past column 500")

    def test_walk_refuses_links_out_and_fifos(self):
        secret = self.write("secret/key.yaml", "PRETTY_NAME=secret-value\n")
        self.write("tree/ok.yaml", PLEDGE)
        os.symlink(secret, os.path.join(self.tmp, "tree", "leak.yaml"))
        os.symlink(os.path.join(self.tmp, "tree", "ok.yaml"),
                   os.path.join(self.tmp, "tree", "inside.yaml"))
        os.mkfifo(os.path.join(self.tmp, "tree", "pipe.yaml"))
        r = run(["--excerpt", "--format", "json", os.path.join(self.tmp, "tree")], timeout=30)
        self.assertEqual(r.code, 2, r)
        self.assertNotIn("secret-value", r.out)
        by = {os.path.basename(f["path"]): f for f in r.json()["files"]}
        # inside.yaml (a link to ok.yaml, first in sorted order) is read, and
        # ok.yaml, the same file reached again, is not read twice
        self.assertEqual(sorted(by), ["inside.yaml", "leak.yaml", "pipe.yaml"])
        self.assertEqual([d["code"] for d in by["leak.yaml"]["diagnostics"]], ["io.error"])
        self.assertEqual([d["code"] for d in by["pipe.yaml"]["diagnostics"]], ["io.error"])
        self.assertTrue(by["inside.yaml"]["valid"])
        # a FIFO named explicitly is read, as - is
        fifo = os.path.join(self.tmp, "named.yaml")
        os.mkfifo(fifo)
        import threading
        def feed():
            with open(fifo, "w") as f:
                f.write(PLEDGE)
        t = threading.Thread(target=feed)
        t.start()
        r = run([fifo], timeout=30)
        t.join()
        self.assertEqual(r.code, 0, r)

    def test_verbose_lists_every_branch(self):
        # the contact without phone or email fails both branches of anyOf
        text = read(os.path.join("examples", "ale-2024.yaml"))
        self.assertIn('    phone: "010-565 44 56"\n', text)
        path = self.write("ale.yaml", text.replace('    phone: "010-565 44 56"\n', ""))
        quiet = diags(run(["--format", "json", path]).json())
        loud = diags(run(["--format", "json", "--verbose", path]).json())
        self.assertEqual([d["code"] for d in quiet], ["required"])
        self.assertIn("1 other anyOf branch", quiet[0]["message"])
        self.assertEqual([d["code"] for d in loud], ["required", "required"])
        self.assertIn("anyOf branch 0 of 2", loud[0]["message"])
        self.assertIn("anyOf branch 1 of 2", loud[1]["message"])
        self.assertEqual(loud[0]["instance_path"], "/contacts/0")


# ---------------------------------------------------------------------------
def main():
    global BIN, SRC, PLEDGE, FOLLOW_UP
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--source-dir", required=True)
    opts, rest = ap.parse_known_args()
    BIN = os.path.abspath(opts.binary)
    SRC = os.path.abspath(opts.source_dir)
    PLEDGE = read(data("valid", "pledge.yaml"))
    FOLLOW_UP = read(data("valid", "follow-up.yaml"))
    prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    res = prog.result
    failed = len(res.failures) + len(res.errors) + len(res.unexpectedSuccesses)
    skipped = len(res.skipped)
    passed = res.testsRun - failed - skipped
    sys.stdout.flush()
    sys.stderr.flush()
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    print(line)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
