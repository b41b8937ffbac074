"""Layers only point down: core (`declarations`) ← `checks` ← `publish` ← the command-line app, which is the
only code that may import all three. `sample_data` is a generator beside the core; benchmarks and tests use
the packages, never the other way. Imports are read from the source (function-local ones included), so a
lower layer that reaches up fails here before it ties the packages into a knot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ("declarations.cli", "declarations.commands")  # the command-line app: may import every layer
# what each package must never import
FORBIDDEN = {
    "declarations": ("checks", "publish", "sample_data", "benchmarks", "tests"),
    "checks": ("publish", "sample_data", "benchmarks", "tests"),
    "publish": ("sample_data", "benchmarks", "tests"),
    "sample_data": ("checks", "publish", "benchmarks", "tests"),
    "benchmarks": ("tests",),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def modules():
    for package in FORBIDDEN:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield pytest.param(package, path, id=module_name(path))


@pytest.mark.parametrize(("package", "path"), list(modules()))
def test_a_module_imports_only_its_own_layer_and_those_below(package: str, path: Path):
    name = module_name(path)
    if name.startswith(APP):
        return
    upward = sorted(m for m in imported(path) if m.split(".")[0] in FORBIDDEN[package])
    assert not upward, f"{name} imports {upward}: a lower layer must not import a higher one"


def test_the_rule_catches_an_upward_import(tmp_path: Path):
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from publish import site\n", encoding="utf-8")
    assert "publish" in imported(module)
