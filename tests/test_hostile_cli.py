"""One guard for the whole command line: user mistakes and a hostile environment end with a Russian
message and a non-zero exit code, never a traceback; user text is never read as console markup;
the files of one `load` are all validated before anything is committed."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from tests.conftest import declaration, servant, write_csv_workbook, write_xlsx_workbook
from tests.workbook_sheets import english_sheets

BIN = Path(sys.executable).parent / "declarations"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=180,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "80"})


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "внутренняя ошибка" not in result.stderr, result.stderr


def declaration_count(db: Path) -> int:
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM declarations").fetchall()[0][0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    """A folder with a loaded store (`declarations.duckdb`) for the verbs that read it."""
    tmp = tmp_path_factory.mktemp("cli")
    result = run("load", str(write_csv_workbook(tmp / "wb", english_sheets())), cwd=tmp)
    assert result.returncode == 0, result.stderr
    return tmp


def test_a_year_out_of_range_is_a_usage_error(tmp_path):
    result = run("deadline", "--year", "99999", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2 and "отчетный год от 2000 до 2100" in result.stderr


def test_an_unwritable_out_is_a_message(loaded):
    (loaded / "a_file").write_text("x")
    result = run("publish", "--year", "2023", "--out", str(loaded / "a_file" / "site"), cwd=loaded)
    no_traceback(result)
    assert result.returncode == 1 and "a_file" in result.stderr and "не является папкой" in result.stderr


def test_a_full_disk_is_a_message(loaded):
    result = run("flags", "--format", "csv", "--out", "/dev/full", cwd=loaded)
    no_traceback(result)
    assert result.returncode == 1 and "нет места" in result.stderr


def test_markup_in_a_value_is_printed_as_written(tmp_path):
    sheets = english_sheets()
    sheets["servants"][0]["birth_date"] = "[/red][bold]1980"
    result = run("load", str(write_csv_workbook(tmp_path / "wb", sheets)), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1 and "[/red][bold]1980" in result.stderr


def test_markup_in_a_path_loads_and_says_so(tmp_path):
    folder = write_csv_workbook(tmp_path / "[/red]wb[bold]", english_sheets())
    result = run("load", str(folder), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0 and "[/red]wb[bold]" in result.stdout
    assert declaration_count(tmp_path / "declarations.duckdb") == 2


def _broken_inputs(tmp: Path) -> dict[str, Path]:
    good = write_xlsx_workbook(tmp / "good.xlsx", english_sheets())
    damaged = tmp / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"<worksheet><sheetData><row" if info.filename.endswith("sheet2.xml") else data)
    empty = write_csv_workbook(tmp / "empty", english_sheets())
    (empty / "declarations.csv").write_bytes(b"")
    header_only = write_xlsx_workbook(tmp / "header_only.xlsx", {
        "servants": [servant("1")], "declarations": [declaration("d1", "1")]})
    workbook = __import__("openpyxl").load_workbook(header_only)
    workbook["declarations"].delete_rows(2)
    workbook.save(header_only)
    ocds_string = tmp / "ocds_string.json"
    ocds_string.write_text(json.dumps({"releases": "не список"}), encoding="utf-8")
    ocds_parts = tmp / "ocds_parts.json"
    ocds_parts.write_text(json.dumps({"releases": [{"ocid": "x", "parties": "строка", "tender": 5}]}),
                          encoding="utf-8")
    ocds_nested = tmp / "ocds_nested.json"
    ocds_nested.write_text(json.dumps({"records": [{"releases": [1, 2]}]}), encoding="utf-8")
    return {"damaged": damaged, "empty": empty, "header_only": header_only, "ocds_string": ocds_string,
            "ocds_parts": ocds_parts, "ocds_nested": ocds_nested}


@pytest.mark.parametrize("name, expected", [
    ("damaged", "поврежден"), ("empty", "пустой файл"), ("header_only", "хотя бы одна справка"),
    ("ocds_string", "список"), ("ocds_parts", "parties — ожидалось список"), ("ocds_nested", "объект"),
])
def test_broken_files_are_located_errors(tmp_path, name, expected):
    path = _broken_inputs(tmp_path)[name]
    result = run("load", str(path), "--db", "x.duckdb", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1 and expected in result.stderr and path.name in result.stderr
    assert declaration_count(tmp_path / "x.duckdb") == 0


def test_a_multi_file_load_commits_nothing_when_two_files_clash(tmp_path):
    first = write_csv_workbook(tmp_path / "a", english_sheets())
    sheets = english_sheets()
    for row in sheets["servants"]:
        row["organisation"] = "Другая организация"
    second = write_csv_workbook(tmp_path / "b", sheets)  # the same declaration numbers, another organisation
    result = run("load", str(first), str(second), "--db", "x.duckdb", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1 and "есть и в" in result.stderr
    assert declaration_count(tmp_path / "x.duckdb") == 0


def test_a_multi_file_load_commits_nothing_when_the_second_file_is_bad(tmp_path):
    first = write_csv_workbook(tmp_path / "a", english_sheets())
    second = tmp_path / "b.xlsx"
    second.write_bytes(b"not a workbook")
    result = run("load", str(first), str(second), "--db", "x.duckdb", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1 and declaration_count(tmp_path / "x.duckdb") == 0


def test_a_bug_is_a_short_message_with_the_details_in_a_file(tmp_path, monkeypatch):
    """The last guard: an exception the program did not foresee is not shown as a traceback."""
    from typer.testing import CliRunner

    from declarations import cli
    from declarations.cli import commands

    def broken(*args, **kwargs):
        raise RuntimeError("ошибка в программе")

    monkeypatch.setattr(commands, "deadline", broken)
    result = CliRunner().invoke(cli.app, ["deadline", "--year", "2023"])
    assert result.exit_code == 70
    assert "внутренняя ошибка программы" in result.output and "Traceback" not in result.output
    log = Path(result.output.split("подробности для разработчиков: ")[1].split()[0])
    assert "RuntimeError" in log.read_text(encoding="utf-8")
    log.unlink()
