"""The suite runs in a clone without `../shared`: the contract and the real files it needs are copied into
`tests/fixtures/`. Where `../shared` is there (a developer's machine, CI), the copies must equal it, so a
changed contract or example cannot go unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
COPIES = [
    (SHARED / "spec", FIXTURES / "spec", "*.md"),
    (SHARED / "examples" / "declarator", FIXTURES / "declarator", "*.json"),
]


@pytest.mark.skipif(not SHARED.exists(), reason="no ../shared beside this clone")
@pytest.mark.parametrize(("source", "copy", "pattern"), COPIES, ids=lambda value: str(value))
def test_fixture_copies_equal_shared(source: Path, copy: Path, pattern: str):
    originals = {path.name: path.read_bytes() for path in source.glob(pattern)}
    copies = {path.name: path.read_bytes() for path in copy.glob(pattern)}
    assert originals, f"nothing matches {pattern} in {source}"
    stale = sorted(name for name in originals if copies.get(name) != originals[name])
    assert not stale, f"copy with `cp {source}/{pattern} {copy}/`: {stale}"
