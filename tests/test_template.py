"""`declarations template`: the year's workbook generated from the model, pre-filled from last year's store,
and loading it untouched (an empty year) — without LibreOffice (the round trip is in test_workbook_roundtrip)."""

from __future__ import annotations

import openpyxl
import pytest

from declarations.model import OFFICER_NOTES, WORKBOOK_SHEETS
from declarations.store import Store
from declarations.template import LISTS_SHEET, write_template
from declarations.template_marker import MARKER_SHEET, read_marker
from declarations.template_prefill import Prefill, new_number, prefill
from tests.check_books import check, codes, last_year_book, workbook
from tests.cli_runs import cli
from tests.conftest import declaration, load, servant, write_xlsx_workbook


def rows_of(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_every_sheet_and_column_with_notes_lists_and_formats(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(Prefill(2024), path)
    book = openpyxl.load_workbook(path)
    assert [s.title for s in WORKBOOK_SHEETS] == [n for n in book.sheetnames if book[n].sheet_state == "visible"][1:]
    assert book[LISTS_SHEET].sheet_state == "hidden" and book[MARKER_SHEET].sheet_state == "hidden"
    lists = book[LISTS_SHEET]
    for sheet in WORKBOOK_SHEETS:
        ws = book[sheet.title]
        assert ws.freeze_panes == "A2"
        assert [c.value for c in ws[1]] == [col.title for col in sheet.columns.values()]
        validations = {str(dv.sqref).split(":")[0][:-1]: dv for dv in ws.data_validations.dataValidation}
        for index, (key, column) in enumerate(sheet.columns.items()):
            cell = ws.cell(row=1, column=index + 1)
            note = cell.comment.text
            hint, example = OFFICER_NOTES[sheet.key][key]
            assert hint in note and f"Пример: {example}" in note and f"(столбец {key})" in note
            assert ("Обязательно." in note) == column.metadata["required"]
            assert ("на сайте не публикуется" in note) == column.metadata["private"]
            enum, kind = column.metadata["enum"], column.metadata["kind"]
            if enum or kind == "bool":
                dv = validations[cell.column_letter]
                assert dv.type == "list" and str(dv.sqref).startswith(f"{cell.column_letter}2:")
                ref = dv.formula1.split("!")[1].replace("$", "")
                offered = [c.value for row in lists[ref] for c in row]
                assert offered == (list(enum.values()) if enum else ["да", "нет"])
                if enum:
                    assert all(f"«{label}»" in note for label in enum.values())
            else:
                assert cell.column_letter not in validations
            number_format = ws.column_dimensions[cell.column_letter].number_format
            expected = {"date": "DD.MM.YYYY", "text": "@", "fraction": "@", "int": "0"}.get(kind)
            if expected:
                assert number_format == expected, (sheet.key, key)
    assert book["Недвижимость"].column_dimensions["F"].number_format == "#,##0.0#"  # area
    assert book["Доходы"].column_dimensions["D"].number_format == "#,##0.00"  # amount
    assert read_marker(path).year == 2024 and read_marker(path).drafts == set()


def test_note_examples_are_values_the_reader_accepts(tmp_path):
    """One row of examples per sheet must load: the note never shows a value the loader would refuse."""
    examples = {s.key: {key: OFFICER_NOTES[s.key][key][1] for key in s.columns} for s in WORKBOOK_SHEETS}
    examples["declarations"].update(relative_id=None, subject_name=None, subject_birth_date=None, corrects=None,
                                    person_id=examples["servants"]["person_id"], year="2024")
    examples["relatives"]["person_id"] = examples["servants"]["person_id"]
    examples["payroll"]["person_id"] = examples["servants"]["person_id"]
    path = write_xlsx_workbook(tmp_path / "examples.xlsx", {s.title: [examples[s.key]] for s in WORKBOOK_SHEETS})
    with Store(tmp_path / "e.duckdb") as store:
        [result] = load(store, path)
        assert all(count == 1 for count in result.rows.values()) and len(result.rows) == len(WORKBOOK_SHEETS)


def test_untouched_template_without_store_is_an_empty_year(tmp_path):
    out = tmp_path / "t.xlsx"
    made = cli("template", "--year", "2024", "--out", str(out), "--db", "none.duckdb", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert not (tmp_path / "none.duckdb").exists()  # a template never creates a store
    loaded = cli("load", str(out), "--db", "x.duckdb", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "ничего не загружено" in loaded.stdout
    with Store(tmp_path / "x.duckdb") as store:
        assert store.con.execute("SELECT count(*) FROM loads").fetchone()[0] == 0


def test_from_store_without_a_store_is_refused(tmp_path):
    result = cli("template", "--year", "2024", "--out", "t.xlsx", "--from-store", "--db", "none.duckdb", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr and "--from-store" in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_prefill_carries_last_years_roster_and_assets_to_new_numbers(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        load(store, last_year_book(tmp_path))
        filled = prefill(store, 2024)
    assert filled.base_year == 2023
    assert [s["person_id"] for s in filled.rows["servants"]] == ["1", "2"]
    assert [r["relative_id"] for r in filled.rows["relatives"]] == ["1-01", "1-02", "1-03"]
    drafts = {(d["person_id"], d["subject"], d["relative_id"]): d for d in filled.rows["declarations"]}
    # the daughter is 18 on 31.12.2024: no child справка; servant 2 gets one of his own
    assert set(drafts) == {("1", "self", None), ("1", "spouse", "1-01"), ("1", "child", "1-02"), ("2", "self", None)}
    assert drafts[("1", "self", None)]["declaration_id"] == "2024-1"
    assert drafts[("1", "spouse", "1-01")]["declaration_id"] == "2024-2"
    assert drafts[("2", "self", None)]["declaration_id"] == "2024-2-2"  # «2024-2» is taken by the spouse's
    assert all(d["year"] == 2024 and d["submitted_on"] is None and d["kind"] == "original" for d in drafts.values())
    assert sorted(filled.drafts) == sorted(d["declaration_id"] for d in drafts.values())
    assert [(r["declaration_id"], r["holding"]) for r in filled.rows["real_estate"]] == [("2024-1", "owned"),
                                                                                         ("2024-2", "used")]
    assert filled.rows["real_estate"][0]["cadastral_number"] == "50:12:0000000:123"
    assert [v["declaration_id"] for v in filled.rows["vehicles"]] == ["2024-1"]
    [acc] = filled.rows["accounts"]
    assert acc["declaration_id"] == "2024-1" and acc["balance"] is None and acc["bank"] == "ПАО Сбербанк"
    assert [s["declaration_id"] for s in filled.rows["securities"]] == ["2024-2"]
    assert [s["declaration_id"] for s in filled.rows["liabilities"]] == ["2024-1"]
    assert "incomes" not in filled.rows or not filled.rows["incomes"]


def test_new_numbers_follow_last_years():
    assert new_number("2023-000017", 2023, 2024) == "2024-000017"
    assert new_number("С-17/2023", 2023, 2024) == "С-17/2024"
    assert new_number("17", 2023, 2024) == "2024-17"


def test_untouched_prefilled_template_loads_the_roster_and_no_справки(tmp_path):
    """Nothing received yet: the roster of the year is loaded, the drafts are set aside, the checks say who is
    missing — and last year's assets are not declared a second time by accident."""
    load_result = cli("load", str(last_year_book(tmp_path)), "--db", "x.duckdb", cwd=tmp_path)
    assert load_result.returncode == 0, load_result.stderr
    out = tmp_path / "t2024.xlsx"
    made = cli("template", "--year", "2024", "--out", str(out), "--db", "x.duckdb", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "заполнено по сведениям за 2023 год" in made.stdout
    loaded = cli("load", str(out), "--db", "x.duckdb", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "не представлено справок (без даты представления): 4" in " ".join(loaded.stdout.split())
    with Store(tmp_path / "x.duckdb") as store:
        assert store.con.execute("SELECT count(*) FROM servants WHERE year = 2024").fetchone()[0] == 2
        assert store.con.execute("SELECT count(*) FROM relatives WHERE year = 2024").fetchone()[0] == 3
        assert store.con.execute("SELECT count(*) FROM declarations WHERE year = 2024").fetchone()[0] == 0
        found = check(store, 2024)
    assert {"MISSING_DECLARATION", "MISSING_FAMILY_DECLARATION"} <= codes(found)


def test_a_draft_given_a_date_is_loaded_and_one_typed_without_a_date_is_an_error(tmp_path):
    assert cli("load", str(last_year_book(tmp_path)), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    out = tmp_path / "t2024.xlsx"
    assert cli("template", "--year", "2024", "--out", str(out), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    book = openpyxl.load_workbook(out)
    ws = book["Справки"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "2024-1":
            row[header.index("Дата представления")].value = "01.04.2025"
    ws.append(["2024-99", "2", 2024, "служащий", None, None, None, None, "первичная", None])  # typed, no date
    book.save(out)
    refused = cli("load", str(out), "--db", "x.duckdb", cwd=tmp_path)
    assert refused.returncode == 1
    assert "Дата представления" in refused.stderr and "обязательное значение" in refused.stderr
    ws.delete_rows(ws.max_row)
    book.save(out)
    loaded = cli("load", str(out), "--db", "x.duckdb", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    with Store(tmp_path / "x.duckdb") as store:
        assert store.con.execute("SELECT declaration_id FROM declarations WHERE year = 2024").fetchall() == [
            ("2024-1",)]
        assert store.con.execute("SELECT count(*) FROM real_estate WHERE declaration_id = '2024-1'").fetchone()[0] == 1
        assert store.con.execute("SELECT count(*) FROM real_estate WHERE declaration_id = '2024-2'").fetchone()[0] == 0


def test_a_workbook_not_made_by_the_template_still_needs_its_справки(tmp_path):
    path = write_xlsx_workbook(tmp_path / "roster.xlsx", {"servants": [servant("1")],
                                                          "declarations": [declaration("x")]})
    book = openpyxl.load_workbook(path)
    book["declarations"].delete_rows(2)
    book.save(path)
    with Store(tmp_path / "x.duckdb") as store, pytest.raises(Exception) as error:
        load(store, path)
    assert "хотя бы одна справка" in str(getattr(error.value, "issues", error.value))


def test_prefill_of_one_organisation(tmp_path):
    other = workbook(tmp_path, 2023, name="other", servants=[servant("9", organisation="Дума")],
                     declarations=[declaration("D-9", "9", 2023)])
    with Store(tmp_path / "x.duckdb") as store:
        load(store, last_year_book(tmp_path), other)
        both = prefill(store, 2024)
        one = prefill(store, 2024, "Дума")
    assert {s["person_id"] for s in both.rows["servants"]} == {"1", "2", "9"}
    assert [s["person_id"] for s in one.rows["servants"]] == ["9"]
    assert [d["declaration_id"] for d in one.rows["declarations"]] == ["2024-D-9"]
    assert one.rows["relatives"] == [] and one.rows["real_estate"] == []
