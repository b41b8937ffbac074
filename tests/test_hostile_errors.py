"""Errors meant for people and for logs: one line per error off a terminal, a missing column once,
a UTF-8 BOM accepted, a mistyped --db refused by the verbs that only read, which open the store
read-only (another reader holding it does not stop them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from declarations.errors import InputError
from declarations.load import load_paths
from tests.conftest import write_csv_workbook
from tests.workbook_sheets import english_sheets

BIN = Path(sys.executable).parent / "declarations"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=180,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "60"})


def test_errors_off_a_terminal_are_one_unwrapped_line_each(tmp_path):
    sheets = english_sheets()
    long_department = "Отдел " + "очень длинного названия " * 6
    sheets["servants"][0].update(birth_date="31.02.1980", department=long_department)
    sheets["real_estate"][0]["area"] = "-5"
    folder = write_csv_workbook(tmp_path / "a folder with a long name for wrapping", sheets)
    result = run("load", str(folder), "--db", "x.duckdb", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Найдено ошибок: 2. Ничего из этих файлов не загружено."
    assert lines[1:] == [
        f"{folder}/real_estate.csv:real_estate.csv:2: area — ожидалось площадь больше нуля; найдено: -5",
        f"{folder}/servants.csv:servants.csv:2: birth_date — ожидалось существующая дата (такого дня нет в "
        f"календаре); найдено: 31.02.1980",
    ]


def test_a_missing_column_is_one_error(store, tmp_path):
    sheets = english_sheets()
    sheets["incomes"] = [{"declaration_id": "d1", "income_type": "main_job"} for _ in range(50)]
    with pytest.raises(InputError) as caught:
        list(load_paths(store, [write_csv_workbook(tmp_path / "wb", sheets)]))
    assert [(i.column, i.found) for i in caught.value.issues] == [("Сумма, руб.", "нет такого столбца")]


def test_a_utf8_bom_is_accepted_in_workbook_and_registry_csv(store, tmp_path):
    folder = write_csv_workbook(tmp_path / "wb", english_sheets())
    for path in folder.iterdir():
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    registry = tmp_path / "officers.csv"
    registry.write_bytes("\ufeffcompany_inn,company_name,person_name,role\n7707083893,ООО Ромашка,Иванов Иван "
                         "Иванович,director\n".encode("utf-8"))
    results = list(load_paths(store, [folder, registry]))
    assert results[0].rows["declarations"] == 2 and results[1].rows["officers"] == 1


@pytest.mark.parametrize("verb", [["flags"], ["publish", "--year", "2023", "--out", "out"],
                                  ["report", "--year", "2023", "--out", "out"], ["schema"]])
def test_read_only_verbs_refuse_a_store_that_does_not_exist(tmp_path, verb):
    result = run(*verb, "--db", "typo.duckdb", cwd=tmp_path)
    assert result.returncode == 2 and "typo.duckdb" in result.stderr and "нет" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "typo.duckdb").exists()


def test_read_only_verbs_read_a_store_another_program_reads(tmp_path):
    folder = write_csv_workbook(tmp_path / "wb", english_sheets())
    assert run("load", str(folder), cwd=tmp_path).returncode == 0
    assert run("check", cwd=tmp_path).returncode == 0
    reader = duckdb.connect(str(tmp_path / "declarations.duckdb"), read_only=True)  # a shared lock
    try:
        flags = run("flags", "--format", "csv", cwd=tmp_path)
        schema = run("schema", cwd=tmp_path)
    finally:
        reader.close()
    assert flags.returncode == 0 and flags.stdout.startswith("flag_id,"), flags.stderr
    assert schema.returncode == 0 and "servants" in schema.stdout
