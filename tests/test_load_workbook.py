"""Reading the declaration workbook in every form of the contract, into a real store."""

from __future__ import annotations

import datetime as dt

from tests.conftest import declaration, load, write_csv_workbook, write_xlsx_workbook
from tests.workbook_sheets import english_sheets, russian_sheets, snapshot


def test_english_csv_folder_loads_typed_values(store, tmp_path):
    load(store, write_csv_workbook(tmp_path / "wb", english_sheets()))
    row = store.con.execute("SELECT amount FROM incomes WHERE income_type = 'main_job'").fetchone()
    assert row == (1474895.0,)
    estate = store.con.execute("SELECT holding, object_type, ownership, share, area, country FROM real_estate").fetchone()
    assert estate == ("owned", "flat", "shared", "1/2", 64.7, "Россия")
    servant_row = store.con.execute(
        "SELECT year, birth_date, must_declare, procurement_role, source FROM servants").fetchone()
    assert servant_row == (2023, dt.date(1980, 5, 1), True, "commission", "workbook")


def test_russian_csv_folder_equals_english(store, tmp_path):
    from declarations.store import Store

    load(store, write_csv_workbook(tmp_path / "en", english_sheets()))
    with Store(tmp_path / "ru.duckdb") as russian:
        load(russian, write_csv_workbook(tmp_path / "ru", russian_sheets()))
        assert snapshot(russian) == snapshot(store)


def test_russian_header_xlsx_equals_english_csv(store, tmp_path):
    from declarations.store import Store

    load(store, write_csv_workbook(tmp_path / "en", english_sheets()))
    with Store(tmp_path / "xlsx.duckdb") as other:
        load(other, write_xlsx_workbook(tmp_path / "ru.xlsx", russian_sheets()))
        assert snapshot(other) == snapshot(store)


def test_xlsx_with_real_dates_and_numbers(store, tmp_path):
    sheets = english_sheets()
    sheets["declarations"][0]["submitted_on"] = dt.date(2024, 4, 1)
    sheets["declarations"][1]["submitted_on"] = dt.datetime(2024, 4, 1)
    sheets["declarations"][0]["year"] = 2023
    sheets["incomes"][0]["amount"] = 1474895.0
    sheets["real_estate"][0]["area"] = 64.7
    sheets["servants"][0]["birth_date"] = dt.date(1980, 5, 1)
    load(store, write_xlsx_workbook(tmp_path / "typed.xlsx", sheets))
    assert store.con.execute("SELECT min(submitted_on), max(submitted_on) FROM declarations").fetchone() == (
        dt.date(2024, 4, 1), dt.date(2024, 4, 1))
    assert store.con.execute("SELECT amount FROM incomes WHERE income_type='main_job'").fetchone() == (1474895.0,)
    assert store.con.execute("SELECT area FROM real_estate").fetchone() == (64.7,)


def test_headers_match_ignoring_case_spaces_and_yo(store, tmp_path):
    sheets = english_sheets()
    sheets["Справки"] = [{"  НОМЕР   справки ": "d1", "табельный номер": "17", "Отчётный год": "2023",
                          "чьи сведения": "Служащий", "ДАТА ПРЕДСТАВЛЕНИЯ": "2024-04-01"}]
    del sheets["declarations"]
    sheets["relatives"] = []
    for key in ("incomes", "real_estate", "vehicles", "accounts"):
        sheets[key] = [r for r in sheets[key] if r["declaration_id"] == "d1"]
    load(store, write_xlsx_workbook(tmp_path / "headers.xlsx", {k: v for k, v in sheets.items() if v}))
    assert store.con.execute("SELECT declaration_id, year, subject FROM declarations").fetchall() == [("d1", 2023, "self")]


def test_extra_columns_are_kept(store, tmp_path):
    sheets = english_sheets()
    sheets["servants"][0]["Комментарий кадровика"] = "переведен из другого отдела"
    load(store, write_csv_workbook(tmp_path / "wb", sheets))
    extra = store.con.execute("SELECT extra->>'Комментарий кадровика' FROM servants").fetchone()[0]
    assert extra == "переведен из другого отдела"


def test_title_rows_above_header_keep_excel_row_numbers(tmp_path):
    import openpyxl

    from declarations.readers.workbook import read_xlsx

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "servants"
    sheet["A1"] = "Список служащих администрации"
    sheet.append([])
    sheet.append(["person_id", "full_name", "organisation", "position"])
    sheet.append(["1", "Иванов Иван Иванович", "Орг", "Глава"])
    path = tmp_path / "titled.xlsx"
    workbook.save(path)
    raws, _ = read_xlsx(path)
    assert raws["servants"].frame.get_column("__row__").to_list() == [4]


def test_same_workbook_twice_changes_nothing(store, tmp_path):
    folder = write_csv_workbook(tmp_path / "wb", english_sheets())
    first = load(store, folder)
    before = snapshot(store)
    second = load(store, folder)
    assert not first[0].unchanged and second[0].unchanged
    assert snapshot(store) == before
    assert store.con.execute("SELECT count(*) FROM loads").fetchone() == (1,)


def test_newer_version_of_organisation_year_replaces_it(store, tmp_path):
    load(store, write_csv_workbook(tmp_path / "v1", english_sheets()))
    sheets = english_sheets()
    sheets["incomes"][0]["amount"] = "1500000"
    result = load(store, write_csv_workbook(tmp_path / "v2", sheets))
    assert result[0].replaced_loads
    assert store.con.execute("SELECT amount FROM incomes WHERE income_type='main_job'").fetchall() == [(1500000.0,)]
    assert store.con.execute("SELECT count(*) FROM declarations").fetchone() == (2,)


def test_other_year_is_kept_beside(store, tmp_path):
    load(store, write_csv_workbook(tmp_path / "y2023", english_sheets()))
    sheets = english_sheets()
    for row in sheets["declarations"]:
        row["year"] = 2024
        row["declaration_id"] += "-2024"
    for key in ("incomes", "real_estate", "vehicles", "accounts"):
        for row in sheets[key]:
            row["declaration_id"] += "-2024"
    load(store, write_csv_workbook(tmp_path / "y2024", sheets))
    assert store.con.execute("SELECT year, count(*) FROM declarations GROUP BY year ORDER BY year").fetchall() == [
        (2023, 2), (2024, 2)]
    assert store.con.execute("SELECT count(*) FROM servants").fetchone() == (2,)


def test_corrected_declaration_is_kept_and_effective_view_replaces_original(store, tmp_path):
    sheets = english_sheets()
    sheets["declarations"].append(declaration("d1c", "17", kind="corrected", corrects="d1", submitted_on="2024-05-10"))
    sheets["incomes"].append({"declaration_id": "d1c", "income_type": "main_job", "amount": "1500000"})
    load(store, write_csv_workbook(tmp_path / "wb", sheets))
    assert store.con.execute("SELECT count(*) FROM declarations").fetchone() == (3,)
    effective = store.con.execute(
        "SELECT declaration_id FROM effective_declarations WHERE subject = 'self'").fetchall()
    assert effective == [("d1c",)]


def test_folder_of_inputs_is_expanded(store, tmp_path):
    root = tmp_path / "inputs"
    write_csv_workbook(root / "declarations_2023", english_sheets())
    write_xlsx_workbook(root / "declarations_2023_copy.xlsx", english_sheets())
    results = load(store, root)
    assert len(results) == 2
    assert results[1].unchanged is False and results[1].replaced_loads  # same organisation-year: replaced


def test_declaration_ids_must_not_clash_with_another_organisation(store, tmp_path):
    from declarations.errors import InputError

    load(store, write_csv_workbook(tmp_path / "a", english_sheets()))
    sheets = english_sheets()
    sheets["servants"][0]["organisation"] = "Другая организация"
    try:
        load(store, write_csv_workbook(tmp_path / "b", sheets))
    except InputError as error:
        assert {i.found.split(" ")[0] for i in error.issues} == {"d1", "d2"}
        assert all(i.expected == "номер справки, которого еще нет в базе" for i in error.issues)
    else:
        raise AssertionError("clashing declaration ids were accepted")
