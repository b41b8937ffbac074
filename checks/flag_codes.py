"""The catalogue in the store: the `flag_codes` and `flag_labels` tables the analyst views join.

The core package may not import `checks`, so the tables (created empty by migration
007_flag_codes.sql) are filled from `checks/catalogue.py` by every saved run, in the run's
own transaction: wherever there are flags, their codes are described by the program that
raised them. Rows are upserted, never deleted, so a code a newer version dropped keeps its
labels for the flags it left behind. A store that only had `load` has no flags and empty
tables: the views return no rows rather than wrong ones.
"""

from __future__ import annotations

import duckdb

from checks.catalogue import CATALOGUE, FAMILIES, SEVERITIES, STATUSES

CODE_COLUMNS = ("code", "position", "family", "family_ru", "severity", "severity_ru", "title", "description",
                "finding", "reason")


def code_rows() -> list[tuple]:
    return [(c.code, n, c.family, c.family_ru, c.severity, c.severity_ru, c.title, c.description, c.finding,
             c.reason) for n, c in enumerate(CATALOGUE, start=1)]


def label_rows() -> list[tuple[str, str, str, int]]:
    rows = []
    for kind, labels in (("family", FAMILIES), ("severity", SEVERITIES), ("status", STATUSES)):
        rows += [(kind, value, label, n) for n, (value, label) in enumerate(labels.items(), start=1)]
    return rows


def write_flag_codes(con: duckdb.DuckDBPyConnection) -> None:
    """Upsert the catalogue's codes and labels (inside the caller's transaction)."""
    marks = ", ".join("?" for _ in CODE_COLUMNS)
    con.executemany(f"INSERT OR REPLACE INTO flag_codes ({', '.join(CODE_COLUMNS)}) VALUES ({marks})", code_rows())
    con.executemany("INSERT OR REPLACE INTO flag_labels (kind, value, label_ru, position) VALUES (?, ?, ?, ?)",
                    label_rows())
