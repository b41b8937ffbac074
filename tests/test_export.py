"""Flag export (table, csv, json, xlsx for HR) and the CLI end to end: load → check → flags → review."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from rich.table import Table

from checks.export import FORMATS, export_flags, render_evidence
from checks import catalogue
from checks.flags import Flag, read_flags, save_run
from checks.registry import CODES
from tests.check_books import run_and_save
from tests.cli_runs import cli, sample_books
from tests.conftest import load

CSV_HEADER = ("flag_id,person_id,year,code,severity,message,evidence,status,status_note,first_seen,last_seen,"
              "resolved_at")


@pytest.fixture
def flagged(store, tmp_path):
    load(store, *sample_books(tmp_path))
    run_and_save(store)
    return read_flags(store)


def test_formats():
    assert FORMATS == ("table", "csv", "json", "xlsx")


def test_csv_has_exactly_the_flag_columns_with_a_header(flagged):
    text = export_flags(flagged, "csv", None)
    assert text.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == flagged.height == 4
    gone = next(r for r in rows if r["code"] == "PROPERTY_DISAPPEARED")
    assert json.loads(gone["evidence"])["previous"]["row"]["cadastral_number"] == "50:12:0000000:123"
    assert gone["status"] == "new" and gone["resolved_at"] == "" and gone["first_seen"]


def test_json_has_evidence_as_an_object(flagged, tmp_path):
    out = tmp_path / "flags.json"
    assert export_flags(flagged, "json", out) is None
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 4
    assert all(isinstance(item["evidence"], dict) for item in items)
    assert list(items[0]) == CSV_HEADER.split(",")


def test_table_is_a_rich_table(flagged):
    table = export_flags(flagged, "table", None)
    assert isinstance(table, Table)
    assert [c.header for c in table.columns] == ["id", "year", "person", "code", "severity", "status", "message"]
    assert table.row_count == 4


def test_xlsx_for_hr(flagged, tmp_path):
    out = tmp_path / "flags.xlsx"
    assert export_flags(flagged, "xlsx", out) is None
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Флаги"
    assert sorted(book.sheetnames[1:-1]) == sorted(set(flagged.get_column("code")))
    assert book.sheetnames[-1] == "Выгружено" and book["Выгружено"].sheet_state == "hidden"  # for review --from
    sheet = book["Флаги"]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["Номер флага", "Табельный номер", "ФИО служащего", "Отчетный год", "Код"]
    assert "Сведения (обе справки)" in headers and "Статус" in headers
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.cell(2, 1).alignment.wrap_text
    assert sheet.max_row == 5
    gone = book["PROPERTY_DISAPPEARED"]
    evidence = gone.cell(2, headers.index("Сведения (обе справки)") + 1).value
    assert "2022 (справка 2022-1): квартира 64,7 кв. м" in evidence
    assert "50:12:0000000:123 → 2023 (справка 2023-1): нет" in evidence
    assert "{" not in evidence  # readable, not raw JSON
    assert gone.cell(2, 3).value == "Иванов Иван Иванович"
    assert gone.cell(2, headers.index("Статус") + 1).value == "новый"


def test_every_code_has_its_catalogue_title_in_the_workbook(store, tmp_path):
    """«Проверка» is the catalogue's title for every section, З (declarations match) included."""
    flags = [Flag(c.code, "1", 2023, c.severity, c.title, {}, c.code) for c in catalogue.CATALOGUE]
    save_run(store, flags, kind="check", codes={f.code for f in flags}, settings={})
    out = tmp_path / "flags.xlsx"
    export_flags(read_flags(store), "xlsx", out)
    sheet = openpyxl.load_workbook(out)["Флаги"]
    headers = [c.value for c in sheet[1]]
    titles = {row[headers.index("Код")]: row[headers.index("Проверка")]
              for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert titles == {c.code: c.title for c in catalogue.CATALOGUE}
    assert titles["SERVANT_IS_OFFICER"] == "Служащий — руководитель или учредитель организации"


def test_every_code_has_a_readable_evidence_renderer(flagged):
    for row in flagged.to_dicts():
        text = render_evidence(row["code"], json.loads(row["evidence"]))
        assert text and "{" not in text
    assert len(CODES) == 17


def test_unknown_code_falls_back_to_a_generic_rendering():
    text = render_evidence("PROCUREMENT_AFFILIATION", {"score": 0.93, "procedure_id": "0373", "date": "2023-05-04",
                                                       "names": {"servant": "Иванов", "officer": "Иванов"}})
    assert "закупка: 0373" in text and "04.05.2023" in text and "0,93" in text


# --- the command line end to end

def test_cli_check_flags_and_review(tmp_path):
    load_result = cli("load", *map(str, sample_books(tmp_path)), "--db", "x.duckdb", cwd=tmp_path)
    assert load_result.returncode == 0, load_result.stderr
    checked = cli("check", "--db", "x.duckdb", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "найдено 4 (новых 4)" in checked.stdout
    listed = cli("flags", "--db", "x.duckdb", "--format", "csv", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0] == CSV_HEADER
    exported = tmp_path / "flags.csv"
    assert cli("flags", "--db", "x.duckdb", "--format", "csv", "--out", str(exported), cwd=tmp_path).returncode == 0
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert len(rows) == 4
    late = next(r for r in rows if r["code"] == "LATE_SUBMISSION")

    reviewed = cli("review", late["flag_id"], "--status", "explained", "--note", "болел, справка из больницы",
                   "--db", "x.duckdb", cwd=tmp_path)
    assert reviewed.returncode == 0, reviewed.stderr
    others = [r for r in rows if r["flag_id"] != late["flag_id"]]
    bulk = tmp_path / "review.csv"
    with bulk.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["flag_id", "status", "note"])
        writer.writeheader()
        writer.writerows({"flag_id": r["flag_id"], "status": "dismissed", "note": "проверено"} for r in others)
    from_file = cli("review", "--from", str(bulk), "--db", "x.duckdb", cwd=tmp_path)
    assert from_file.returncode == 0, from_file.stderr

    again = cli("check", "--db", "x.duckdb", cwd=tmp_path)
    assert "новых 0" in again.stdout
    out = tmp_path / "flags.xlsx"
    assert cli("flags", "--db", "x.duckdb", "--format", "xlsx", "--out", str(out), cwd=tmp_path).returncode == 0
    assert cli("flags", "--db", "x.duckdb", "--format", "csv", "--out", str(exported), cwd=tmp_path).returncode == 0
    statuses = {r["flag_id"]: (r["status"], r["status_note"])
                for r in csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8")))}
    assert statuses[late["flag_id"]] == ("explained", "болел, справка из больницы")
    assert all(statuses[r["flag_id"]] == ("dismissed", "проверено") for r in others)
    assert openpyxl.load_workbook(out)["Флаги"].max_row == 5

    table = cli("flags", "--db", "x.duckdb", cwd=tmp_path)
    assert table.returncode == 0 and "LATE_SUBMISSION" in table.stdout
    as_json = cli("flags", "--db", "x.duckdb", "--format", "json", "--year", "2022", cwd=tmp_path)
    assert json.loads(as_json.stdout) == []


def test_cli_review_rejects_an_unknown_flag_without_a_traceback(tmp_path):
    load_result = cli("load", *map(str, sample_books(tmp_path)), "--db", "x.duckdb", cwd=tmp_path)
    assert load_result.returncode == 0, load_result.stderr
    result = cli("review", "nope", "--status", "explained", "--db", "x.duckdb", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_csv_on_stdout_is_exactly_the_export(tmp_path):
    assert cli("load", *map(str, sample_books(tmp_path)), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    assert cli("check", "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    out = tmp_path / "flags.csv"
    assert cli("flags", "--db", "x.duckdb", "--format", "csv", "--out", str(out), cwd=tmp_path).returncode == 0
    printed = cli("flags", "--db", "x.duckdb", "--format", "csv", cwd=tmp_path).stdout
    assert printed == out.read_text(encoding="utf-8")


def test_cli_csv_with_out_is_exact(tmp_path):
    assert cli("load", *map(str, sample_books(tmp_path)), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    assert cli("check", "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    out = tmp_path / "flags.csv"
    assert cli("flags", "--db", "x.duckdb", "--format", "csv", "--out", str(out), cwd=tmp_path).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == CSV_HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 and all(isinstance(json.loads(r["evidence"]), dict) for r in rows)
