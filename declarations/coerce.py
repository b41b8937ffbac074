"""Turn text cells into typed values, the way Russian HR files write them.

Dates: `YYYY-MM-DD`, `ДД.ММ.ГГГГ` or a real Excel date. Amounts: `1 474 895,00`
(spaces, non-breaking spaces), `1474895.00` or a numeric cell. Enums: the key or
the Russian label, case-, space- and ё-insensitive. Booleans: да/нет, yes/no, 1/0.
A cell that cannot be read becomes an `Issue`, never a silent null.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from declarations.errors import Issue
from declarations.text import fold

ROW = "__row__"  # the row number as the user sees it (Excel row or CSV line)

_TRUE = ["да", "д", "yes", "y", "true", "истина", "1", "1.0"]
_FALSE = ["нет", "н", "no", "n", "false", "ложь", "0", "0.0"]

EXPECTED = {
    "date": "дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
    "int": "целое число",
    "number": "число, например 1 474 895,00",
    "bool": "«да» или «нет»",
}
EXPECTED_EXISTING_DATE = "существующая дата (такого дня нет в календаре)"


@dataclass(frozen=True)
class Location:
    file: str
    sheet: str
    headers: dict[str, str]  # key -> header as written in the file


def _clean_text(col: pl.Expr) -> pl.Expr:
    stripped = col.str.replace_all(r"[\u00a0\u202f]", " ").str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def _parse_number(col: pl.Expr) -> pl.Expr:
    compact = col.str.replace_all(r"[\s\u00a0\u202f]", "").str.replace(",", ".", literal=True)
    return compact.cast(pl.Float64, strict=False)


def _parse_int(col: pl.Expr) -> pl.Expr:
    number = _parse_number(col)
    return pl.when(number == number.round(0)).then(number.cast(pl.Int64, strict=False)).otherwise(None)


def _parse_date(col: pl.Expr) -> pl.Expr:
    return pl.coalesce(
        col.str.strptime(pl.Date, "%Y-%m-%d", strict=False, exact=True),
        col.str.strptime(pl.Date, "%d.%m.%Y", strict=False, exact=True),
        col.str.strptime(pl.Datetime, "%Y-%m-%d %H:%M:%S", strict=False, exact=True).dt.date(),
        col.str.strptime(pl.Datetime, "%Y-%m-%dT%H:%M:%S", strict=False, exact=True).dt.date(),
    )


def _date_shaped(col: pl.Expr) -> pl.Expr:
    return col.str.contains(r"^(\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2})$")


def _parse_bool(col: pl.Expr) -> pl.Expr:
    folded = col.str.to_lowercase()
    return pl.when(folded.is_in(_TRUE)).then(True).when(folded.is_in(_FALSE)).then(False).otherwise(None)


def _enum_lookup(enum: dict[str, str]) -> dict[str, str]:
    lookup = {fold(key): key for key in enum}
    lookup.update({fold(label): key for key, label in enum.items()})
    return lookup


def _parse_enum(col: pl.Expr, enum: dict[str, str]) -> pl.Expr:
    """Map keys and labels to keys; unknown values are kept so the schema reports them."""
    folded = col.str.replace_all("ё", "е").str.replace_all("Ё", "Е").str.to_lowercase()
    folded = folded.str.replace_all(r"\s+", " ")
    return folded.replace_strict(_enum_lookup(enum), default=col, return_dtype=pl.Utf8)


def coerce(raw: pl.DataFrame, schema: pa.DataFrameSchema, where: Location) -> tuple[pl.DataFrame, list[Issue]]:
    """Typed frame for `schema` from a frame of text cells, plus the cells that could not be read.

    `raw` has one Utf8 column per schema key present in the file, the `ROW` column,
    and any extra columns (kept as they are). Absent optional columns become nulls.
    """
    issues: list[Issue] = []
    exprs: list[pl.Expr] = []
    checks: list[tuple[str, str, pl.Expr]] = []
    for name, column in schema.columns.items():
        meta = column.metadata
        kind = meta["kind"]
        text = _clean_text(pl.col(name)) if name in raw.columns else pl.lit(None, dtype=pl.Utf8)
        if kind == "number":
            value = _parse_number(text)
        elif kind == "int":
            value = _parse_int(text)
        elif kind == "date":
            value = _parse_date(text)
        elif kind == "bool":
            value = _parse_bool(text)
        elif kind == "enum":
            value = _parse_enum(text, meta["enum"])
        else:
            value = text
        if kind in EXPECTED:
            checks.append((name, kind, text.is_not_null() & value.is_null()))
        if meta["default"] is not None:
            value = value.fill_null(pl.lit(meta["default"]))
        exprs.append(value.alias(name))

    if checks:
        failed = raw.with_row_index("__i__").select(
            ROW,
            *[pl.col(n).alias(f"__raw_{n}") if n in raw.columns else pl.lit(None).alias(f"__raw_{n}") for n, _, _ in checks],
            *[bad.alias(f"__bad_{n}") for n, _, bad in checks],
        )
        for name, kind, _ in checks:
            bad_rows = failed.filter(pl.col(f"__bad_{name}")).select(ROW, pl.col(f"__raw_{name}").alias("v"))
            for row, value in bad_rows.iter_rows():
                expected = EXPECTED[kind]
                if kind == "date" and pl.select(_date_shaped(pl.lit(value.strip()))).item():
                    expected = EXPECTED_EXISTING_DATE
                issues.append(Issue(where.file, where.sheet, row, where.headers.get(name, name), expected, value))

    extras = [c for c in raw.columns if c not in schema.columns and c != ROW]
    typed = raw.select(
        pl.col(ROW),
        *exprs,
        (pl.struct(extras).struct.json_encode() if extras else pl.lit(None, dtype=pl.Utf8)).alias("extra"),
    )
    return typed, issues
