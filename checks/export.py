"""Flag lists for people and programs: a terminal table, CSV, JSON and an HR workbook (.xlsx).

`export_flags(frame, fmt, out)` takes the frame of `checks.flags.read_flags`. With `out`
the file is written and None returned; without it the text (csv, json) or a rich Table is
returned for the terminal. CSV has exactly the `flags` columns of output.md (then
`resolved_at`); JSON has the evidence as an object; the workbook has a «Флаги» sheet
(autofilter, frozen header, Russian headers, wrapped text) and one sheet per code, the
evidence rendered as a readable line, not as raw JSON (`checks.evidence_render.render_evidence`).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
from rich.table import Table
from rich.text import Text

from checks import catalogue
from checks.evidence_render import render_evidence
from checks.flags import FLAG_COLUMNS, STATUSES
from declarations.atomic import atomic_path, atomic_write
from declarations.cell_text import neutralise

FORMATS = ("table", "csv", "json", "xlsx")
SEVERITY_RU = catalogue.SEVERITIES

# Columns of the «Флаги» sheet: (header, width, value from a flag record)
XLSX_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Номер флага", 18),
    ("Табельный номер", 14),
    ("ФИО служащего", 28),
    ("Отчетный год", 10),
    ("Код", 26),
    ("Проверка", 30),
    ("Важность", 11),
    ("Сообщение", 60),
    ("Сведения (обе справки)", 80),
    ("Статус", 16),
    ("Пояснение", 30),
    ("Впервые найден", 17),
    ("Последний раз найден", 17),
    ("Устранен", 17),
)


def export_flags(frame: pl.DataFrame, fmt: str, out: Path | None = None) -> Any:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    records = _records(frame)
    if fmt == "table":
        table = flags_table(records)
        if out is None:
            return table
        from rich.console import Console
        with atomic_write(Path(out), "w", encoding="utf-8") as handle:
            Console(file=handle, width=200, highlight=False).print(table)
        return None
    if fmt == "csv":
        text = flags_csv(records)
    elif fmt == "json":
        text = flags_json(records)
    else:
        if out is None:
            raise ValueError("xlsx needs an output file")
        write_xlsx(records, Path(out))
        return None
    if out is None:
        return text
    with atomic_write(Path(out), "w", encoding="utf-8") as handle:
        handle.write(text)
    return None


# --------------------------------------------------------------------------- records

def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    records = []
    for row in frame.to_dicts():
        evidence = row.get("evidence")
        if isinstance(evidence, str):
            try:
                evidence = json.loads(evidence)
            except json.JSONDecodeError:
                pass
        row["evidence"] = evidence if evidence is not None else {}
        records.append(row)
    return records


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- table, csv, json

def flags_table(records: list[dict[str, Any]]) -> Table:
    table = Table(title=f"Флаги: {len(records)}", show_lines=False)
    for title in ("id", "year", "person", "code", "severity", "status", "message"):
        table.add_column(title, overflow="fold", no_wrap=title in ("id", "code"))
    for r in records:
        status = r.get("status") or ""
        if r.get("resolved_at"):
            status += " (устранен)"
        # Text, not markup: a message quotes user values, and `[/red]` in a name must print as it is
        table.add_row(*(Text(str(v)) for v in (r["flag_id"], r["year"], r["person_id"], r["code"], r["severity"],
                                                status, r["message"])))
    return table


def flags_csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FLAG_COLUMNS)
    for r in records:
        values = []
        for column in FLAG_COLUMNS:
            value = r.get(column)
            if column == "evidence":
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            value = _iso(value)
            values.append("" if value is None else neutralise(value))
        writer.writerow(values)
    return buffer.getvalue()


def flags_json(records: list[dict[str, Any]]) -> str:
    items = [{column: _iso(r.get(column)) for column in FLAG_COLUMNS} for r in records]
    return json.dumps(items, ensure_ascii=False, indent=2, default=str) + "\n"


# --------------------------------------------------------------------------- readable evidence

def _best_candidate_first(record: dict[str, Any]) -> tuple:
    candidates = (record["evidence"] if isinstance(record["evidence"], dict) else {}).get("candidates") or [{}]
    return (-(candidates[0].get("kinship_score") or 0), str(record["person_id"]), record["flag_id"])


# A code's own sheet in this order (the «Флаги» sheet keeps the order of the list)
SHEET_ORDER = {"POSSIBLE_UNDECLARED_RELATIVE": _best_candidate_first}

# --------------------------------------------------------------------------- xlsx

def _cell(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralise(ILLEGAL_CHARACTERS_RE.sub(" ", value)) if isinstance(value, str) else value


def _row_values(r: dict[str, Any]) -> list[Any]:
    found = catalogue.BY_CODE.get(r["code"])
    evidence = r["evidence"] if isinstance(r["evidence"], dict) else {}
    servant = evidence.get("servant") or {}
    return [
        r["flag_id"], r["person_id"], servant.get("full_name") or "", r["year"], r["code"],
        found.title if found is not None else "", SEVERITY_RU.get(r["severity"], r["severity"]), r["message"],
        render_evidence(r["code"], r["evidence"]), STATUSES.get(r.get("status") or "", r.get("status") or ""),
        r.get("status_note") or "", r.get("first_seen"), r.get("last_seen"), r.get("resolved_at"),
    ]


def _sheet(workbook, title: str, records: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append([header for header, _ in XLSX_COLUMNS])
    for r in records:
        sheet.append([_cell(v) for v in _row_values(r)])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, (_, width) in enumerate(XLSX_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
            if isinstance(cell.value, datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_COLUMNS))}{max(sheet.max_row, 1)}"


EXPORTED_SHEET = "Выгружено"


def _exported_sheet(workbook, records: list[dict[str, Any]]) -> None:
    """Hidden: each flag's status and note as exported, so `review --from` tells the officer's edits
    (on either sheet of the flag) from the copies left as they were (checks/review_file.py)."""
    sheet = workbook.create_sheet(EXPORTED_SHEET)
    sheet.append(["flag_id", "status", "status_note"])
    for r in records:
        sheet.append([r["flag_id"], r.get("status") or "", None])
        sheet.cell(row=sheet.max_row, column=3).value = _cell(r.get("status_note") or "")
        sheet.cell(row=sheet.max_row, column=3).data_type = "s"  # a note is text, even one starting with «=»
    sheet.sheet_state = "hidden"


def write_xlsx(records: list[dict[str, Any]], path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    _sheet(workbook, "Флаги", records)
    by_code: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_code.setdefault(r["code"], []).append(r)
    for code in sorted(by_code):
        rows = by_code[code]
        if code in SHEET_ORDER:
            rows = sorted(rows, key=SHEET_ORDER[code])
        _sheet(workbook, code[:31], rows)
    _exported_sheet(workbook, records)
    path.parent.mkdir(parents=True, exist_ok=True)
    from declarations.cell_text import neutralise_workbook

    neutralise_workbook(workbook)  # the sheet titles and headers too, not only the values
    with atomic_path(path) as temp:
        workbook.save(temp)
