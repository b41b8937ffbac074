"""The bundled sample (sample_data/sample, made by sample_data.generator) against its manifest:
every planted case of sections С, В, Д is found, every planted hard negative is not, and the
background raises nothing else."""

from __future__ import annotations

import json

import pytest

from checks.registry import CODES
from tests.check_books import check
from tests.conftest import SAMPLE, load

WORKBOOKS = ("declarations_2021.xlsx", "declarations_2022.xlsx", "declarations_2023", "declarations_2024")


@pytest.fixture(scope="module")
def sample_flags(tmp_path_factory):
    if not (SAMPLE / "manifest.json").exists():
        pytest.skip("no bundled sample")
    from declarations.store import Store

    with Store(tmp_path_factory.mktemp("sample") / "sample.duckdb") as store:
        load(store, *[SAMPLE / name for name in WORKBOOKS])
        return check(store)


def _cases():
    if not (SAMPLE / "manifest.json").exists():
        return []
    manifest = json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))
    return [c for c in manifest["cases"] if c["code"] in CODES]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: f"{c['expect']}-{c['code']}-{c['person_id']}-{c['year']}")
def test_planted_case(sample_flags, case):
    found = {(f.code, f.person_id, f.year) for f in sample_flags}
    key = (case["code"], case["person_id"], case["year"])
    if case["expect"] == "flag":
        assert key in found, case["what"]
    else:
        assert key not in found, case["what"]


def test_every_code_is_planted_and_nothing_else_is_found(sample_flags):
    planted = {(c["code"], c["person_id"], c["year"]) for c in _cases() if c["expect"] == "flag"}
    assert {code for code, _, _ in planted} == set(CODES)
    extra = [(f.code, f.person_id, f.year, f.message) for f in sample_flags
             if (f.code, f.person_id, f.year) not in planted]
    assert extra == []
