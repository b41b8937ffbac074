"""docs/analysts.md: every SQL example runs on a real store with flags, and the analyst views exist
and are documented."""

from __future__ import annotations

import re

import pytest

from tests.check_books import account, flat, run_and_save, workbook
from tests.conftest import ROOT, declaration, load

DOC = ROOT / "docs" / "analysts.md"
VIEWS = ("declaration_pairs", "effective_incomes", "effective_real_estate", "effective_vehicles",
         "effective_accounts", "submission_status", "flags_view", "flag_counts")


def examples() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture
def checked(store, tmp_path):
    load(store,
         workbook(tmp_path, 2021, real_estate=[flat("2021-1")], accounts=[account("2021-1")]),
         workbook(tmp_path, 2023, accounts=[account("2023-1"),
                                            account("2023-1", account_number="40817810000000000009",
                                                    opened_on="2019-01-01")],
                  declarations=[declaration("2023-1", "1", 2023, submitted_on="2024-05-06")]))
    run_and_save(store)
    return store


def test_there_are_examples():
    assert len(examples()) >= 8


@pytest.mark.parametrize("number", range(len(examples())))
def test_every_example_runs(checked, number):
    sql = examples()[number]
    rows = checked.con.execute(sql).fetchall()
    assert isinstance(rows, list)


def test_examples_find_what_they_say(checked):
    by_first_line = {sql.splitlines()[0]: sql for sql in examples()}
    gone = next(sql for line, sql in by_first_line.items() if "disappeared" in line)
    assert checked.con.execute(gone).fetchall()[0][-1] == "50:12:0000000:123"
    gaps = next(sql for line, sql in by_first_line.items() if "missing year" in line)
    assert checked.con.execute(gaps).fetchall()[0][-1] == [2022]


def test_analyst_views_are_documented_in_the_store(checked):
    comments = dict(checked.con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
    for view in VIEWS:
        assert comments.get(view), view
        assert f"`{view}`" in DOC.read_text(encoding="utf-8")
