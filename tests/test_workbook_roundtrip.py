"""The HR officer's year in the tools they use: the template filled in (openpyxl as the officer's typing,
then saved by a real headless LibreOffice), loaded, checked, the flags workbook answered in LibreOffice
and loaded back; the statuses are in the store and survive a re-run of `check`."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from declarations.store import Store
from tests.check_books import last_year_book
from tests.cli_runs import cli

pytestmark = pytest.mark.libreoffice

SOFFICE = shutil.which("soffice")
if SOFFICE is None:
    pytest.skip("no soffice: install LibreOffice with `sh scripts/install-libreoffice.sh` (make test does)",
                allow_module_level=True)


def libreoffice_round_trip(path: Path, tmp_path: Path) -> Path:
    """Open the workbook in LibreOffice Calc and save it as .xlsx again; returns the saved copy."""
    out = tmp_path / "libreoffice"
    out.mkdir(parents=True, exist_ok=True)
    profile = tmp_path / "lo-profile"  # its own profile: no lock shared with another soffice
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
        capture_output=True, text=True, timeout=240,
    )
    saved = out / path.name
    assert done.returncode == 0 and saved.exists(), done.stdout + done.stderr
    return saved


def header_index(ws) -> dict[str, int]:
    return {c.value: c.column for c in ws[1]}


def rows_where(ws, column: str, value) -> list[int]:
    index = header_index(ws)[column]
    return [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=index).value == value]


def put(ws, row: int, values: dict) -> None:
    index = header_index(ws)
    for header, value in values.items():
        ws.cell(row=row, column=index[header], value=value)


def append(ws, values: dict) -> None:
    put(ws, ws.max_row + 1, values)


def fill_as_an_officer(path: Path) -> None:
    """The справки of servant 1 and his wife came in; the son's and servant 2's did not yet.
    The car was sold (no income from its sale written: a finding), a flat bought with a mortgage."""
    book = openpyxl.load_workbook(path)
    decl = book["Справки"]
    for number in ("2024-1", "2024-2"):
        [row] = rows_where(decl, "Номер справки", number)
        put(decl, row, {"Дата представления": datetime(2025, 3, 14)})  # a real date typed in a date cell
    incomes = book["Доходы"]
    append(incomes, {"Номер справки": "2024-1", "Вид дохода": "по основному месту работы", "Сумма, руб.": 1310000.5})
    append(incomes, {"Номер справки": "2024-2", "Вид дохода": "иные доходы", "Описание": "пособие",
                     "Сумма, руб.": "84 000,00"})
    vehicles = book["Транспорт"]
    [car] = rows_where(vehicles, "Номер справки", "2024-1")
    vehicles.delete_rows(car)
    estate = book["Недвижимость"]
    append(estate, {"Номер справки": "2024-1", "Право": "в собственности", "Вид объекта": "квартира",
                    "Вид собственности": "общая долевая", "Доля": "1/2", "Площадь, кв. м": 54.3,
                    "Страна": "Россия", "Дата приобретения": date(2024, 7, 12), "Основание приобретения": "договор"})
    accounts = book["Счета"]
    [account] = rows_where(accounts, "Номер справки", "2024-1")
    put(accounts, account, {"Остаток, руб.": 310000})
    book.save(path)


def test_template_filled_then_flags_answered_through_libreoffice(tmp_path):
    assert cli("load", str(last_year_book(tmp_path)), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    template = tmp_path / "declarations_2024.xlsx"
    made = cli("template", "--year", "2024", "--out", str(template), "--db", "x.duckdb", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    fill_as_an_officer(template)
    saved = libreoffice_round_trip(template, tmp_path)

    kept = openpyxl.load_workbook(saved)  # what LibreOffice kept: lists, notes, hidden sheets
    estate = kept["Недвижимость"]
    assert any(dv.type == "list" for dv in estate.data_validations.dataValidation)
    assert "Пример:" in estate["A1"].comment.text
    assert kept["Шаблон"].sheet_state == "hidden"

    loaded = cli("load", str(saved), "--db", "x.duckdb", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "не представлено справок (без даты представления): 2" in " ".join(loaded.stdout.split())
    with Store(tmp_path / "x.duckdb") as store:
        con = store.con
        assert con.execute("SELECT declaration_id, submitted_on FROM declarations WHERE year = 2024 "
                           "ORDER BY 1").fetchall() == [("2024-1", date(2025, 3, 14)), ("2024-2", date(2025, 3, 14))]
        assert con.execute("SELECT declaration_id, amount FROM incomes WHERE declaration_id LIKE '2024-%' "
                           "ORDER BY 1").fetchall() == [("2024-1", 1310000.5), ("2024-2", 84000.0)]
        assert con.execute("SELECT ownership, share, area, acquired_on FROM real_estate WHERE declaration_id = "
                           "'2024-1' AND share IS NOT NULL").fetchall() == [("shared", "1/2", 54.3, date(2024, 7, 12))]
        assert con.execute("SELECT balance FROM accounts WHERE declaration_id = '2024-1'").fetchall() == [(310000.0,)]
        assert con.execute("SELECT count(*) FROM vehicles WHERE declaration_id LIKE '2024-%'").fetchone()[0] == 0

    checked = cli("check", "--db", "x.duckdb", "--year", "2024", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    flags_xlsx = tmp_path / "flags_2024.xlsx"
    assert cli("flags", "--db", "x.duckdb", "--year", "2024", "--format", "xlsx", "--out", str(flags_xlsx),
               cwd=tmp_path).returncode == 0
    exported = openpyxl.load_workbook(flags_xlsx)
    main = exported["Флаги"]
    codes = {main.cell(row=r, column=5).value: main.cell(row=r, column=1).value for r in range(2, main.max_row + 1)}
    assert {"VEHICLE_DISAPPEARED", "MISSING_DECLARATION", "MISSING_FAMILY_DECLARATION"} <= set(codes)

    opened = libreoffice_round_trip(flags_xlsx, tmp_path)  # the officer opens it in LibreOffice…
    book = openpyxl.load_workbook(opened)
    main = book["Флаги"]
    [row] = rows_where(main, "Номер флага", codes["VEHICLE_DISAPPEARED"])
    put(main, row, {"Статус": "даны пояснения", "Пояснение": "автомобиль продан за 150 000 руб., договор приложен"})
    family = book["MISSING_FAMILY_DECLARATION"]
    [row] = rows_where(family, "Номер флага", codes["MISSING_FAMILY_DECLARATION"])
    put(family, row, {"Статус": "escalated"})
    book.save(opened)
    answered = libreoffice_round_trip(opened, tmp_path / "second")  # …types in it and saves it

    reviewed = cli("review", "--from", str(answered), "--db", "x.duckdb", cwd=tmp_path)
    assert reviewed.returncode == 0, reviewed.stderr

    def statuses() -> dict[str, tuple[str, str]]:
        listed = cli("flags", "--db", "x.duckdb", "--year", "2024", "--format", "csv", cwd=tmp_path)
        return {r["code"]: (r["status"], r["status_note"]) for r in csv.DictReader(io.StringIO(listed.stdout))}

    expected = {"VEHICLE_DISAPPEARED": ("explained", "автомобиль продан за 150 000 руб., договор приложен"),
                "MISSING_FAMILY_DECLARATION": ("escalated", ""), "MISSING_DECLARATION": ("new", "")}
    assert {code: statuses()[code] for code in expected} == expected
    rerun = cli("check", "--db", "x.duckdb", "--year", "2024", cwd=tmp_path)
    assert rerun.returncode == 0 and "новых 0" in rerun.stdout
    assert {code: statuses()[code] for code in expected} == expected
