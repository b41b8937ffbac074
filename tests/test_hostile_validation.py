"""Strict validation: nothing silently wrong is stored.

Infinite, not-a-number and absurd amounts, dates of impossible years, a second sheet or file for one
key (a hidden sheet named), paths with `[ ] * ?` read literally, repeated headers, correction
cycles and two corrections of one справка, a formula cell without a saved value — each refused
with a located Russian message, and nothing of the file loaded.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from declarations.errors import InputError
from declarations.load import load_paths
from tests.conftest import declaration, write_csv_workbook, write_xlsx_workbook
from tests.workbook_sheets import english_sheets


def issues_of(store, *paths: Path):
    with pytest.raises(InputError) as caught:
        list(load_paths(store, list(paths)))
    assert store.con.execute("SELECT count(*) FROM declarations").fetchall()[0][0] == 0
    return caught.value.issues


@pytest.mark.parametrize("amount", ["inf", "nan", "1e400", "-Infinity", "1e14"])
def test_non_finite_and_absurd_amounts_are_refused(store, tmp_path, amount):
    sheets = english_sheets()
    sheets["incomes"][0]["amount"] = amount
    [issue] = issues_of(store, write_csv_workbook(tmp_path / "wb", sheets))
    assert (issue.column, issue.found) == ("amount", amount)
    assert issue.expected.startswith("конечное число")


@pytest.mark.parametrize("column, value", [("submitted_on", "0202-04-01"), ("submitted_on", "01.04.2202")])
def test_dates_of_impossible_years_are_refused(store, tmp_path, column, value):
    sheets = english_sheets()
    sheets["declarations"][0][column] = value
    [issue] = issues_of(store, write_csv_workbook(tmp_path / "wb", sheets))
    assert (issue.column, issue.found, issue.expected) == (column, value, "дата между 1900 и 2100 годом")


def test_a_hidden_second_sheet_for_one_key_is_refused_and_named(store, tmp_path):
    path = write_xlsx_workbook(tmp_path / "book.xlsx", english_sheets())
    workbook = openpyxl.load_workbook(path)
    forged = workbook.copy_worksheet(workbook["incomes"])
    forged.title = "Доходы"
    forged["D2"] = 999_999_999
    forged.sheet_state = "veryHidden"
    workbook.move_sheet("Доходы", offset=-len(workbook.sheetnames))
    workbook.save(path)
    issues = issues_of(store, path)
    assert any("«Доходы» (очень скрытый)" in i.found and "«incomes»" in i.found for i in issues), issues


def test_two_csv_files_for_one_sheet_are_refused(store, tmp_path):
    folder = write_csv_workbook(tmp_path / "wb", english_sheets())
    shutil.copy(folder / "incomes.csv", folder / "Доходы.csv")
    [issue] = issues_of(store, folder)
    assert "incomes.csv" in issue.found and "Доходы.csv" in issue.found


def test_a_path_with_glob_characters_is_read_literally(store, tmp_path):
    folder = write_csv_workbook(tmp_path / "book [2024] *?", english_sheets())
    decoy = write_csv_workbook(tmp_path / "book 2 x", english_sheets())  # what `[2024]` would match as a glob
    (decoy / "declarations.csv").write_text("broken", encoding="utf-8")
    [result] = list(load_paths(store, [folder]))
    assert result.rows["declarations"] == 2
    xlsx = write_xlsx_workbook(tmp_path / "книга [1].xlsx", english_sheets())
    store.con.execute("DELETE FROM declarations")
    assert not list(load_paths(store, [xlsx]))[0].unchanged


def test_a_repeated_header_is_refused(store, tmp_path):
    folder = write_csv_workbook(tmp_path / "wb", english_sheets())
    path = folder / "incomes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",amount"] + [line + ",5" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    issues = issues_of(store, folder)
    assert any(i.column == "amount" and "повторяется" in i.found for i in issues), issues


def _with_corrections(tmp_path: Path, rows: list[dict]) -> Path:
    sheets = english_sheets()
    sheets["declarations"] += rows
    return write_csv_workbook(tmp_path / "wb", sheets)


def test_two_corrections_of_one_declaration_are_refused(store, tmp_path):
    folder = _with_corrections(tmp_path, [declaration("c1", "17", kind="corrected", corrects="d1"),
                                          declaration("c2", "17", kind="corrected", corrects="d1")])
    [issue] = issues_of(store, folder)
    assert issue.expected == "одна уточненная справка на каждую справку" and "d1" in issue.found


def test_a_correction_cycle_is_refused(store, tmp_path):
    folder = _with_corrections(tmp_path, [declaration("c1", "17", kind="corrected", corrects="c2"),
                                          declaration("c2", "17", kind="corrected", corrects="c1")])
    [issue] = issues_of(store, folder)
    assert "круг" in issue.found and "c1" in issue.found and "c2" in issue.found


def test_a_correction_chain_without_a_cycle_loads(store, tmp_path):
    folder = _with_corrections(tmp_path, [declaration("c1", "17", kind="corrected", corrects="d1"),
                                          declaration("c2", "17", kind="corrected", corrects="c1")])
    assert list(load_paths(store, [folder]))[0].rows["declarations"] == 4


def test_a_formula_without_a_saved_value_is_named(store, tmp_path):
    path = write_xlsx_workbook(tmp_path / "book.xlsx", english_sheets())
    workbook = openpyxl.load_workbook(path)
    workbook["incomes"]["C2"] = "=1000+474895"  # openpyxl saves the formula, never its value
    workbook.save(path)
    issues = issues_of(store, path)
    [issue] = issues
    assert (issue.found, issue.column, issue.row) == ("формула без значения", "amount", 2) and "C2" in issue.expected


def test_ocds_amounts_must_be_finite(store, tmp_path):
    release = {"ocid": "ocds-1", "date": "2024-01-10",
               "parties": [{"id": "b", "name": "Заказчик", "roles": ["buyer"],
                            "identifier": {"scheme": "RU-INN", "id": "7707083893"}},
                           {"id": "s", "name": "ООО Ромашка", "roles": ["tenderer"],
                            "identifier": {"scheme": "RU-INN", "id": "7736050003"}}],
               "buyer": {"id": "b"}, "tender": {"value": {"amount": 1e400}}}
    path = tmp_path / "ocds.json"
    path.write_text(json.dumps({"releases": [release]}).replace("Infinity", "1e400"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(load_paths(store, [path]))
    assert any(i.column == "amount" and i.expected.startswith("конечное число") for i in caught.value.issues)
