"""The declaration workbook: an `.xlsx` file or a folder of `<sheet>.csv` files.

One sheet (or CSV file) per key: a second sheet that the model reads as the same one (say a very
hidden «Доходы» beside the visible «incomes») is an error that names both and their visibility,
never a silent choice. A formula cell whose result was never saved (a workbook written by a
program, not by Excel) is reported as such, not as an empty cell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import openpyxl
from openpyxl.utils import column_index_from_string

from declarations.coerce import ROW
from declarations.errors import Issue
from declarations.model import WORKBOOK_SHEETS, Sheet
from declarations.readers.tables import RawSheet, csv_files, read_csv_table, read_xlsx_sheet, sheet_for_name

STATES_RU = {"visible": "", "hidden": " (скрытый)", "veryHidden": " (очень скрытый)"}
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<v>[^<]+</v>")  # a saved result; openpyxl writes `<v />` or nothing


@dataclass
class SheetFacts:
    """What calamine does not tell: where the sheet starts, whether it is hidden, formulas without a value."""

    first_row: int = 1
    first_column: int = 1
    state: str = "visible"
    uncached_formulas: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, column letter)


def _uncached_formulas(data: bytes) -> list[tuple[int, str]]:
    if b"<f" not in data:
        return []
    found = []
    for match in _CELL.finditer(data):
        body = match.group(2) or b""
        if (b"<f>" in body or b"<f " in body) and not _VALUE.search(body):
            ref = _REF.search(match.group(1))
            if ref:
                found.append((int(ref.group(2)), ref.group(1).decode()))
    return found


def _sheet_facts(path: Path) -> dict[str, SheetFacts]:
    """Each sheet's first used row (from its dimension), visibility and formula cells without a value."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        facts = {ws.title: SheetFacts(ws.min_row or 1, ws.min_column or 1, ws.sheet_state) for ws in workbook.worksheets}
        with zipfile.ZipFile(path) as package:
            for ws in workbook.worksheets:
                part = getattr(ws, "_worksheet_path", None)
                if part:
                    facts[ws.title].uncached_formulas = _uncached_formulas(package.read(part.lstrip("/")))
        return facts
    finally:
        workbook.close()


def _header_of(raw: RawSheet | None, letter: str, first_column: int) -> str:
    """The header of an Excel column as written (the cell's reference where the sheet has none)."""
    index = column_index_from_string(letter) - first_column
    written = [c for c in raw.frame.columns if c != ROW] if raw is not None else []
    if raw is not None and 0 <= index < len(written):
        name = written[index]
        return raw.headers.get(name, name)
    return f"ячейка {letter}"


def _damaged(file: str, error: Exception, sheet: str = "") -> Issue:
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return Issue(file, sheet, None, "", "книга Excel (.xlsx)", f"файл поврежден или не является .xlsx: {reason}")


def read_xlsx(path: Path, sheets: tuple[Sheet, ...] = WORKBOOK_SHEETS) -> tuple[dict[str, RawSheet], list[Issue]]:
    file = str(path)
    try:
        reader = fastexcel.read_excel(path.read_bytes())  # bytes: the path is never a pattern
        facts = _sheet_facts(path)
    except Exception as error:  # calamine, openpyxl and zipfile raise many kinds for broken files
        return {}, [_damaged(file, error)]
    found: dict[str, RawSheet] = {}
    names: dict[str, list[str]] = {}
    issues: list[Issue] = []
    for name in reader.sheet_names:
        sheet = sheet_for_name(name, sheets)
        if sheet is None:
            continue
        names.setdefault(sheet.key, []).append(name)
        if sheet.key in found:
            continue
        fact = facts.get(name, SheetFacts())
        try:
            raw, sheet_issues = read_xlsx_sheet(reader, name, sheet, file, fact.first_row)
        except Exception as error:  # a damaged sheet part: named, the other sheets still checked
            issues.append(_damaged(file, error, name))
            continue
        issues += sheet_issues
        issues += [Issue(file, name, row, _header_of(raw, letter, fact.first_column),
                         f"значение в ячейке {letter}{row} (формула без сохраненного результата: "
                         f"откройте книгу в Excel и сохраните)", "формула без значения")
                   for row, letter in fact.uncached_formulas]
        if raw is not None:
            found[sheet.key] = raw
    for key, written in names.items():
        if len(written) > 1:
            sheet = next(s for s in sheets if s.key == key)
            listed = ", ".join(f"«{n}»{STATES_RU.get(facts.get(n, SheetFacts()).state, '')}" for n in written)
            issues.append(Issue(file, written[1], None, "", f"один лист «{sheet.title}» ({key})",
                                f"несколько листов: {listed}"))
    return found, issues + _missing_sheets(file, found, sheets, names)


def read_csv_folder(path: Path, sheets: tuple[Sheet, ...] = WORKBOOK_SHEETS) -> tuple[dict[str, RawSheet], list[Issue]]:
    found: dict[str, RawSheet] = {}
    names: dict[str, list[str]] = {}
    issues: list[Issue] = []
    for csv_path in csv_files(path):
        sheet = sheet_for_name(csv_path.name, sheets)
        if sheet is None:
            continue
        names.setdefault(sheet.key, []).append(csv_path.name)
        if sheet.key in found or len(names[sheet.key]) > 1:
            continue
        raw, sheet_issues = read_csv_table(csv_path, sheet)
        issues += sheet_issues
        if raw is not None:
            found[sheet.key] = raw
    for key, written in names.items():
        if len(written) > 1:
            sheet = next(s for s in sheets if s.key == key)
            issues.append(Issue(str(path), sheet.title, None, "", f"один файл для листа «{sheet.title}» ({key})",
                                "несколько файлов: " + ", ".join(written)))
    return found, issues + _missing_sheets(str(path), found, sheets, names)


def _missing_sheets(file: str, found: dict[str, RawSheet], sheets: tuple[Sheet, ...],
                    seen: dict[str, list[str]] | None = None) -> list[Issue]:
    seen = seen or {}
    return [
        Issue(file, sheet.title, None, "", f"лист «{sheet.title}» ({sheet.key})", "нет такого листа")
        for sheet in sheets
        if sheet.required and sheet.key not in found and sheet.key not in seen
    ]
