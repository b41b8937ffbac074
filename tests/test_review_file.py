"""`review --from`: the flags workbook (as `flags --format xlsx` wrote it) or a CSV, statuses and notes typed in."""

from __future__ import annotations

import csv
import io

import openpyxl

from checks.export import EXPORTED_SHEET
from declarations.store import Store
from tests.cli_runs import cli, sample_books


def checked_store(tmp_path) -> list[dict]:
    """The four flags of test_export's books; returns them as `flags --format csv` lists them."""
    assert cli("load", *map(str, sample_books(tmp_path)), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    assert cli("check", "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    listed = cli("flags", "--db", "x.duckdb", "--format", "csv", cwd=tmp_path)
    return list(csv.DictReader(io.StringIO(listed.stdout)))


def statuses(tmp_path) -> dict[str, tuple[str, str | None]]:
    with Store(tmp_path / "x.duckdb") as store:
        return {f: (s, n) for f, s, n in store.con.execute("SELECT flag_id, status, status_note FROM flags").fetchall()}


def export_workbook(tmp_path, name: str = "flags.xlsx"):
    out = tmp_path / name
    assert cli("flags", "--db", "x.duckdb", "--format", "xlsx", "--out", str(out), cwd=tmp_path).returncode == 0
    return out, openpyxl.load_workbook(out)


def row_of(ws, flag_id: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == flag_id)


STATUS_COL, NOTE_COL = 10, 11  # «Статус», «Пояснение» of checks.export.XLSX_COLUMNS


def test_workbook_statuses_on_either_sheet_by_label_or_key(tmp_path):
    flags = checked_store(tmp_path)
    out, book = export_workbook(tmp_path)
    assert book[EXPORTED_SHEET].sheet_state == "hidden"
    first, second, third = flags[0], flags[1], flags[2]
    main = book["Флаги"]
    main.cell(row=row_of(main, first["flag_id"]), column=STATUS_COL, value="Даны пояснения")
    main.cell(row=row_of(main, first["flag_id"]), column=NOTE_COL, value="квартира получена по наследству")
    by_code = book[second["code"]]
    by_code.cell(row=row_of(by_code, second["flag_id"]), column=STATUS_COL, value="dismissed")
    main.cell(row=row_of(main, third["flag_id"]), column=STATUS_COL, value="назначена  проверка")
    book.save(out)
    applied = cli("review", "--from", str(out), "--db", "x.duckdb", cwd=tmp_path)
    assert applied.returncode == 0, applied.stderr
    assert "флагов: 3" in applied.stdout
    now = statuses(tmp_path)
    assert now[first["flag_id"]] == ("explained", "квартира получена по наследству")
    assert now[second["flag_id"]] == ("dismissed", None)  # the unchanged copy on «Флаги» does not undo it
    assert now[third["flag_id"]] == ("escalated", None)
    assert now[flags[3]["flag_id"]] == ("new", None)

    again = cli("review", "--from", str(out), "--db", "x.duckdb", cwd=tmp_path)  # the same file twice
    assert again.returncode == 0 and "флагов: 0" in again.stdout
    assert statuses(tmp_path) == now
    with Store(tmp_path / "x.duckdb") as store:
        assert store.con.execute("SELECT count(*) FROM flag_reviews").fetchone()[0] == 3


def test_an_older_workbook_does_not_undo_later_reviews(tmp_path):
    flags = checked_store(tmp_path)
    old, _ = export_workbook(tmp_path, "old.xlsx")
    target = flags[0]["flag_id"]
    assert cli("review", target, "--status", "explained", "--note", "пояснение", "--db", "x.duckdb",
               cwd=tmp_path).returncode == 0
    book = openpyxl.load_workbook(old)
    main = book["Флаги"]
    other = flags[1]["flag_id"]
    main.cell(row=row_of(main, other), column=STATUS_COL, value="отклонён")  # ё as е
    book.save(old)
    assert cli("review", "--from", str(old), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    now = statuses(tmp_path)
    assert now[target] == ("explained", "пояснение") and now[other] == ("dismissed", None)


def test_bad_rows_are_refused_with_their_sheet_and_row_and_nothing_is_applied(tmp_path):
    flags = checked_store(tmp_path)
    out, book = export_workbook(tmp_path)
    main = book["Флаги"]
    good, bad_status, conflicting = flags[0], flags[1], flags[2]
    main.cell(row=row_of(main, good["flag_id"]), column=STATUS_COL, value="отклонен")
    bad_row = row_of(main, bad_status["flag_id"])
    main.cell(row=bad_row, column=STATUS_COL, value="рассмотрено")
    main.cell(row=main.max_row + 1, column=1, value="0000000000000000")
    unknown_row = main.max_row
    main.cell(row=unknown_row, column=STATUS_COL, value="отклонен")
    main.cell(row=row_of(main, conflicting["flag_id"]), column=STATUS_COL, value="отклонен")
    by_code = book[conflicting["code"]]
    conflict_row = row_of(by_code, conflicting["flag_id"])
    by_code.cell(row=conflict_row, column=STATUS_COL, value="назначена проверка")
    book.save(out)
    before = statuses(tmp_path)
    refused = cli("review", "--from", str(out), "--db", "x.duckdb", cwd=tmp_path)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    lines = refused.stderr.splitlines()  # piped: one line per error, `file:sheet:row: column — …`

    def line(sheet: str, row: int, column: str) -> str:
        return next((text for text in lines if f":{sheet}:{row}: {column} —" in text), "")

    assert "рассмотрено" in line("Флаги", bad_row, "Статус")
    assert "0000000000000000" in line("Флаги", unknown_row, "Номер флага")
    assert "то же решение" in line(conflicting["code"][:31], conflict_row, "Статус")
    assert statuses(tmp_path) == before  # the good row was not applied either


def test_the_flags_csv_comes_back_with_labels_and_status_note(tmp_path):
    flags = checked_store(tmp_path)
    exported = tmp_path / "flags.csv"
    assert cli("flags", "--db", "x.duckdb", "--format", "csv", "--out", str(exported), cwd=tmp_path).returncode == 0
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    rows[0]["status"], rows[0]["status_note"] = "даны пояснения", "болел"
    rows[1]["status"] = "escalated"
    with exported.open("w", encoding="utf-8-sig", newline="") as handle:  # as Excel saves it: with a BOM
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert cli("review", "--from", str(exported), "--db", "x.duckdb", cwd=tmp_path).returncode == 0
    now = statuses(tmp_path)
    assert now[flags[0]["flag_id"]] == ("explained", "болел") and now[flags[1]["flag_id"]] == ("escalated", None)

    rows[2]["status"] = "закрыт"
    with exported.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    refused = cli("review", "--from", str(exported), "--db", "x.duckdb", cwd=tmp_path)
    assert refused.returncode == 1 and any(":4: " in line and "закрыт" in line for line in refused.stderr.splitlines())


def test_a_file_that_is_not_a_flags_workbook_is_refused(tmp_path):
    checked_store(tmp_path)
    other = tmp_path / "other.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Табельный номер", "ФИО"])
    book.save(other)
    refused = cli("review", "--from", str(other), "--db", "x.duckdb", cwd=tmp_path)
    assert refused.returncode == 1 and "Номер флага" in refused.stderr and "Traceback" not in refused.stderr
    missing = cli("review", "--from", "nope.xlsx", "--db", "x.duckdb", cwd=tmp_path)
    assert missing.returncode == 1 and "nope.xlsx" in missing.stderr


def test_one_flag_by_its_russian_status(tmp_path):
    flags = checked_store(tmp_path)
    done = cli("review", flags[0]["flag_id"], "--status", "Назначена проверка", "--db", "x.duckdb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert statuses(tmp_path)[flags[0]["flag_id"]] == ("escalated", None)
