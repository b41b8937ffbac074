"""Shared fixtures: real workbooks written to disk, real DuckDB stores."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from declarations.load import load_paths
from declarations.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "sample"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = FIXTURES / "declarator"  # copies of ../shared/examples/declarator (tests/test_fixtures.py keeps them equal)


def write_csv_workbook(folder: Path, sheets: dict[str, list[dict]]) -> Path:
    """A CSV workbook folder: one `<sheet>.csv` per sheet, header from the first row's keys."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in sheets.items():
        columns = list(dict.fromkeys(k for row in rows for k in row))
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def write_xlsx_workbook(path: Path, sheets: dict[str, list[dict]]) -> Path:
    """An .xlsx workbook: one sheet per entry, header row from the rows' keys, values as given."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        columns = list(dict.fromkeys(k for row in rows for k in row))
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(c) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def servant(person_id: str = "1", **fields) -> dict:
    row = {"person_id": person_id, "full_name": "Иванов Иван Иванович", "birth_date": "1980-05-01",
           "organisation": "Администрация", "department": "Отдел", "position": "Начальник отдела",
           "must_declare": "да", "procurement_role": "none"}
    row.update(fields)
    return row


def declaration(declaration_id: str, person_id: str = "1", year: int = 2023, **fields) -> dict:
    row = {"declaration_id": declaration_id, "person_id": person_id, "year": year, "subject": "self",
           "submitted_on": f"{year + 1}-04-01", "kind": "original"}
    row.update(fields)
    return row


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


def load(store: Store, *paths: Path):
    return list(load_paths(store, list(paths)))


# the rich hand-made workbook's store, for the publication, privacy and browser tests
from tests.rich_data import rich_store  # noqa: E402, F401  (a fixture, registered by being here)
