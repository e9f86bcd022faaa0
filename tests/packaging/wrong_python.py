# SPDX-License-Identifier: MIT
"""python3 wrong_python.py MODULE INIT_PY: importing pledge under a Python the
C module was not built for says which Python it was built for.

Another Python (3.12 for a module built for 3.11) sees the package with a
_core file named for another ABI. This makes exactly that package: the real
__init__.py beside the real module renamed to another version's name (and,
second case, no module at all), and imports it in a fresh interpreter.
Prints "N passed, N failed".
"""
import os
import subprocess
import sys
import sysconfig
import tempfile

from tally import check, finish

module, init_py = sys.argv[1], sys.argv[2]


def import_error(files):
    with tempfile.TemporaryDirectory() as tmp:
        pkg = os.path.join(tmp, "pledge")
        os.mkdir(pkg)
        with open(init_py, "rb") as src, open(os.path.join(pkg, "__init__.py"), "wb") as dst:
            dst.write(src.read())
        for name in files:
            with open(module, "rb") as src, open(os.path.join(pkg, name), "wb") as dst:
                dst.write(src.read())
        run = subprocess.run([sys.executable, "-c", "import pledge"], cwd=tmp,
                             env=dict(os.environ, PYTHONPATH=tmp, PYTHONDONTWRITEBYTECODE="1"),
                             capture_output=True, text=True, check=False)
        print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "(no error)")
        return run.returncode, run.stderr


# The module of this Python imports (the control case).
suffix = sysconfig.get_config_var("EXT_SUFFIX")
rc, err = import_error(["_core" + suffix])
check(rc == 0, f"the module named {suffix} imports: {err}")

# Built for another CPython: the message names it and the running Python.
other_minor = sys.version_info[1] + 1
other = f"_core.cpython-3{other_minor}-x86_64-linux-gnu.so"
rc, err = import_error([other])
last = err.strip().splitlines()[-1] if err.strip() else ""
check(rc != 0, "import fails")
check(f"built for CPython 3.{other_minor}" in last, "names the Python it was built for")
check(f"this CPython {sys.version_info[0]}.{sys.version_info[1]}" in last, "names the running Python")
check("circular import" not in err, "no misleading circular-import message")
check("docs/python.md" in last, "points at docs/python.md")

# No module at all.
rc, err = import_error([])
check(rc != 0 and "C module (_core) is missing" in err, "a missing module is said so")

finish()
