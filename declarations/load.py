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
from declarations.model import COMMISSIONS, DECLARATIONS, OFFICERS, PROCUREMENT, REGISTRY_SHEETS, SERVANTS, Sheet
from declarations.readers import declarator, ocds
from declarations import duplicates, family_order
from declarations.people import LinkSummary, link_people
from declarations.settings import Settings, load_settings
from declarations.readers.tables import csv_cells, csv_files, read_csv_table, sheet_for_name
from declarations.readers.workbook import read_csv_folder, read_xlsx
from declarations.text import fold
from declarations.store import LoadBatch, LoadResult, Store, file_sha256
from declarations.template_marker import Marker, read_marker, set_aside_drafts
from declarations.validate import Table, validate_sheet, validate_tables


# a clash of справка numbers is told with the names the officer's workbook uses
DECLARATIONS_SHEET = DECLARATIONS.title
DECLARATION_ID_COLUMN = DECLARATIONS.columns["declaration_id"].title


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
    return any(sheet_for_name(p.name, (SERVANTS,)) for p in csv_files(path))


def prepare(path: Path, options: declarator.ReadOptions | None = None) -> LoadBatch:
    """Read and validate one input into a batch, or raise InputError with all its issues."""
    suffix = path.suffix.lower()
    if path.is_dir():
        return _workbook_batch(path, *read_csv_folder(path))
    if suffix == ".xlsx":
        return _workbook_batch(path, *read_xlsx(path), marker=read_marker(path))
    if suffix == ".json":
        return _json_batch(path, options)
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
    if not years.is_empty():
        largest = years.max()
        assert isinstance(largest, int)  # the validated year column is Int64
        year = largest
    elif marker is not None:  # an untouched template has its year in the marker
        year = marker.year
    else:
        declarations = tables["declarations"]
        raise InputError([Issue(declarations.file, declarations.name, None, "",
                                "хотя бы одна справка (по ней виден отчетный год)", "лист без справок")])
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
    try:
        header = {fold(c) for c in csv_cells(path, n_rows=0)[0]}
    except (pl.exceptions.PolarsError, UnicodeDecodeError):
        return None  # not a registry by its columns; read_csv_table names the problem when it is one
    for sheet in (PROCUREMENT, COMMISSIONS, OFFICERS):
        required = {fold(k) for k, c in sheet.columns.items() if c.metadata["required"]}
        if required <= header:
            return sheet
    return None


def _json_batch(path: Path, options: declarator.ReadOptions | None = None) -> LoadBatch:
    file = str(path)
    try:
        # utf-8-sig: a UTF-8 byte-order mark (Windows editors write one) is read, not refused
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
        # a JSON file stands alone like a public document: one unreadable file must not block a folder
        raise PublicInputError([Issue(file, expected="JSON в кодировке UTF-8",
                                      found=f"файл не читается: {error}")]) from error
    try:
        if isinstance(data, dict) and ("persons" in data or "sections" in data or "person" in data):
            sha = file_sha256(path)
            tables, issues, year, notes = declarator.read(data, file, sha, options)
            if issues:
                raise PublicInputError(issues)
            # one document per path: a new version of the file replaces the old one; the same content under
            # another path is another document (its declarations are kept as repeats, see duplicates.py)
            return LoadBatch("declarator", file, sha, [f"declarator|{path.resolve()}"], tables, year, notes)
        if isinstance(data, dict) and ("releases" in data or "records" in data):
            frame = ocds.read(data, file)
            return LoadBatch("procurement", file, file_sha256(path), registry_scope("procurement", frame), {"procurement": frame})
    except (TypeError, AttributeError, KeyError, IndexError, ValueError, OverflowError) as error:
        # the readers name the parts they check; a part of a type they did not foresee still ends here
        public = isinstance(data, dict) and ("persons" in data or "sections" in data or "person" in data)
        raise (PublicInputError if public else InputError)([Issue(file, expected="JSON со структурой Декларатора или OCDS",
                                found=f"часть файла неверного типа: {type(error).__name__}: {error}"[:300])]) from None
    raise PublicInputError([Issue(file, expected="Declarator JSON (persons) или пакет OCDS (releases / records)",
                            found="JSON другого вида")])


def _no_constant(name: str) -> None:
    """NaN and Infinity are not JSON numbers; Python would read them, the contract does not."""
    raise ValueError(f"{name} — не число JSON")


class PublicInputError(InputError):
    """Issues of one public-data file: that file is refused, the other files of the load still load."""


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
        Issue(batch.source, DECLARATIONS_SHEET, row, DECLARATION_ID_COLUMN, "номер справки, которого еще нет в базе",
              f"{did} — уже загружен из {source}")
        for row, did, source in clashes
    ]


def load_paths(
    store: Store, paths: list[Path], on_file: Callable[[Path], None] | None = None,
    options: declarator.ReadOptions | None = None, settings: Settings | None = None,
    on_linked: Callable[[LinkSummary], None] | None = None,
) -> Iterator[LoadResult]:
    """Validate every input, then write them all in one transaction; raise InputError if any fails.

    Nothing is written when any HR or registry file has an issue: the user fixes all and reruns.
    Public declarations are independent documents of many publishers: a Declarator file with
    an issue loads nothing, the others of the same call still load, and the issues are raised
    after them (`InputError.loaded` says how many files did load).

    When public declarations were loaded, person resolution (`declarations.people`) then re-links
    every public section of the store in one transaction; `on_linked` receives its summary.
    """
    files, issues = discover(paths)
    refused_public: list[Issue] = []
    batches: list[LoadBatch] = []
    for path in files:
        if on_file:
            on_file(path)
        try:
            batch = prepare(path, options)
        except PublicInputError as error:
            refused_public += error.issues
            continue
        except InputError as error:
            issues += error.issues
            continue
        issues += check_against_store(store, batch)
        issues += check_against_batches(batches, batch)
        batches.append(batch)
    if issues:
        raise InputError(issues + refused_public)
    fingerprints = duplicates.Fingerprints(store)
    for batch in batches:
        if batch.kind == "declarator":
            duplicates.mark(batch, fingerprints)
    for batch in batches:
        if not batch.scope:  # an empty workbook (an untouched template): an empty year, not an error
            yield LoadResult(batch.source, batch.kind, notes=batch.notes)
    results = store.load_all([batch for batch in batches if batch.scope])  # one transaction
    yield from results
    if any(batch.kind == "declarator" for batch in batches):
        summary = link_people(store, settings if settings is not None else load_settings())
        if on_linked and summary:
            on_linked(summary)
        family_order.align_children(store.con)   # children follow the person ids just assigned
    if refused_public:
        refusal = InputError(refused_public)
        refusal.loaded = sum(not result.unchanged for result in results)
        raise refusal


def check_against_batches(earlier: list[LoadBatch], batch: LoadBatch) -> list[Issue]:
    """Declaration numbers must not collide with those of another file of the same `load` (one that the
    file does not replace): checked before anything is written, so a clash loads nothing."""
    if "declarations" not in batch.tables:
        return []
    ids = batch.tables["declarations"].select("declaration_id", "source_row")
    issues = []
    for other in earlier:
        if "declarations" not in other.tables:
            continue
        if other.kind == batch.kind and set(other.scope) & set(batch.scope):
            continue  # the later file replaces the earlier one
        known = other.tables["declarations"].get_column("declaration_id").implode()
        for did, row in ids.filter(pl.col("declaration_id").is_in(known)).iter_rows():
            issues.append(Issue(batch.source, DECLARATIONS_SHEET, row, DECLARATION_ID_COLUMN,
                                "номер справки, которого нет в других загружаемых файлах",
                                f"{did} — есть и в {other.source}"))
    return issues
