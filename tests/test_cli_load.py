"""The command line as a user meets it: real processes, exit codes, messages, no tracebacks."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.conftest import write_csv_workbook
from tests.workbook_sheets import english_sheets

BIN = Path(sys.executable).parent / "declarations"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})


def test_load_reports_rows_and_creates_the_default_store(tmp_path):
    folder = write_csv_workbook(tmp_path / "wb", english_sheets())
    result = run("load", str(folder), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "загружено" in result.stdout and "declarations 2" in result.stdout
    assert (tmp_path / "declarations.duckdb").exists()
    again = run("load", str(folder), cwd=tmp_path)
    assert "уже загружен, без изменений" in again.stdout


def test_bad_file_exits_non_zero_with_a_table_and_csv_of_all_errors(tmp_path):
    sheets = english_sheets()
    sheets["real_estate"][0]["area"] = "-5"
    sheets["declarations"][0]["submitted_on"] = "31.02.2024"
    folder = write_csv_workbook(tmp_path / "wb", sheets)
    errors = tmp_path / "errors.csv"
    result = run("load", str(folder), "--db", "x.duckdb", "--errors", str(errors), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "Найдено ошибок: 2. Ничего из этих файлов не загружено." in result.stderr
    with errors.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Лист"], r["Строка"], r["Столбец"], r["Найдено"]) for r in rows] == [
        ("declarations.csv", "2", "submitted_on", "31.02.2024"),
        ("real_estate.csv", "2", "area", "-5"),
    ]


def test_missing_path_is_a_clear_error(tmp_path):
    result = run("load", "nowhere.xlsx", cwd=tmp_path)
    assert result.returncode == 1
    assert "существующий файл или папка" in result.stderr
    assert "Traceback" not in result.stderr


def test_store_locked_by_another_process_is_a_clear_error(tmp_path):
    import duckdb

    holder = duckdb.connect(str(tmp_path / "busy.duckdb"))
    try:
        result = run("load", str(write_csv_workbook(tmp_path / "wb", english_sheets())), "--db", "busy.duckdb",
                     cwd=tmp_path)
    finally:
        holder.close()
    assert result.returncode == 2
    assert "не удалось открыть базу" in result.stderr and "Traceback" not in result.stderr


def test_deadline_verb(tmp_path):
    result = run("deadline", "--year", "2021", cwd=tmp_path)
    assert result.returncode == 0
    assert "30 апреля 2022 г." in result.stdout and "25 мая 2022 г." in result.stdout


def test_settings_file_with_unknown_key_is_refused(tmp_path):
    (tmp_path / "declarations.toml").write_text("[deadlines]\npublication_days = 10\n", encoding="utf-8")
    result = run("deadline", "--year", "2021", cwd=tmp_path)
    assert result.returncode == 1
    assert "неизвестный ключ" in result.stderr and "Traceback" not in result.stderr
