"""The declaration workbook: an `.xlsx` file or a folder of `<sheet>.csv` files."""

from __future__ import annotations

from pathlib import Path

import fastexcel
import openpyxl

from declarations.errors import Issue
from declarations.model import WORKBOOK_SHEETS, Sheet
from declarations.readers.tables import RawSheet, read_csv_table, read_xlsx_sheet, sheet_for_name


def _first_used_rows(path: Path) -> dict[str, int]:
    """Excel row of each sheet's first used cell, from the sheet's dimension (no cells are read)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: (ws.min_row or 1) for ws in workbook.worksheets}
    finally:
        workbook.close()


def read_xlsx(path: Path, sheets: tuple[Sheet, ...] = WORKBOOK_SHEETS) -> tuple[dict[str, RawSheet], list[Issue]]:
    file = str(path)
    try:
        reader = fastexcel.read_excel(path)
        first_rows = _first_used_rows(path)
    except Exception as error:  # calamine and zipfile raise many kinds for broken files
        reason = str(error).splitlines()[0]
        return {}, [Issue(file, "", None, "", "книга Excel (.xlsx)", f"файл поврежден или не является .xlsx: {reason}")]
    found: dict[str, RawSheet] = {}
    issues: list[Issue] = []
    for name in reader.sheet_names:
        sheet = sheet_for_name(name, sheets)
        if sheet is None or sheet.key in found:
            continue
        raw, sheet_issues = read_xlsx_sheet(reader, name, sheet, file, first_rows.get(name, 1))
        issues += sheet_issues
        if raw is not None:
            found[sheet.key] = raw
    return found, issues + _missing_sheets(file, found, sheets)


def read_csv_folder(path: Path, sheets: tuple[Sheet, ...] = WORKBOOK_SHEETS) -> tuple[dict[str, RawSheet], list[Issue]]:
    found: dict[str, RawSheet] = {}
    issues: list[Issue] = []
    for csv_path in sorted(path.glob("*.csv")):
        sheet = sheet_for_name(csv_path.name, sheets)
        if sheet is None or sheet.key in found:
            continue
        raw, sheet_issues = read_csv_table(csv_path, sheet)
        issues += sheet_issues
        if raw is not None:
            found[sheet.key] = raw
    return found, issues + _missing_sheets(str(path), found, sheets)


def _missing_sheets(file: str, found: dict[str, RawSheet], sheets: tuple[Sheet, ...]) -> list[Issue]:
    return [
        Issue(file, sheet.title, None, "", f"лист «{sheet.title}» ({sheet.key})", "нет такого листа")
        for sheet in sheets
        if sheet.required and sheet.key not in found
    ]
