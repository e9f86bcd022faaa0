#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check the pledge formats with an independent validator.

Uses only Debian's python3-jsonschema and python3-yaml:

- each schema of schema/ loads as YAML 1.2, is valid against the 2020-12
  metaschema, has a URN $id, a description on every property and
  additionalProperties: false with x- extensions on every object, and the
  $defs the two schemas share are identical;
- the reference examples (examples/*.yaml) validate without error, formats
  asserted, and hold no plain scalar that YAML 1.1 reads differently (which
  would be a yaml.ambiguous-scalar warning); examples/ale-2024.yaml holds the
  whole seed pledge (themes, the 11 activities and their responsible
  parties, goals, channels) in the seed's own words (../shared/seed, when
  present);
- every file of examples/invalid/ carries "# expect: LINE COLUMN CODE" lines
  pointing at the start of a node; a file whose codes are JSON Schema
  keywords (or yaml.* errors) must fail schema validation with those
  keywords at those places; a file whose codes are all semantic (pledge.*,
  follow-up.*) or YAML warnings must pass the schemas, its mistake being
  one only the library's semantic checks see; yaml.ambiguous-scalar is
  expected exactly where YAML 1.1 would read a plain scalar differently.

Prints one line per check and a final "N passed, N failed"; exits 1 on any
failure.

    check_schemas.py [SOURCE_DIR]
"""

import os
import re
import sys

import yaml
from jsonschema import Draft202012Validator, FormatChecker

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                       os.path.join(os.path.dirname(__file__), "..", ".."))

SCHEMAS = {
    "pledge/1": "schema/pledge-1.schema.yaml",
    "follow-up/1": "schema/follow-up-1.schema.yaml",
}
# The real pledges of ../shared/real-pledges, rewritten in format 1.1.
REAL = ["examples/lulea-2018.yaml", "examples/stenungsund-orust-tjorn-2023.yaml",
        "examples/mala-2024.yaml", "examples/vingaker-2017.yaml",
        "examples/goteborg-centrum-2018.yaml"]
EXAMPLES = ["examples/ale-2024.yaml", "examples/ale-2024-follow-up-2025.yaml"] + REAL
INVALID_DIR = "examples/invalid"

# The semantic codes of docs/format.md and docs/pledge-validate.1: examples/invalid/CODE.yaml each.
SEMANTIC_CODES = [
    "pledge.duplicate-id", "pledge.unknown-reference", "pledge.period-order",
    "pledge.direction", "pledge.missing-language", "pledge.percent-range",
    "pledge.duplicate-pledge", "pledge.unused-party", "pledge.no-indicator",
    "pledge.unknown-format", "follow-up.unknown-pledge",
    "follow-up.unknown-reference", "follow-up.period-order",
    "follow-up.outside-pledge", "follow-up.undocumented-done",
    "follow-up.duplicate-entry", "follow-up.missing-value",
    # 1.1
    "pledge.no-goal", "pledge.area-conflict", "follow-up.unchecked",
    "follow-up.undated", "follow-up.unknown-party",
]
# Codes that are warnings: the document stays valid against the schema.
WARNING_CODES = {
    "pledge.unused-party", "pledge.no-indicator", "pledge.no-goal",
    "follow-up.unchecked", "follow-up.outside-pledge",
    "follow-up.undocumented-done", "yaml.ambiguous-scalar",
    "yaml.unicode-line-break", "yaml.float-underflow",
}
# Codes that are not JSON Schema keywords and not about the schema at all.
SEMANTIC_PREFIXES = ("pledge.", "follow-up.")


# ---------------------------------------------------------------------------
# A YAML 1.2 core-schema loader on top of PyYAML (which implements YAML 1.1)
# ---------------------------------------------------------------------------

class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema: true/false (three
    spellings), null/~/empty, decimal/0o/0x integers, floats. No YAML 1.1
    booleans (yes/no/on/off/y/n), no timestamps, no sexagesimal numbers,
    no leading-zero octals, no merge keys, no '=' values. Mapping keys are
    the scalar's text; a key twice is an error."""


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool",
     r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null",
     r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int",
     r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _construct_mapping(loader, node):
    result = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            key = key_node.value
        else:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key that is not a scalar",
                key_node.start_mark)
        if key in result:
            raise DuplicateKeyError(
                "while constructing a mapping", node.start_mark,
                "found the key %r twice" % key, key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def load_all(path):
    """[(data, root node)] for every document of the file."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    nodes = list(yaml.compose_all(text, Loader=Yaml12Loader))
    datas = list(yaml.load_all(text, Loader=Yaml12Loader))
    return list(zip(datas, nodes))


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

passed = 0
failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % what)
    else:
        failed += 1
        print("FAIL %s%s" % (what, ("\n     " + detail.replace("\n", "\n     "))
                             if detail else ""))
    return ok


# ---------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------

FORMAT_CHECKER = FormatChecker()


def walk_schema(schema, path, out, under_condition=False):
    """Collect (path, problem) for the house rules of the format schemas."""
    if not isinstance(schema, dict):
        return
    props = schema.get("properties")
    if isinstance(props, dict) and not under_condition:
        for name, sub in props.items():
            if not (isinstance(sub, dict) and isinstance(sub.get("description"), str)
                    and sub["description"].strip()):
                out.append("%s/properties/%s: no description" % (path, name))
        if schema.get("additionalProperties") is not False:
            out.append("%s: additionalProperties is not false" % path)
        if "^x-" not in schema.get("patternProperties", {}):
            out.append("%s: no patternProperties ^x-" % path)
    for key, sub in schema.items():
        cond = under_condition or key in ("if", "then", "else", "not")
        if key in ("properties", "$defs", "patternProperties"):
            for name, s in sub.items():
                walk_schema(s, "%s/%s/%s" % (path, key, name), out, cond)
        elif key in ("items", "additionalProperties", "propertyNames", "if",
                     "then", "else", "not"):
            walk_schema(sub, "%s/%s" % (path, key), out, cond)
        elif key in ("anyOf", "oneOf", "allOf"):
            for i, s in enumerate(sub):
                walk_schema(s, "%s/%s/%d" % (path, key, i), out, True)


def load_schemas():
    schemas = {}
    for fmt, rel in SCHEMAS.items():
        path = os.path.join(ROOT, rel)
        try:
            [(schema, _node)] = load_all(path)
        except Exception as e:  # noqa: BLE001 - report any loading problem
            check(False, "%s loads as YAML 1.2" % rel, str(e))
            continue
        check(True, "%s loads as YAML 1.2" % rel)
        try:
            Draft202012Validator.check_schema(schema)
            check(True, "%s is valid against the 2020-12 metaschema" % rel)
        except Exception as e:  # noqa: BLE001
            check(False, "%s is valid against the 2020-12 metaschema" % rel, str(e))
            continue
        expected_id = "urn:libpledge:schema:" + fmt.replace("/", "-")
        check(schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
              and schema.get("$id") == expected_id
              and isinstance(schema.get("title"), str)
              and schema.get("properties", {}).get("format", {}).get("const") == fmt,
              "%s has $schema, $id %s, a title and format const %s"
              % (rel, expected_id, fmt))
        problems = []
        walk_schema(schema, "", problems)
        check(not problems, "%s: every property described, every object closed "
              "with x- extensions" % rel, "\n".join(problems))
        schemas[fmt] = schema
    if len(schemas) == 2:
        a, b = schemas["pledge/1"]["$defs"], schemas["follow-up/1"]["$defs"]
        shared = sorted(set(a) & set(b))
        diff = [n for n in shared if a[n] != b[n]]
        check(not diff and {"id", "text", "date", "url", "source"} <= set(shared),
              "shared $defs are identical in both schemas (%s)" % ", ".join(shared),
              "differ: " + ", ".join(diff))
    return schemas


def validator_for(schemas, fmt):
    return Draft202012Validator(schemas[fmt], format_checker=FORMAT_CHECKER)


def schema_errors(schemas, data):
    """(format, errors) of one document, or (None, None) for an unknown format."""
    fmt = data.get("format") if isinstance(data, dict) else None
    if fmt not in schemas:
        return None, None
    return fmt, list(validator_for(schemas, fmt).iter_errors(data))


def describe(err):
    return "%s at /%s: %s" % (err.validator, "/".join(str(p) for p in err.absolute_path),
                             err.message)


# ---------------------------------------------------------------------------
# Positions: where libpledge points for an error (docs/pledge-validate.1)
# ---------------------------------------------------------------------------

def node_at(root, path):
    """The node at a JSON path (list of keys/indexes), and the key node
    that leads to it (None for the root or a sequence item)."""
    node, key_node = root, None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == step:
                    node, key_node = v, k
                    break
            else:
                return None, None
        elif isinstance(node, yaml.SequenceNode):
            node, key_node = node.value[step], None
        else:
            return None, None
    return node, key_node


def pos(node):
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def error_positions(err, root):
    """{(line, column, code)} libpledge reports for one jsonschema error:
    the value for a wrong value, the key for an unexpected key, the mapping
    for a missing key."""
    node, _ = node_at(root, list(err.absolute_path))
    if node is None:
        return set()
    code = err.validator
    if code == "additionalProperties" and isinstance(node, yaml.MappingNode):
        allowed = set(err.schema.get("properties", {}))
        patterns = [re.compile(p) for p in err.schema.get("patternProperties", {})]
        return {pos(k) + (code,) for k, _v in node.value
                if k.value not in allowed and not any(p.search(k.value) for p in patterns)}
    if code is None or err.validator_value is False:
        # a false subschema: the value of the forbidden key
        code = "false"
    return {pos(node) + (code,)}


_YAML11 = yaml.resolver.Resolver()
_YAML12 = Yaml12Loader("")


def yaml11_ambiguities(node, out):
    """Positions of plain scalars that YAML 1.1 reads as another type than
    YAML 1.2 does (yes/no/on/off, 010, 1:20…): yaml.ambiguous-scalar. Dates
    are left out: they are strings where the format wants them."""
    if isinstance(node, yaml.ScalarNode):
        if node.style is None:
            t11 = _YAML11.resolve(yaml.ScalarNode, node.value, (True, False))
            t12 = _YAML12.resolve(yaml.ScalarNode, node.value, (True, False))
            if t11 != t12 and t11 != "tag:yaml.org,2002:timestamp":
                out.add(pos(node))
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            yaml11_ambiguities(k, out)
            yaml11_ambiguities(v, out)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            yaml11_ambiguities(v, out)


def all_node_starts(node, out):
    out.add(pos(node))
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            out.add(pos(k))
            all_node_starts(v, out)
    elif isinstance(node, yaml.SequenceNode):
        for v in node.value:
            all_node_starts(v, out)


# ---------------------------------------------------------------------------
# Examples
# ---------------------------------------------------------------------------

def x_keys(data, path=""):
    """Paths of every key starting with x- (an extension)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if str(k).startswith("x-"):
                yield "%s/%s" % (path, k)
            yield from x_keys(v, "%s/%s" % (path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from x_keys(v, "%s/%d" % (path, i))


def check_real():
    """The real pledges hold every page's content in 1.1 keys: no x- key,
    each names its sources, and each has a follow-up where the page had one."""
    for rel in REAL:
        path = os.path.join(ROOT, rel)
        docs = load_all(path)
        with open(path, encoding="utf-8") as f:
            head = f.read().split("\nformat:", 1)[0]
        xs = [p for data, _n in docs for p in x_keys(data)]
        check(not xs, "%s: no x- key" % rel, ", ".join(xs))
        check("https://" in head or "http://" in head,
              "%s: names its sources in a comment" % rel)
        pledges = [d for d, _n in docs if d.get("format") == "pledge/1"]
        check(len(pledges) == 1, "%s: one pledge" % rel)


def check_examples(schemas):
    for rel in EXAMPLES:
        path = os.path.join(ROOT, rel)
        try:
            docs = load_all(path)
        except Exception as e:  # noqa: BLE001
            check(False, "%s loads as YAML 1.2" % rel, str(e))
            continue
        for i, (data, node) in enumerate(docs):
            fmt, errors = schema_errors(schemas, data)
            if fmt is None:
                check(False, "%s document %d has a known format" % (rel, i))
                continue
            check(not errors, "%s document %d is valid %s" % (rel, i, fmt),
                  "\n".join(describe(e) for e in errors))
            ambiguous = set()
            yaml11_ambiguities(node, ambiguous)
            check(not ambiguous, "%s document %d: no scalar that YAML 1.1 reads "
                  "differently" % (rel, i), "at " + ", ".join("%d:%d" % a for a in sorted(ambiguous)))


ALE_RESPONSIBLE = [  # the seed's activities, in order, with their parties
    ["kommun", "polis"], ["kommun"],                        # trafik, miljöer
    ["kommun", "polis"],                                    # näringsliv
    ["kommun"], ["kommun", "polis"], ["kommun", "polis"],   # övergripande
    ["kommun"], ["kommun"], ["kommun"], ["kommun", "polis"], ["kommun"],  # unga
]
TEXT_KEYS = {"title", "text", "description", "name", "note", "label", "focus",
             "summary"}


def texts(data, path=()):
    """(path, string) of every free text, the indicators' excepted (the seed
    has none: they are derived from its follow-up plan)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == "indicators":
                continue
            if k in TEXT_KEYS and isinstance(v, str):
                yield path + (k,), v
            else:
                yield from texts(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from texts(v, path + (i,))


def check_ale():
    """The reference example holds the whole seed, in the seed's words."""
    rel = EXAMPLES[0]
    [(ale, _node)] = load_all(os.path.join(ROOT, rel))
    activities = [a for t in ale["themes"] for a in t["activities"]]
    check(len(ale["themes"]) == 4 and len(activities) == 11
          and [a["responsible"] for a in activities] == ALE_RESPONSIBLE
          and not any("addresses" in a or "goals" in a for a in activities),
          "%s: 4 themes, 11 activities with the seed's responsible parties" % rel)
    check(len(ale["goals"]) == 4
          and all(len(g.get("indicators", [])) == 1
                  and g["indicators"][0]["unit"] == "percent"
                  and "direction" in g["indicators"][0]
                  and "baseline" not in g["indicators"][0]
                  and "target" not in g["indicators"][0] for g in ale["goals"]),
          "%s: 4 goals, each with one percent indicator, no figures" % rel)
    check(ale["period"] == {"start": 2024, "planned_years": 3,
                            "label": "2024 och tillsvidare"}
          and len(ale["situation"]["problems"]) == 3
          and len(ale["channels"]) == 5 and len(ale["contacts"]) == 1
          and {p["id"] for p in ale["parties"]} == {"kommun", "polis"},
          "%s: period as written, 3 problems, 5 channels, the contact" % rel)
    rel_f = EXAMPLES[1]
    [(fu, _node)] = load_all(os.path.join(ROOT, rel_f))
    statuses = {e["status"] for e in fu.get("activities", [])}
    check(statuses == {"not_started", "in_progress", "stalled", "partially_done",
                       "done", "cancelled", "not_assessable"}
          and len(fu.get("indicators", [])) >= 2
          and all(e.get("comment") or e.get("evidence") for e in fu["activities"]
                  if e["status"] in ("done", "partially_done")),
          "%s: every status, two or more measurements, done work documented" % rel_f)

    seed_path = os.path.join(ROOT, "..", "shared", "seed", "ale-medborgarlofte.txt")
    if not os.path.exists(seed_path):
        print("skip %s: wording against the seed (%s not found)" % (rel, seed_path))
        return
    with open(seed_path, encoding="utf-8") as f:
        seed = " ".join(f.read().split())
    missing = []
    for path, value in texts(ale):
        for para in value.split("\n"):
            para = " ".join(para.split())
            if para and para not in seed and (para[0].lower() + para[1:]) not in seed:
                missing.append("/%s: %s" % ("/".join(map(str, path)), para[:60]))
    check(not missing, "%s: every text is the seed's wording" % rel, "\n".join(missing))


EXPECT_RE = re.compile(r"^#\s*expect:\s*(\d+)\s+(\d+)\s+([A-Za-z][\w.-]*)\s*$")


def check_invalid(schemas):
    folder = os.path.join(ROOT, INVALID_DIR)
    files = sorted(f for f in os.listdir(folder) if f.endswith((".yaml", ".yml")))
    missing = [c for c in SEMANTIC_CODES if c + ".yaml" not in files]
    check(not missing, "%s holds a file per semantic code" % INVALID_DIR,
          "missing: " + ", ".join(missing))
    for name in files:
        rel = os.path.join(INVALID_DIR, name)
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        expects = set()
        for line in lines:
            m = EXPECT_RE.match(line)
            if m:
                expects.add((int(m.group(1)), int(m.group(2)), m.group(3)))
        if not check(expects, "%s has # expect: lines" % rel):
            continue
        codes = {c for _l, _c, c in expects}
        semantic = all(c.startswith(SEMANTIC_PREFIXES) or c in WARNING_CODES
                       for c in codes)
        try:
            docs = load_all(path)
        except Exception as e:  # noqa: BLE001
            # Only a yaml.* error may stop the reading.
            check(any(c.startswith("yaml.") and c not in WARNING_CODES for c in codes),
                  "%s: YAML reading fails as expected" % rel, str(e))
            continue

        starts = set()
        for _data, node in docs:
            all_node_starts(node, starts)
        wrong = sorted((l, c, code) for l, c, code in expects if (l, c) not in starts)
        check(not wrong, "%s: every expected position is the start of a node" % rel,
              "no node starts at: " + ", ".join("%d:%d %s" % w for w in wrong))
        ambiguous = set()
        for _data, node in docs:
            yaml11_ambiguities(node, ambiguous)
        expected_ambiguous = {(l, c) for l, c, code in expects if code == "yaml.ambiguous-scalar"}
        check(ambiguous == expected_ambiguous,
              "%s: yaml.ambiguous-scalar expected exactly where YAML 1.1 reads "
              "differently" % rel, "found at: %s" % sorted(ambiguous))

        found = set()
        details = []
        unknown_format = False
        for i, (data, node) in enumerate(docs):
            fmt, errors = schema_errors(schemas, data)
            if fmt is None:
                unknown_format = True
                continue
            for err in errors:
                details.append("document %d: %s" % (i, describe(err)))
                found |= error_positions(err, node)
        if semantic:
            ok = not found and (not unknown_format or "pledge.unknown-format" in codes)
            check(ok, "%s passes the schemas (its mistake is semantic: %s)"
                  % (rel, ", ".join(sorted(codes))), "\n".join(details))
        else:
            schema_expects = {e for e in expects if not e[2].startswith(SEMANTIC_PREFIXES)
                              and not e[2].startswith("yaml.")}
            # One diagnostic per mistake: where libpledge reports a format
            # error, JSON Schema also reports the pattern of that value.
            for l, c, code in list(found):
                if code == "pattern" and (l, c, "format") in schema_expects:
                    found.discard((l, c, "pattern"))
                    found.add((l, c, "format"))
            check(found == schema_expects,
                  "%s fails the schemas exactly as expected" % rel,
                  "expected: %s\nfound:    %s\n%s" % (
                      sorted(schema_expects), sorted(found), "\n".join(details)))


def main():
    print("python3-jsonschema, formats checked: %s"
          % ", ".join(f for f in ("date", "uri", "email") if f in FORMAT_CHECKER.checkers))
    check(all(f in FORMAT_CHECKER.checkers for f in ("date", "uri", "email")),
          "the format checker asserts date, uri and email")
    schemas = load_schemas()
    if len(schemas) == len(SCHEMAS):
        check_examples(schemas)
        check_ale()
        check_real()
        check_invalid(schemas)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
