"""The suite runs in a clone without `../shared`: the contract and the real files it needs are copied into
`tests/fixtures/`. Where `../shared` is there (a developer's machine, CI), the copies must equal it, so a
changed contract or example cannot go unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = ROOT / "tests" / "fixtures"
# (source, copy, pattern, whole): a whole copy holds every matching file of the source; the others a chosen few
COPIES = [
    (SHARED / "spec", FIXTURES / "spec", "*.md", True),
    (SHARED / "examples" / "declarator", FIXTURES / "declarator", "*.json", True),
    (SHARED / "real" / "link-train" / "docs", FIXTURES / "link-train" / "docs", "*.json", False),
    (SHARED / "real" / "link-train" / "docs", FIXTURES / "link_train", "*.json", False),
    (SHARED / "real" / "smart_parser", FIXTURES / "gorshkova", "*.json", False),
]


@pytest.mark.skipif(not SHARED.exists(), reason="no ../shared beside this clone")
@pytest.mark.parametrize(("source", "copy", "pattern", "whole"), COPIES, ids=lambda value: str(value))
def test_fixture_copies_equal_shared(source: Path, copy: Path, pattern: str, whole: bool):
    copies = {path.name: path.read_bytes() for path in copy.glob(pattern)}
    names = [path.name for path in source.glob(pattern)] if whole else list(copies)
    assert names, f"nothing matches {pattern} in {source if whole else copy}"
    stale = sorted(name for name in names if copies.get(name) != (source / name).read_bytes())
    assert not stale, f"copy with `cp {source}/{pattern} {copy}/`: {stale}"
