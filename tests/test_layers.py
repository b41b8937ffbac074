"""Layers only point down: core (`declarations`) ← `checks` ← `publish` ← the command-line app, which is the
only code that may import all three. `sample_data` is a generator beside the core; benchmarks and tests use
the packages, never the other way. Imports are read from the source (function-local ones included), so a
lower layer that reaches up fails here before it ties the packages into a knot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = "declarations.cli"  # the command-line app (a subpackage of the core's name): may import every package
# what each package must never import
FORBIDDEN = {
    "declarations": ("checks", "publish", "sample_data", "benchmarks", "tests", APP),
    "checks": ("publish", "sample_data", "benchmarks", "tests", APP),
    "publish": ("sample_data", "benchmarks", "tests", APP),
    "sample_data": ("checks", "publish", "benchmarks", "tests", APP),
    APP: ("benchmarks", "tests"),
    "benchmarks": ("tests",),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(name: str, is_package: bool, level: int) -> str:
    """The package a relative import of `level` dots starts from, in the module `name`."""
    parts = name.split(".") if is_package else name.split(".")[:-1]
    return ".".join(parts[:len(parts) - (level - 1)])


def imported(path: Path, name: str | None = None) -> set[str]:
    """Every module the source at `path` (the module `name`) imports: plain and relative imports,
    function-local ones, and `importlib.import_module("…")` with a written name."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(name or module_name(path), path.name == "__init__.py", node.level)
                base = f"{package}.{base}" if base else package
            names.add(base)  # `from declarations import cli` imports the app: name the submodule too
            names.update(f"{base}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"):
            names.add(node.args[0].value)
    return names


def layer(name: str) -> str:
    """The package a module belongs to; the app is its own layer although it lives inside `declarations`."""
    return APP if name == APP or name.startswith(APP + ".") else name.split(".")[0]


def modules():
    for package in ("declarations", "checks", "publish", "sample_data", "benchmarks"):
        for path in sorted((ROOT / package).rglob("*.py")):
            yield pytest.param(path, id=module_name(path))


def upward_imports(name: str, names: set[str]) -> list[str]:
    return sorted(m for m in names if layer(m) in FORBIDDEN[layer(name)])


@pytest.mark.parametrize("path", list(modules()))
def test_a_module_imports_only_its_own_layer_and_those_below(path: Path):
    name = module_name(path)
    upward = upward_imports(name, imported(path))
    assert not upward, f"{name} imports {upward}: a lower layer must not import a higher one"


def test_tests_use_the_packages_and_never_the_benchmarks_or_each_other():
    """A test file imported by another runs its tests twice and ties them together; a test that imports
    `benchmarks` tests the measuring scripts instead of the package. Shared helpers live in `tests/conftest.py`
    or in a helper module whose name is not `test_*`."""
    wrong = {}
    for path in sorted((ROOT / "tests").rglob("*.py")):
        names = imported(path)
        bad = sorted(m for m in names if m.split(".")[0] == "benchmarks"
                     or (m.startswith("tests.") and m.split(".")[-1].startswith("test_")))
        if bad:
            wrong[module_name(path)] = bad
    assert not wrong, f"tests importing benchmarks or other test files: {wrong}"


def test_the_rule_catches_an_upward_import(tmp_path: Path):
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from publish import site\n", encoding="utf-8")
    assert "publish" in imported(module)
    assert upward_imports("checks.rules", imported(module)) == ["publish", "publish.site"]


def test_relative_and_importlib_imports_are_read(tmp_path: Path):
    module = tmp_path / "x.py"
    module.write_text("from .. import cli\nfrom ..cli import verbs\nimport importlib\n"
                      "importlib.import_module('publish.report')\n", encoding="utf-8")
    names = imported(module, "declarations.normalise.x")
    assert upward_imports("declarations.normalise.x", names) == ["declarations.cli", "declarations.cli.verbs",
                                                                 "publish.report"]


def test_every_describer_of_the_catalogue_lives_in_checks():
    """Describers are imported by name when a flag is rendered: a name pointing up would escape the reading above."""
    from checks.catalogue import CATALOGUE

    assert [c.describer for c in CATALOGUE if c.describer and not c.describer.startswith("checks.")] == []


@pytest.mark.parametrize(("module", "imports"), [
    ("declarations.store", "checks.flags"),  # the core reaching up to the checks
    ("declarations.settings", "publish.site"),
    ("declarations.load", "declarations.cli.console"),  # the core reaching into its own app
    ("checks.rules", "publish.calendar"),
    ("publish.site", "declarations.cli"),
    ("checks.flags", "benchmarks.run"),
    ("publish.report", "tests.conftest"),
    ("declarations.cli.commands", "benchmarks.run"),
])
def test_every_kind_of_upward_import_is_refused(module: str, imports: str):
    assert upward_imports(module, {imports}) == [imports]


@pytest.mark.parametrize(("module", "imports"), [
    ("declarations.cli.commands", "publish.publisher"),
    ("declarations.cli.verbs", "checks.flags"),
    ("publish.report_data", "checks.matching.findings"),
    ("checks.runner", "declarations.store"),
    ("benchmarks.run", "declarations.cli"),
])
def test_downward_imports_are_allowed(module: str, imports: str):
    assert upward_imports(module, {imports}) == []


def test_commands_return_results_and_only_the_verbs_print_or_exit():
    """The commands are called by the verbs, the demo and tests alike: they hand back what they did and raise a
    `UsageError` for a mistake, so that printing and exit codes stay in one place (`verbs`, `console`)."""
    path = ROOT / "declarations" / "cli" / "commands.py"
    names = imported(path)
    assert not sorted(m for m in names if m.split(".")[0] in ("typer", "rich", "sys")
                      or m.startswith("declarations.cli.console")), names
    calls = {node.func.id for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not calls & {"print", "say", "detail", "fail", "exit"}, calls
