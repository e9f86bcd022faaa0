# SPDX-License-Identifier: MIT
"""The type stubs (__init__.pyi) describe the package as it is: the same
public names, classes with the same public members, functions with the same
parameters; and py.typed ships beside them."""
from __future__ import annotations

import ast
import inspect
import pathlib
import unittest

import pledge
from pledgetest import load_tests  # noqa: F401

PACKAGE = pathlib.Path(pledge.__file__).parent


def stub_tree() -> ast.Module:
    return ast.parse((PACKAGE / "__init__.pyi").read_text(encoding="utf-8"))


def stub_members(tree: ast.Module) -> dict[str, set[str] | None]:
    """Top-level names of the stub; for classes, their member names."""
    out: dict[str, set[str] | None] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names: set[str] = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    names.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    names.add(item.target.id)
            out[node.name] = names
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[node.name] = None
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out[node.target.id] = None
    return out


def public_members(cls: type) -> set[str]:
    names = set()
    for klass in cls.__mro__:
        if klass in (object, Exception, BaseException):
            continue
        declared = list(vars(klass)) + list(vars(klass).get("__annotations__", {}))
        for name in declared:
            if not name.startswith("_"):
                names.add(name)
    return names


def stub_class_members(stubs: dict[str, set[str] | None], name: str, tree: ast.Module) -> set[str]:
    """A stub class's members with those of its stub base classes."""
    bases = {n.name: [b.id for b in n.bases if isinstance(b, ast.Name)]
             for n in tree.body if isinstance(n, ast.ClassDef)}
    members = set(stubs[name] or ())
    for base in bases.get(name, []):
        if base in stubs:
            members |= stub_class_members(stubs, base, tree)
    return {m for m in members if not m.startswith("_")}


class StubTest(unittest.TestCase):
    def test_files_ship_beside_the_module(self) -> None:
        self.assertTrue((PACKAGE / "__init__.pyi").is_file())
        self.assertTrue((PACKAGE / "py.typed").is_file())

    def test_every_public_name(self) -> None:
        stubs = stub_members(stub_tree())
        for name in pledge.__all__:
            with self.subTest(name=name):
                self.assertIn(name, stubs)

    def test_class_members(self) -> None:
        tree = stub_tree()
        stubs = stub_members(tree)
        for name in pledge.__all__:
            obj = getattr(pledge, name)
            if not inspect.isclass(obj):
                continue
            with self.subTest(cls=name):
                self.assertEqual(stub_class_members(stubs, name, tree) - {"format"},
                                 public_members(obj) - {"format", "args", "with_traceback",
                                                        "add_note"})

    def test_function_parameters(self) -> None:
        tree = stub_tree()
        functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        for name in pledge.__all__:
            obj = getattr(pledge, name)
            if not inspect.isfunction(obj):
                continue
            with self.subTest(function=name):
                stub = functions[name].args
                stub_params = [a.arg for a in stub.posonlyargs + stub.args + stub.kwonlyargs]
                if stub.vararg:
                    stub_params.append("*" + stub.vararg.arg)
                real = []
                for p in inspect.signature(obj).parameters.values():
                    real.append(("*" + p.name) if p.kind is p.VAR_POSITIONAL else p.name)
                self.assertEqual(sorted(stub_params), sorted(real))


if __name__ == "__main__":
    unittest.main()
