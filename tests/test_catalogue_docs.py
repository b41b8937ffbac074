"""The tables of finding codes in README.md, docs/analysts.md and checks/registry.py are generated from
checks/catalogue.py (`make docs`): this fails when one is stale, as sqlite-utils' `cog --check` does."""

from __future__ import annotations

import shutil

from cogapp import Cog

from checks.catalogue import CATALOGUE
from checks.catalogue_docs import DOC_FILES
from tests.conftest import ROOT


def cog_check(*paths: str) -> int:
    return Cog().main(["cog", "--check", *paths])


def test_the_generated_tables_are_up_to_date(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert cog_check(*DOC_FILES) == 0, "a table of finding codes is stale: run `make docs`"


def test_every_code_is_in_each_generated_doc():
    for path in DOC_FILES:
        text = (ROOT / path).read_text(encoding="utf-8")
        missing = [c.code for c in CATALOGUE if c.code not in text]
        assert missing == [], path


def test_a_hand_edited_table_is_caught(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the cog blocks import `checks` from the project
    stale = tmp_path / "analysts.md"
    shutil.copy(ROOT / "docs" / "analysts.md", stale)
    text = stale.read_text(encoding="utf-8")
    stale.write_text(text.replace("| `INCOME_JUMP` | Д | medium |", "| `INCOME_JUMP` | Д | high |"), encoding="utf-8")
    assert stale.read_text(encoding="utf-8") != text
    assert cog_check(str(stale)) != 0
