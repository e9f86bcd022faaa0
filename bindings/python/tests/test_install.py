# SPDX-License-Identifier: MIT
"""cmake --install puts a working package into the interpreter's package
folder below the prefix: with --prefix, and staged with DESTDIR. The module
carries the library inside (it needs no installed libpledge)."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

from pledgetest import ALE, load_tests  # noqa: F401

BUILD = os.environ.get("PLEDGE_BUILD_DIR")
CMAKE = os.environ.get("PLEDGE_CMAKE") or shutil.which("cmake")
INSTALL_DIR = os.environ.get("PLEDGE_PYTHON_INSTALL_DIR")


@unittest.skipUnless(BUILD and CMAKE and INSTALL_DIR, "run by ctest, which names the build")
class InstallTest(unittest.TestCase):
    def install(self, prefix: str, destdir: str | None) -> pathlib.Path:
        env = dict(os.environ)
        env.pop("DESTDIR", None)
        if destdir:
            env["DESTDIR"] = destdir
        subprocess.run([CMAKE, "--install", BUILD, "--component", "python", "--prefix", prefix],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        root = pathlib.Path((destdir or "") + prefix) if destdir else pathlib.Path(prefix)
        return root / INSTALL_DIR  # type: ignore[operator]

    def check_package(self, site: pathlib.Path) -> None:
        package = site / "pledge"
        names = sorted(p.name for p in package.iterdir())
        self.assertIn("__init__.py", names)
        self.assertIn("__init__.pyi", names)
        self.assertIn("py.typed", names)
        modules = [n for n in names if n.startswith("_core.") and n.endswith(".so")]
        self.assertEqual(len(modules), 1, names)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["PYTHONPATH"] = str(site)
        code = ("import pledge, sys; doc = pledge.load(sys.argv[1]); "
                "print(pledge.__file__); print(doc.activity('informera').text)")
        out = subprocess.run([sys.executable, "-c", code, str(ALE)], check=True, env=env,
                             cwd=site, capture_output=True, text=True).stdout.splitlines()
        self.assertEqual(out[0], str(package / "__init__.py"))
        self.assertEqual(out[1], "Informera om brottsförebyggande och trygghetsskapande åtgärder.")
        ldd = shutil.which("ldd")
        if ldd:
            deps = subprocess.run([ldd, str(package / modules[0])], capture_output=True,
                                  text=True).stdout
            self.assertNotIn("libpledge", deps)

    def test_prefix(self) -> None:
        self.assertFalse(os.path.isabs(INSTALL_DIR or ""), "the folder is relative to the prefix")
        with tempfile.TemporaryDirectory() as tmp:
            site = self.install(os.path.join(tmp, "prefix"), None)
            self.assertTrue(str(site).startswith(os.path.join(tmp, "prefix") + os.sep))
            self.check_package(site)

    def test_destdir(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            site = self.install("/usr/local", os.path.join(tmp, "stage"))
            self.assertEqual(site, pathlib.Path(tmp, "stage", "usr", "local", INSTALL_DIR or ""))
            self.check_package(site)


if __name__ == "__main__":
    unittest.main()
