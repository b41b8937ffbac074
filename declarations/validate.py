"""Validate raw sheets against the model and against each other.

All problems of a file are collected (never only the first): unreadable cells,
every pandera rule of every sheet (run lazily), and the references between sheets
(every `declaration_id` and `person_id` resolving, `corrects` pointing at a
справка of the same person, year and subject). A file with any issue loads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from declarations.coerce import ROW, Location, coerce
from declarations.errors import InputError, Issue
from declarations.model import DECLARATIONS, RELATIVES, SERVANTS, Sheet
from declarations.readers.tables import RawSheet
from declarations.rules import FRAME_CHECK_COLUMNS

_PANDERA_EXPECTED = {
    "not_nullable": "обязательное значение",
    "field_uniqueness": "уникальное значение (такое уже есть выше или ниже)",
}


@dataclass
class Table:
    """A validated, typed table with the user-visible row numbers kept in `ROW`."""

    sheet: Sheet
    name: str  # sheet name as written
    frame: pl.DataFrame
    headers: dict[str, str]
    raw: pl.DataFrame  # the text cells as written, same rows as `frame`
    file: str

    def header(self, key: str) -> str:
        return self.headers.get(key, self.sheet.columns[key].title if key in self.sheet.columns else key)


def validate_sheet(raw: RawSheet) -> tuple[Table, list[Issue]]:
    where = Location(raw.file, raw.name, raw.headers)
    typed, issues = coerce(raw.frame, raw.sheet.schema, where)
    table = Table(raw.sheet, raw.name, typed, raw.headers, raw.frame, raw.file)
    try:
        raw.sheet.schema.validate(typed, lazy=True)
    except pa.errors.SchemaErrors as errors:
        unreadable = {(i.row, i.column) for i in issues}  # already reported: not also "required"
        # a required column that is not in the file is one error (the reader's), not one per row
        absent = {table.header(key) for key, column in raw.sheet.columns.items()
                  if column.metadata["required"] and key not in raw.frame.columns}
        issues += [i for i in _schema_issues(table, errors.failure_cases)
                   if (i.row, i.column) not in unreadable
                   and not (i.column in absent and i.expected == _PANDERA_EXPECTED["not_nullable"])]
    return table, issues


def _schema_issues(table: Table, failures: pl.DataFrame) -> list[Issue]:
    rows = table.frame.get_column(ROW)
    unique = table.sheet.schema.unique or []
    issues = []
    for case in failures.iter_rows(named=True):
        index = case["index"]
        row = rows[index] if index is not None and index < len(rows) else None
        check = case["check"] or ""
        column = case["column"]
        if check == "multiple_fields_uniqueness":
            names = ", ".join(f"«{table.header(c)}»" for c in unique)
            expected, column = f"уникальное сочетание {names}", unique[0]
        else:
            expected = _PANDERA_EXPECTED.get(check, check)
            column = FRAME_CHECK_COLUMNS.get(check, column)
        found = case["failure_case"]
        if column and index is not None and index < len(rows):
            source = table.raw if column in table.raw.columns else table.frame
            value = source.get_column(column)[index] if column in source.columns else None
            found = "" if value is None else str(value)
        issues.append(Issue(table.file, table.name, row, table.header(column) if column else "", expected, found or ""))
    return issues


def _dangling(table: Table, column: str, target: Table | None, target_column: str, what: str) -> list[Issue]:
    """Rows whose `column` value is not among `target_column` values of `target`."""
    known = target.frame.get_column(target_column) if target is not None else pl.Series([], dtype=pl.Utf8)
    bad = table.frame.filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(known.implode()))
    return [
        Issue(table.file, table.name, row, table.header(column), what, value)
        for row, value in bad.select(ROW, column).iter_rows()
    ]


def check_references(file: str, tables: dict[str, Table]) -> list[Issue]:
    """References between sheets; `file` names the workbook for workbook-wide issues."""
    servants = tables.get(SERVANTS.key)
    declarations = tables.get(DECLARATIONS.key)
    relatives = tables.get(RELATIVES.key)
    issues: list[Issue] = []
    for key, table in tables.items():
        if table.sheet.section and declarations is not None:
            issues += _dangling(table, "declaration_id", declarations, "declaration_id",
                                f"номер справки с листа «{declarations.name}»")
        if "person_id" in table.frame.columns and key != SERVANTS.key and servants is not None:
            issues += _dangling(table, "person_id", servants, "person_id",
                                f"табельный номер с листа «{servants.name}»")
    if declarations is not None:
        issues += _declaration_links(declarations, relatives)
    return issues


def _declaration_links(declarations: Table, relatives: Table | None) -> list[Issue]:
    file = declarations.file
    frame = declarations.frame
    issues: list[Issue] = []
    years = frame.get_column("year").drop_nulls().unique()
    if len(years) > 1:
        issues.append(Issue(file, declarations.name, None, declarations.header("year"),
                            "один отчетный год в файле", ", ".join(str(y) for y in sorted(years))))
    rel = relatives.frame.select("relative_id", pl.col("person_id").alias("__rel_person")) if relatives else pl.DataFrame(
        schema={"relative_id": pl.Utf8, "__rel_person": pl.Utf8})
    linked = frame.join(rel, on="relative_id", how="left")
    missing_name = linked.filter(
        pl.col("relative_id").is_not_null() & pl.col("__rel_person").is_null() & pl.col("subject_name").is_null()
    )
    issues += [
        Issue(file, declarations.name, row, declarations.header("subject_name"),
              "ФИО лица, если кода родственника нет на листе родственников", "")
        for (row,) in missing_name.select(ROW).iter_rows()
    ]
    foreign = linked.filter(pl.col("__rel_person").is_not_null() & (pl.col("__rel_person") != pl.col("person_id")))
    issues += [
        Issue(file, declarations.name, row, declarations.header("relative_id"),
              f"родственник служащего {person}", f"{rid} — родственник служащего {other}")
        for row, person, rid, other in foreign.select(ROW, "person_id", "relative_id", "__rel_person").iter_rows()
    ]
    originals = frame.select(
        pl.col("declaration_id").alias("corrects"),
        pl.col("person_id").alias("__o_person"),
        pl.col("year").alias("__o_year"),
        pl.col("subject").alias("__o_subject"),
        pl.col("relative_id").alias("__o_relative"),
    )
    corrections = frame.filter(pl.col("corrects").is_not_null()).join(originals, on="corrects", how="left")
    for row, target, person, year, subject, relative, o_person, o_year, o_subject, o_relative in corrections.select(
        ROW, "corrects", "person_id", "year", "subject", "relative_id", "__o_person", "__o_year", "__o_subject", "__o_relative"
    ).iter_rows():
        header = declarations.header("corrects")
        if o_person is None:
            issues.append(Issue(file, declarations.name, row, header, "номер справки из этого файла", target))
        elif (o_person, o_year, o_subject, o_relative) != (person, year, subject, relative):
            issues.append(Issue(
                file, declarations.name, row, header,
                f"справка того же лица за тот же год ({person}, {year}, {subject})",
                f"{target}: {o_person}, {o_year}, {o_subject}",
            ))
        elif target == frame.filter(pl.col(ROW) == row).get_column("declaration_id").item():
            issues.append(Issue(file, declarations.name, row, header, "номер другой справки", target))
    return issues + _correction_chains(declarations)


def _correction_chains(declarations: Table) -> list[Issue]:
    """One correction per справка, and no cycle: otherwise which справка is in force is not defined
    (and the servant would vanish from the publication, every справка of the chain replaced)."""
    frame = declarations.frame.filter(pl.col("corrects").is_not_null())
    header = declarations.header("corrects")
    issues: list[Issue] = []
    by_target: dict[str, list[tuple[int, str]]] = {}
    corrects: dict[str, str] = {}
    rows: dict[str, int] = {}
    for row, did, target in frame.select(ROW, "declaration_id", "corrects").iter_rows():
        by_target.setdefault(target, []).append((row, did))
        corrects[did] = target
        rows[did] = row
    for target, corrections in by_target.items():
        for row, did in corrections[1:]:
            others = ", ".join(d for _, d in corrections if d != did)
            issues.append(Issue(declarations.file, declarations.name, row, header,
                                "одна уточненная справка на каждую справку",
                                f"{target} уточняют и {did}, и {others}"))
    reported: set[str] = set()
    for start in corrects:
        seen = [start]
        current = corrects.get(start)
        while current is not None and current not in seen and current in corrects:
            seen.append(current)
            current = corrects[current]
        if current == start and len(seen) > 1 and start not in reported:
            reported.update(seen)
            chain = " → ".join([*seen, start])
            issues.append(Issue(declarations.file, declarations.name, min(rows[d] for d in seen), header,
                                "уточнение более ранней справки (без замкнутого круга)", f"круг: {chain}"))
    return issues


def validate_tables(file: str, raws: dict[str, RawSheet], issues: list[Issue]) -> dict[str, Table]:
    """Typed tables of one file, or `InputError` with every issue found."""
    tables: dict[str, Table] = {}
    known = {(i.sheet, i.row, i.column) for i in issues}  # a reader's own finding is not repeated as a rule's
    for key, raw in raws.items():
        table, sheet_issues = validate_sheet(raw)
        tables[key] = table
        issues = issues + [i for i in sheet_issues if (i.sheet, i.row, i.column) not in known]
    issues += check_references(file, tables)
    if issues:
        raise InputError(issues)
    return tables
