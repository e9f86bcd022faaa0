# SPDX-License-Identifier: MIT
"""python3 readme_python.py SOURCE_DIR: the ```python blocks of README.md run
as written, from the root of the repository (PYTHONPATH: the built module).
Prints "N passed, N failed"."""
import contextlib
import io
import os
import re
import sys

root = os.path.abspath(sys.argv[1])
os.chdir(root)
with open("README.md", encoding="utf-8") as f:
    blocks = re.findall(r"^```python\n(.*?)^```$", f.read(), re.S | re.M)
passed = failed = 0
for code in blocks:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
        print(out.getvalue(), end="")
        passed += 1
    except Exception as error:  # noqa: BLE001 - any failure of a snippet is reported
        failed += 1
        print(f"FAIL: README.md python block: {type(error).__name__}: {error}\n{code}")
if not blocks:
    failed += 1
    print("FAIL: README.md has no python block")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
