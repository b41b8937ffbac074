"""Flag lists for people and programs: a terminal table, CSV, JSON and an HR workbook (.xlsx).

`export_flags(frame, fmt, out)` takes the frame of `checks.flags.read_flags`. With `out`
the file is written and None returned; without it the text (csv, json) or a rich Table is
returned for the terminal. CSV has exactly the `flags` columns of output.md (then
`resolved_at`); JSON has the evidence as an object; the workbook has a «Флаги» sheet
(autofilter, frozen header, Russian headers, wrapped text) and one sheet per code, the
evidence rendered as a readable line, not as raw JSON.
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

from checks.flags import FLAG_COLUMNS, STATUSES
from declarations.atomic import atomic_path, atomic_write
from declarations.cell_text import neutralise

FORMATS = ("table", "csv", "json", "xlsx")
SEVERITY_RU = {"high": "высокая", "medium": "средняя", "low": "низкая"}

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

def render_evidence(code: str, evidence: Any) -> str:
    """The evidence as one readable line for an HR officer (the rule's own renderer when it has one)."""
    if not isinstance(evidence, dict):
        return "" if evidence is None else str(evidence)
    from checks.registry import rule_for

    found = rule_for(code)
    describe = found.describe if found is not None else MATCH_DESCRIBERS.get(code)
    if describe is not None:
        try:
            return describe(evidence)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # evidence of an older version: fall back to the generic rendering
    return generic_evidence(evidence)


def _undeclared_relative(evidence: dict[str, Any]) -> str:
    from checks.matching.relatives import describe

    if "candidates" not in evidence:
        raise KeyError("candidates")  # a finding of the version before the ranking
    return describe(evidence)


def _best_candidate_first(record: dict[str, Any]) -> tuple:
    candidates = (record["evidence"] if isinstance(record["evidence"], dict) else {}).get("candidates") or [{}]
    return (-(candidates[0].get("kinship_score") or 0), str(record["person_id"]), record["flag_id"])


# A code's own sheet in this order (the «Флаги» sheet keeps the order of the list)
SHEET_ORDER = {"POSSIBLE_UNDECLARED_RELATIVE": _best_candidate_first}

# Renderers of `declarations match` findings (the check rules bring their own through the registry)
MATCH_DESCRIBERS = {"POSSIBLE_UNDECLARED_RELATIVE": _undeclared_relative}


_KEY_RU = {
    "year": "год", "declaration_id": "справка", "subject": "чьи сведения", "amount": "сумма", "kind": "вид",
    "previous": "прежняя справка", "current": "текущая справка", "row": "строка", "servant": "служащий",
    "full_name": "ФИО", "person_id": "табельный номер", "organisation": "организация", "position": "должность",
    "score": "совпадение", "procedure_id": "закупка", "company_name": "организация", "company_inn": "ИНН организации",
    "role": "роль", "relation": "родство", "birth_date": "дата рождения", "source_row": "строка файла",
}


def generic_evidence(value: Any, depth: int = 0) -> str:
    """Key: value pairs, nested objects in parentheses, dates and amounts in Russian form."""
    from checks.rules import date_ru, number_ru

    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if key == "servant" and depth == 0:
                continue
            if item is None or item == [] or item == {}:
                continue
            parts.append(f"{_KEY_RU.get(key, key)}: {generic_evidence(item, depth + 1)}")
        text = "; ".join(parts)
        return text if depth == 0 else f"({text})"
    if isinstance(value, list):
        return "[" + "; ".join(generic_evidence(v, depth + 1) for v in value) + "]"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return number_ru(value, 2, trim=True)
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            return date_ru(value)
        except ValueError:
            return value
    return str(value)


# --------------------------------------------------------------------------- xlsx

def _cell(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return neutralise(ILLEGAL_CHARACTERS_RE.sub(" ", value)) if isinstance(value, str) else value


def _row_values(r: dict[str, Any]) -> list[Any]:
    from checks.registry import rule_for

    found = rule_for(r["code"])
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
