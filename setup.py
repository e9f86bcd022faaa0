# SPDX-License-Identifier: MIT
"""Builds the extension pledge._core with the project's CMake build.

pyproject.toml holds the metadata; this file only teaches setuptools'
build_ext to configure CMake for the running Python (the one pip runs),
build the target pledge_python (SWIG wrapper, the library's objects linked
in) and copy the module where setuptools packs it. The version is read from
include/pledge/version.h, as CMake reads it.
"""
import os
import re
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def version():
    with open(os.path.join(ROOT, "include", "pledge", "version.h"), encoding="utf-8") as f:
        text = f.read()
    parts = [re.search(rf"#define PLEDGE_VERSION_{p} (\d+)", text).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


class CMakeBuild(build_ext):
    """build_ext for the one extension, made by CMake."""

    def build_extension(self, ext):
        build_dir = os.path.abspath(os.path.join(self.build_temp, "cmake"))
        os.makedirs(build_dir, exist_ok=True)
        config = "Debug" if self.debug else "Release"
        cmake = os.environ.get("CMAKE", "cmake")
        subprocess.check_call([
            cmake, "-S", ROOT, "-B", build_dir,
            f"-DCMAKE_BUILD_TYPE={config}",
            f"-DPython3_EXECUTABLE={sys.executable}",
            # this interpreter's headers, even in a venv or under pyenv
            f"-DPython3_INCLUDE_DIR={sysconfig.get_paths()['include']}",
            "-DBUILD_TESTING=OFF",
            "-DPLEDGE_BINDINGS=ON",
        ])
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.check_call([cmake, "--build", build_dir, "--target", "pledge_python",
                               "--config", config, "-j", jobs])
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        built = os.path.join(build_dir, "bindings", "python", "pledge", "_core" + suffix)
        if not os.path.exists(built):
            raise RuntimeError(f"CMake did not build {built}: are SWIG 4 and the Python "
                               "headers installed? (see docs/python.md)")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)


setup(
    version=version(),
    ext_modules=[Extension("pledge._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
)
