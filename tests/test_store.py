"""The store as analysts see it: schema, documentation, versions, atomic loads."""

from __future__ import annotations

import duckdb
import pytest

from declarations.model import ALL_SHEETS
from declarations.schema_docs import schema_markdown
from declarations.store import SCHEMA_VERSION, Store, StoreError
from tests.conftest import ROOT, load, write_csv_workbook
from tests.workbook_sheets import english_sheets


def test_every_model_column_is_a_store_column(store):
    for sheet in ALL_SHEETS:
        columns = set(store.table_columns(sheet.key))
        assert set(sheet.columns) <= columns, sheet.key


def test_every_table_and_column_is_documented(store):
    undocumented = store.con.execute(
        """SELECT c.table_name || '.' || c.column_name FROM duckdb_columns() c
           JOIN duckdb_tables() t USING (table_name)
           WHERE NOT t.internal AND c.table_name != 'schema_migrations' AND coalesce(c.comment, '') = ''"""
    ).fetchall()
    assert undocumented == []
    tables = store.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE coalesce(comment, '') = '' AND table_name != 'schema_migrations'"
    ).fetchall()
    assert tables == []


def test_private_columns_are_marked_in_the_store(store):
    comment = store.con.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'relatives' AND column_name = 'full_name'").fetchone()[0]
    assert "PRIVATE" in comment


def test_docs_schema_md_is_up_to_date(store):
    documented = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert documented == schema_markdown(store.con), "run: declarations schema --db /tmp/x.duckdb > docs/schema.md"


def test_schema_version_and_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as first:
        assert first.schema_version() == SCHEMA_VERSION
    with Store(path) as again:
        count = again.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]
        assert count == len(again.con.execute("SELECT DISTINCT version FROM schema_migrations").fetchall())


def test_store_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "future.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations VALUES (999, '999_future.sql', now())")
    con.close()
    with pytest.raises(StoreError, match="более новой версией"):
        Store(path)


def test_a_store_of_schema_3_is_upgraded_in_place_with_its_data(tmp_path):
    """Last year's store (before servants had former names) opens with its rows and gains the column."""
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        load(store, write_csv_workbook(tmp_path / "wb", english_sheets()))
        servants = store.con.execute("SELECT count(*) FROM servants").fetchone()[0]
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE servants DROP COLUMN former_names")
    con.execute("DELETE FROM schema_migrations WHERE version = 4")
    con.close()
    with Store(path) as upgraded:
        assert upgraded.schema_version() == SCHEMA_VERSION
        assert upgraded.con.execute("SELECT count(*) FROM servants WHERE former_names IS NULL").fetchone()[0] == servants
        assert servants > 0


def test_failure_inside_a_load_rolls_everything_back(store, tmp_path, monkeypatch):
    load(store, write_csv_workbook(tmp_path / "v1", english_sheets()))
    sheets = english_sheets()
    sheets["incomes"][0]["amount"] = "2000000"
    original_insert = Store._insert

    def failing_insert(self, table, frame):
        if table == "vehicles":
            raise RuntimeError("disk full")
        original_insert(self, table, frame)

    monkeypatch.setattr(Store, "_insert", failing_insert)
    with pytest.raises(RuntimeError):
        load(store, write_csv_workbook(tmp_path / "v2", sheets))
    assert store.con.execute("SELECT amount FROM incomes WHERE income_type='main_job'").fetchall() == [(1474895.0,)]
    assert store.con.execute("SELECT count(*) FROM loads").fetchone() == (1,)


def test_analyst_can_open_the_file_with_plain_duckdb(tmp_path):
    path = tmp_path / "analyst.duckdb"
    with Store(path) as store:
        load(store, write_csv_workbook(tmp_path / "wb", english_sheets()))
    con = duckdb.connect(str(path), read_only=True)
    rows = con.execute("SELECT subject, income_total FROM subject_year_totals ORDER BY subject").fetchall()
    assert rows == [("self", 1474895.0), ("spouse", 300000.0)]


