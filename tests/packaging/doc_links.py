# SPDX-License-Identifier: MIT
"""python3 doc_links.py SOURCE_DIR: every reference of the documentation is
to a file of the repository.

In README.md and docs/*.md: each relative Markdown link (anchor dropped)
names a file or folder that exists, relative to the page; so does every
other NAME.md in the prose (beside the page or from the root); each path in
backticks that starts with a top-level folder of the repository (docs/,
examples/, bindings/, ...) and is a plain path (no placeholder, wildcard
or "…") exists, relative to the root. Prints "N passed, N failed".
"""
import os
import re
import sys

root = os.path.abspath(sys.argv[1])
top = ("docs/", "examples/", "bindings/", "tools/", "scripts/", "include/", "schema/",
       "tests/", "src/", "cmake/", "debian/", "bench/")
passed = failed = 0
pages = ["README.md"] + sorted(os.path.join("docs", n) for n in os.listdir(os.path.join(root, "docs"))
                               if n.endswith(".md"))
for page in pages:
    with open(os.path.join(root, page), encoding="utf-8") as f:
        text = f.read()
    here = os.path.dirname(os.path.join(root, page))
    # Fenced code is shell and data, not references.
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    refs = []
    for m in re.finditer(r"\]\(([^)\s]+)\)", prose):
        target = m.group(1)
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        refs.append((target, os.path.join(here, target.split("#")[0])))
    for m in re.finditer(r"`([^`\s]+)`", prose):
        target = m.group(1).rstrip(".,:;")
        if target.startswith(top) and not re.search(r"[<>*{}…?$]|\.\.\.", target):
            refs.append((target, os.path.join(root, target)))
    # Any other page named in the prose (cli.md, ../shared/style.md): it
    # exists beside the page or from the root.
    for m in re.finditer(r"(?<![\w/.:#-])((?:\.\./)*[\w.-]+(?:/[\w.-]+)*\.md)\b", prose):
        target = m.group(1)
        beside = os.path.join(here, target)
        refs.append((target, beside if os.path.exists(beside) else os.path.join(root, target)))
    for target, path in refs:
        if os.path.exists(path):
            passed += 1
        else:
            failed += 1
            print(f"FAIL: {page}: {target} does not exist")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
