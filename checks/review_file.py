"""`review --from FILE`: the HR officer's conclusions, typed into the flags workbook or a CSV.

The workbook is the one `flags --format xlsx` wrote (checks/export.py): a «Флаги» sheet and one
sheet per code, the same flag on two sheets. The officer may type a status (the Russian label or
the key) and a note on either sheet, and the file may have been saved by Excel or LibreOffice.
A row is the officer's edit when its status or note differs from what was exported (the hidden
sheet «Выгружено» keeps that; without it, from the store's): the copy of a flag left as it was on
the other sheet does not undo the edit, and loading the same workbook twice, or an older one,
changes nothing that was not edited in it. Two different edits of one flag are an error, as are
unknown flags and statuses: all problems are reported with their sheet and row,
and nothing is applied unless everything is right (one transaction).
The CSV is `flags --format csv` (or any CSV with flag_id, status and note / status_note columns).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checks.export import EXPORTED_SHEET
from checks.flags import STATUSES
from declarations.errors import InputError, Issue
from declarations.store import Store
from declarations.text import fold

# column -> the headers it is known by (the workbook's Russian header, the CSV's keys)
HEADERS = {
    "flag_id": ("Номер флага", "flag_id"),
    "status": ("Статус", "status"),
    "note": ("Пояснение", "status_note", "note"),
}
_STATUS_BY_TEXT = {fold(k): k for k in STATUSES} | {fold(v): k for k, v in STATUSES.items()}
_EXPECTED_STATUS = "статус: " + ", ".join(f"«{label}» ({key})" for key, label in STATUSES.items())


def status_key(text: str) -> str | None:
    """The status key of a key or Russian label as typed («Даны пояснения», «отклонён», dismissed)."""
    return _STATUS_BY_TEXT.get(fold(text))


@dataclass(frozen=True)
class ReviewRow:
    sheet: str
    row: int
    flag_id: str
    status_text: str
    note: str | None


@dataclass
class ReviewSummary:
    changed: int = 0  # flags whose status or note changed
    unchanged: int = 0  # rows that repeat what the store has (a flag on two sheets counts twice)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _columns(header: Sequence[object]) -> dict[str, int]:
    folded = [fold(_text(h)) for h in header]
    found = {}
    for key, names in HEADERS.items():
        for name in names:
            if fold(name) in folded:
                found[key] = folded.index(fold(name))
                break
    return found


def _rows_of(sheet: str, header: Sequence[object], body, first_row: int) -> list[ReviewRow]:
    columns = _columns(header)
    rows = []
    for number, values in enumerate(body, start=first_row):
        values = list(values)

        def cell(key: str) -> str:
            index = columns.get(key)
            return _text(values[index]) if index is not None and index < len(values) else ""

        flag_id, status, note = cell("flag_id"), cell("status"), cell("note")
        if not (flag_id or status or note):
            continue
        rows.append(ReviewRow(sheet, number, flag_id, status, note or None))
    return rows


def read_xlsx(path: Path) -> tuple[list[ReviewRow], dict[str, tuple[str, str | None]]]:
    import openpyxl

    file = str(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile and openpyxl raise many kinds for a broken file
        raise InputError([Issue(file, expected="книга Excel (.xlsx), записанная declarations flags --format xlsx",
                                found=f"файл не читается: {str(error).splitlines()[0]}")]) from None
    rows: list[ReviewRow] = []
    exported: dict[str, tuple[str, str | None]] = {}
    usable = 0
    try:
        for ws in workbook.worksheets:
            cells = ws.iter_rows(values_only=True)
            header = list(next(cells, ()) or ())
            if ws.title == EXPORTED_SHEET:
                exported = {r.flag_id: (r.status_text, r.note) for r in _rows_of(ws.title, header, cells, 2)}
                continue
            if not {"flag_id", "status"} <= set(_columns(header)):
                continue  # a sheet of the officer's own
            usable += 1
            rows += _rows_of(ws.title, header, cells, 2)
    finally:
        workbook.close()
    if not usable:
        raise InputError([Issue(file, expected="лист со столбцами «Номер флага» и «Статус» (книга declarations flags "
                                               "--format xlsx)", found="таких листов нет")])
    return rows, exported


def read_csv(path: Path) -> list[ReviewRow]:
    file = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            table = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Issue(file, expected="CSV в кодировке UTF-8", found=f"файл не читается: {error}")]) from None
    header = table[0] if table else []
    missing = [HEADERS[k][0] for k in ("flag_id", "status") if k not in _columns(header)]
    if missing:
        raise InputError([Issue(file, "", 1, ", ".join(missing),
                                "столбцы flag_id и status (или «Номер флага» и «Статус»), note или status_note",
                                ", ".join(header))])
    return _rows_of("", header, table[1:], 2)


def read_reviews(path: Path) -> tuple[list[ReviewRow], dict[str, tuple[str, str | None]]]:
    """The rows, and each flag's (status, note) as exported where the file says (the workbook does)."""
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    return read_csv(path), {}


def apply_reviews(store: Store, path: Path) -> ReviewSummary:
    """Check every row of the file, then apply the changed ones in one transaction."""
    file = str(path)
    rows, exported = read_reviews(path)
    current = {fid: (status, note or None) for fid, status, note in
               store.con.execute("SELECT flag_id, status, status_note FROM flags").fetchall()}
    baseline = dict(current)
    for flag_id, (status_text, note) in exported.items():
        if flag_id in baseline and fold(status_text) in _STATUS_BY_TEXT:
            baseline[flag_id] = (_STATUS_BY_TEXT[fold(status_text)], note)
    issues: list[Issue] = []
    decided: dict[str, tuple[ReviewRow, tuple[str, str | None]]] = {}
    summary = ReviewSummary()
    for row in rows:
        status = status_key(row.status_text)
        known = row.flag_id in current
        if not known:
            issues.append(Issue(file, row.sheet, row.row, HEADERS["flag_id"][0],
                                "номер флага из declarations flags", row.flag_id))
        if status is None:
            issues.append(Issue(file, row.sheet, row.row, HEADERS["status"][0], _EXPECTED_STATUS, row.status_text))
        if not known or status is None:
            continue
        wanted = (status, row.note)
        if wanted == baseline[row.flag_id]:
            summary.unchanged += 1
            continue
        earlier = decided.get(row.flag_id)
        if earlier is not None and earlier[1] != wanted:
            first, (first_status, first_note) = earlier
            where = f"лист «{first.sheet}», строка {first.row}" if first.sheet else f"строка {first.row}"
            issues.append(Issue(file, row.sheet, row.row, HEADERS["status"][0],
                                f"то же решение, что и в другой строке этого флага ({where}: «{STATUSES[first_status]}»"
                                f"{', ' + first_note if first_note else ''})",
                                f"«{STATUSES[status]}»{', ' + row.note if row.note else ''}"))
            continue
        decided[row.flag_id] = (row, wanted)
    if issues:
        raise InputError(issues)
    for flag_id in [f for f, (_, wanted) in decided.items() if wanted == current[f]]:
        del decided[flag_id]  # edited in the file, but the store already says so (a file loaded twice)
        summary.unchanged += 1
    now = datetime.now()
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for flag_id, (_, (status, note)) in decided.items():
            con.execute("UPDATE flags SET status = ?, status_note = ? WHERE flag_id = ?", [status, note, flag_id])
            con.execute("INSERT INTO flag_reviews VALUES (?, ?, ?, ?)", [flag_id, status, note, now])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    summary.changed = len(decided)
    return summary
