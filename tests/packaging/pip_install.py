# SPDX-License-Identifier: MIT
"""python3 pip_install.py SOURCE_DIR WORK_DIR: `pip install .` as a user does it.

Copies the source tree (without build trees) to WORK_DIR/src, makes a venv
with --system-site-packages (so that Debian's python3-setuptools and
python3-wheel serve as build tools), runs
`pip install --no-build-isolation --no-index ./src` in it, and imports the
installed module from outside the source tree. Then the same from the
source distribution that `setup.py sdist` makes of the copy (MANIFEST.in
must bring everything the CMake build reads), in a second venv.
Prints "N passed, N failed".
"""
import os
import shutil
import subprocess
import sys

from tally import check, finish

source, work = sys.argv[1], sys.argv[2]


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
anywhere = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", "build.luarocks")
at_root = shutil.ignore_patterns("build", "build-*", "obj-*", "_*")  # build trees (.gitignore)


def ignore(folder, names):
    skipped = set(anywhere(folder, names))
    if os.path.samefile(folder, source):
        skipped |= set(at_root(folder, names))
    return skipped


src = os.path.join(work, "src")
shutil.copytree(source, src, ignore=ignore)
env = dict(os.environ, CMAKE_BUILD_PARALLEL_LEVEL="2", PIP_DISABLE_PIP_VERSION_CHECK="1")
env.pop("PYTHONPATH", None)


def install_and_import(name, what):
    """pip install WHAT in a new venv WORK_DIR/NAME, then import it there."""
    venv = os.path.join(work, name)
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True)
    py = os.path.join(venv, "bin", "python")
    run = subprocess.run([py, "-m", "pip", "install", "--no-build-isolation", "--no-index", what],
                         env=env, capture_output=True, text=True, check=False)
    check(run.returncode == 0, f"pip install {what}:\n" + run.stdout[-3000:] + run.stderr[-3000:])
    probe = f"""
import os, pledge
print(pledge.__file__)
here = os.path.dirname(pledge.__file__)
assert here.startswith({venv!r}), here
for f in ("__init__.pyi", "py.typed"):
    assert os.path.exists(os.path.join(here, f)), f
doc = pledge.load({os.path.join(source, "examples", "ale-2024.yaml")!r})
assert len(doc.activities) == 11
print(pledge.__version__, doc.id)
"""
    run = subprocess.run([py, "-c", probe], env=env, cwd=work, capture_output=True, text=True,
                         check=False)
    print(run.stdout.strip())
    check(run.returncode == 0, f"import from the venv of {what}:\n" + run.stderr)


install_and_import("venv", src)

# The sdist, made from the copy (no build tree in it), builds and installs
# with nothing but what it holds.
dist = os.path.join(work, "dist")
run = subprocess.run([sys.executable, "setup.py", "-q", "sdist", "-d", dist], cwd=src, env=env,
                     capture_output=True, text=True, check=False)
check(run.returncode == 0, "setup.py sdist:\n" + run.stdout[-3000:] + run.stderr[-3000:])
tarballs = sorted(os.listdir(dist)) if os.path.isdir(dist) else []
check(len(tarballs) == 1 and tarballs[0].endswith(".tar.gz"), f"one sdist: {tarballs}")
if tarballs:
    install_and_import("venv-sdist", os.path.join(dist, tarballs[0]))

finish()
