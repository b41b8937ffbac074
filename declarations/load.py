"""Load input files into the store: find each file's form, read, validate, insert.

Every file is validated completely before anything is written; a file with any
issue loads nothing (and the issues of all files are reported together).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from declarations.coerce import ROW
from declarations.errors import InputError, Issue
from declarations.model import COMMISSIONS, OFFICERS, PROCUREMENT, REGISTRY_SHEETS, SERVANTS, Sheet
from declarations.readers import declarator, ocds
from declarations.readers.tables import read_csv_table, sheet_for_name
from declarations.readers.workbook import read_csv_folder, read_xlsx
from declarations.text import fold
from declarations.store import LoadBatch, LoadResult, Store, file_sha256
from declarations.template_marker import Marker, read_marker, set_aside_drafts
from declarations.validate import Table, validate_sheet, validate_tables


def discover(paths: list[Path]) -> tuple[list[Path], list[Issue]]:
    """Expand folders into the input files they hold (a CSV workbook folder is one input)."""
    found: list[Path] = []
    issues: list[Issue] = []
    for path in paths:
        if not path.exists():
            issues.append(Issue(str(path), expected="существующий файл или папка", found="не найдено"))
        elif path.is_dir() and not _is_csv_workbook(path):
            # a folder's manifest.json (the sample generator's list of planted cases) is not an input
            children = sorted(p for p in path.iterdir() if not p.name.startswith(".") and p.name != "manifest.json")
            inner, inner_issues = discover([p for p in children if p.is_dir() or p.suffix.lower() in {".xlsx", ".csv", ".json"}])
            found += inner
            issues += inner_issues
        else:
            found.append(path)
    return found, issues


def _is_csv_workbook(path: Path) -> bool:
    return any(sheet_for_name(p.name, (SERVANTS,)) for p in path.glob("*.csv"))


def prepare(path: Path) -> LoadBatch:
    """Read and validate one input into a batch, or raise InputError with all its issues."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return _workbook_batch(path, *read_csv_folder(path))
    if suffix == ".xlsx":
        return _workbook_batch(path, *read_xlsx(path), marker=read_marker(path))
    if suffix == ".json":
        return _json_batch(path)
    if suffix == ".csv":
        return _registry_batch(path)
    raise InputError([Issue(str(path), expected="файл .xlsx, .csv, .json или папка CSV-файлов", found=path.name)])


def _store_frame(table: Table, **constants: object) -> pl.DataFrame:
    frame = table.frame.rename({ROW: "source_row"})
    return frame.with_columns(*[pl.lit(v).alias(k) for k, v in constants.items()])


def _workbook_batch(path: Path, raws, issues: list[Issue], marker: Marker | None = None) -> LoadBatch:
    file = str(path)
    raws, unsent = set_aside_drafts(raws, marker)
    tables = validate_tables(file, raws, issues)
    years = tables["declarations"].frame.get_column("year").drop_nulls()
    if years.is_empty() and marker is None and tables["servants"].frame.height:
        raise InputError([Issue(file, tables["declarations"].name, None, "", "хотя бы одна справка (по ней виден "
                                "отчетный год)", "лист без справок")])
    year = int(years.max()) if not years.is_empty() else (marker.year if marker else None)
    out: dict[str, pl.DataFrame] = {}
    for key, table in tables.items():
        constants: dict[str, object] = {}
        if key in ("servants", "relatives"):
            constants["year"] = year
        if key in ("servants", "declarations"):
            constants["source"] = "workbook"
        out[key] = _store_frame(table, **constants)
    organisations = sorted(set(out["servants"].get_column("organisation")))
    notes = [f"не представлено справок (без даты представления): {unsent} — не загружены"] if unsent else []
    if not organisations:
        notes.append("книга пуста (ни служащих, ни справок): ничего не загружено")
    return LoadBatch("workbook", file, file_sha256(path), [f"{org}|{year}" for org in organisations], out, year,
                     notes=notes)


def _registry_batch(path: Path) -> LoadBatch:
    file = str(path)
    sheet = sheet_for_name(path.name, REGISTRY_SHEETS) or _sheet_by_headers(path)
    if sheet is None:
        raise InputError([Issue(file, expected="procurement.csv, commissions.csv или officers.csv (по имени файла или столбцам)",
                                found=path.name)])
    raw, issues = read_csv_table(path, sheet)
    if raw is None:
        raise InputError(issues)
    table, sheet_issues = validate_sheet(raw)
    if issues or sheet_issues:
        raise InputError(issues + sheet_issues)
    frame = _store_frame(table)
    return LoadBatch(sheet.key, file, file_sha256(path), registry_scope(sheet.key, frame), {sheet.key: frame})


def registry_scope(kind: str, frame: pl.DataFrame) -> list[str]:
    """What a registry file replaces: its procedures, or its companies for the register."""
    column = "company_inn" if kind == OFFICERS.key else "procedure_id"
    return sorted(set(frame.get_column(column).drop_nulls()))


def _sheet_by_headers(path: Path) -> Sheet | None:
    header = {fold(c) for c in pl.read_csv(path, n_rows=0, infer_schema=False).columns}
    for sheet in (PROCUREMENT, COMMISSIONS, OFFICERS):
        required = {fold(k) for k, c in sheet.columns.items() if c.metadata["required"]}
        if required <= header:
            return sheet
    return None


def _json_batch(path: Path) -> LoadBatch:
    file = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError([Issue(file, expected="JSON в кодировке UTF-8", found=f"файл не читается: {error}")]) from error
    if isinstance(data, dict) and "persons" in data:
        tables = declarator.read(data, file)
        scope = [f"declarator|{file_sha256(path)}"]
        year = data.get("document", {}).get("year")
        return LoadBatch("declarator", file, file_sha256(path), scope, tables, year)
    if isinstance(data, dict) and ("releases" in data or "records" in data):
        frame = ocds.read(data, file)
        return LoadBatch("procurement", file, file_sha256(path), registry_scope("procurement", frame), {"procurement": frame})
    raise InputError([Issue(file, expected="Declarator JSON (persons) или пакет OCDS (releases / records)",
                            found="JSON другого вида")])


def check_against_store(store: Store, batch: LoadBatch) -> list[Issue]:
    """Declaration numbers must not collide with those of other, not replaced, loads."""
    if "declarations" not in batch.tables:
        return []
    ids = batch.tables["declarations"].select("declaration_id", "source_row")
    store.con.register("__incoming_ids", ids.to_arrow())
    try:
        clashes = store.con.execute(
            """SELECT i.source_row, i.declaration_id, l.source FROM __incoming_ids i
               JOIN declarations d USING (declaration_id) JOIN loads l USING (load_id)
               WHERE NOT (l.kind = ? AND len(list_intersect(l.scope, ?)) > 0)""",
            [batch.kind, batch.scope],
        ).fetchall()
    finally:
        store.con.unregister("__incoming_ids")
    return [
        Issue(batch.source, "declarations", row, "declaration_id", "номер справки, которого еще нет в базе",
              f"{did} — уже загружен из {source}")
        for row, did, source in clashes
    ]


def load_paths(
    store: Store, paths: list[Path], on_file: Callable[[Path], None] | None = None
) -> Iterator[LoadResult]:
    """Validate every input, then load them one transaction each; raise InputError if any fails.

    Nothing is written when any file has an issue: the user fixes all and reruns.
    """
    files, issues = discover(paths)
    batches: list[LoadBatch] = []
    for path in files:
        if on_file:
            on_file(path)
        try:
            batch = prepare(path)
        except InputError as error:
            issues += error.issues
            continue
        issues += check_against_store(store, batch)
        batches.append(batch)
    if issues:
        raise InputError(issues)
    for batch in batches:
        if not batch.scope:  # an empty workbook (an untouched template): an empty year, not an error
            yield LoadResult(batch.source, batch.kind, notes=batch.notes)
            continue
        yield store.load(batch)
