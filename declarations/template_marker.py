"""The template's service sheet, and what the loader does with the справки it pre-filled.

`declarations template` writes a hidden sheet «Шаблон» naming the reporting year and the
справки it pre-filled from last year (drafts). A draft whose «Дата представления» is still
empty has not been received: the loader sets it aside with its rows, says so, and the
submission checks report it as missing. So an untouched template loads as an empty year
(the roster only, or nothing), while a справка the officer typed in without a date is still an
error, as the contract says. Workbooks not made by the template are read exactly by the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from declarations.readers.tables import RawSheet

MARKER_SHEET = "Шаблон"
MARKER_TITLE = "Служебный лист шаблона declarations: не изменяйте"


@dataclass
class Marker:
    year: int
    base_year: int | None = None
    drafts: set[str] = field(default_factory=set)


def marker_rows(year: int, base_year: int | None, drafts: list[str]) -> list[list[object]]:
    rows: list[list[object]] = [[MARKER_TITLE], ["year", year], ["base_year", base_year]]
    rows += [["draft", d] for d in drafts]
    return rows


def read_marker(path: Path) -> Marker | None:
    """The marker of a template workbook, or None (any other workbook, or a damaged marker)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # the workbook reader reports unreadable files itself
        return None
    try:
        if MARKER_SHEET not in workbook.sheetnames:
            return None
        rows = [r for r in workbook[MARKER_SHEET].iter_rows(values_only=True) if r and r[0] is not None]
    finally:
        workbook.close()
    values: dict[str, object] = {}
    drafts: set[str] = set()
    for row in rows:
        key, value = str(row[0]).strip(), (row[1] if len(row) > 1 else None)
        if key == "draft" and value is not None:
            drafts.add(_text(value))
        elif key in ("year", "base_year"):
            values[key] = value
    try:
        year = int(float(str(values["year"])))
    except (KeyError, ValueError):
        return None
    base = values.get("base_year")
    base_year = int(float(str(base))) if base not in (None, "") else None
    return Marker(year, base_year, drafts)


def _text(value: object) -> str:
    """A cell as the readers see it (a number typed as 2024 is the text 2024, not 2024.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _blank(column: str) -> pl.Expr:
    return pl.col(column).is_null() | (pl.col(column).str.strip_chars() == "")


def set_aside_drafts(raws: dict[str, RawSheet], marker: Marker | None) -> tuple[dict[str, RawSheet], int]:
    """Drop the template's drafts that were never given a submission date, with their section rows."""
    declarations = raws.get("declarations")
    if marker is None or not marker.drafts or declarations is None:
        return raws, 0
    frame = declarations.frame
    if "declaration_id" not in frame.columns:
        return raws, 0
    undated = _blank("submitted_on") if "submitted_on" in frame.columns else pl.lit(True)
    is_draft = pl.col("declaration_id").str.strip_chars().is_in(sorted(marker.drafts)) & undated
    unsent = set(frame.filter(is_draft).get_column("declaration_id").str.strip_chars())
    if not unsent:
        return raws, 0
    out = dict(raws)
    for key, raw in raws.items():
        if key == "declarations":
            kept = frame.filter(~is_draft)
        elif raw.sheet.section and "declaration_id" in raw.frame.columns:
            kept = raw.frame.filter(~pl.col("declaration_id").str.strip_chars().is_in(sorted(unsent)).fill_null(False))
        else:
            continue
        out[key] = RawSheet(raw.sheet, raw.name, kept, raw.headers, raw.file)
    return out, len(unsent)
